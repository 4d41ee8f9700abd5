//! Our models against a real Redis (a private `redis-server`; `cargo xtask
//! services up` installs it). Redis samples with a clock-seeded generator,
//! so these compare within a tolerance. `--nocapture` prints the figures.

use eviction::policies::{Lfu, LruPolicy, Random, SampledLru};
use eviction::redis_run::{PrivateRedis, replay};
use eviction::trace::{CAPACITY, hit_ratio, trace};

// allkeys-random and allkeys-lfu land within a point or two of our random and LFU at the
// size Redis held. allkeys-lru, whose one-second clock sees the cache turn over many times
// per tick, lands well below the exact LRU and near our sampled LRU whose clock stands still.
#[test]
fn redis_agrees_with_our_models() {
    let redis = PrivateRedis::start().unwrap_or_else(|e| panic!("{e}"));
    let keys = &trace(false)[..400_000];

    let r = replay(&redis, "allkeys-random", keys, CAPACITY).unwrap();
    let ours = hit_ratio(&mut Random::new(r.held, 7), keys);
    println!(
        "random: Redis {:.4} ours {ours:.4} held {}",
        r.hit_ratio, r.held
    );
    assert!(
        (r.hit_ratio - ours).abs() < 0.01,
        "random: Redis {} ours {ours}",
        r.hit_ratio
    );
    assert!(
        r.held > CAPACITY * 9 / 10 && r.held < CAPACITY * 6 / 5,
        "memory for {CAPACITY} keys held {}",
        r.held
    );

    let r = replay(&redis, "allkeys-lfu", keys, CAPACITY).unwrap();
    let ours = hit_ratio(&mut Lfu::new(r.held), keys);
    println!(
        "lfu: Redis {:.4} ours {ours:.4} held {}",
        r.hit_ratio, r.held
    );
    assert!(
        (r.hit_ratio - ours).abs() < 0.02,
        "lfu: Redis {} ours {ours}",
        r.hit_ratio
    );

    let r = replay(&redis, "allkeys-lru", keys, CAPACITY).unwrap();
    let exact = hit_ratio(&mut LruPolicy::new(r.held), keys);
    let stopped = hit_ratio(
        &mut SampledLru::new(r.held, 5, 7).with_tick(1_000_000),
        keys,
    );
    println!(
        "lru: Redis {:.4} exact {exact:.4} stopped clock {stopped:.4} held {} in {:.1} s",
        r.hit_ratio, r.held, r.seconds
    );
    assert!(
        r.hit_ratio < exact - 0.03,
        "lru: Redis {} exact {exact}",
        r.hit_ratio
    );
    assert!(
        (r.hit_ratio - stopped).abs() < 0.015,
        "lru: Redis {} stopped clock {stopped}",
        r.hit_ratio
    );
}
