//! Our models against a real Redis (a private `redis-server`; `cargo xtask
//! services up` installs it). Redis samples with a clock-seeded generator,
//! so these compare within a tolerance.

use eviction::policies::{Lfu, LruPolicy, Random, SampledLru};
use eviction::redis_run::{PrivateRedis, replay};
use eviction::trace::{CAPACITY, hit_ratio, trace};

// allkeys-random and allkeys-lfu land within a few points of our random and LFU at the
// size Redis held; allkeys-lru, on a trace that runs within a few ticks of its one-second
// LRU clock, lands below the exact LRU and near our sampled LRU whose clock does not tick.
#[test]
fn redis_agrees_with_our_models() {
    let redis = PrivateRedis::start().unwrap_or_else(|e| panic!("{e}"));
    let keys = &trace(false)[..400_000];

    let r = replay(&redis, "allkeys-random", keys, CAPACITY).unwrap();
    let ours = hit_ratio(&mut Random::new(r.held, 7), keys);
    assert!(
        (r.hit_ratio - ours).abs() < 0.025,
        "random: Redis {} ours {ours}",
        r.hit_ratio
    );

    let r = replay(&redis, "allkeys-lfu", keys, CAPACITY).unwrap();
    let ours = hit_ratio(&mut Lfu::new(r.held), keys);
    assert!(
        (r.hit_ratio - ours).abs() < 0.03,
        "lfu: Redis {} ours {ours}",
        r.hit_ratio
    );

    let r = replay(&redis, "allkeys-lru", keys, CAPACITY).unwrap();
    let exact = hit_ratio(&mut LruPolicy::new(r.held), keys);
    let stopped = hit_ratio(
        &mut SampledLru::new(r.held, 5, 7).with_tick(1_000_000),
        keys,
    );
    assert!(
        r.hit_ratio < exact + 0.005,
        "lru: Redis {} exact {exact}",
        r.hit_ratio
    );
    assert!(
        r.hit_ratio > stopped - 0.03,
        "lru: Redis {} stopped clock {stopped}",
        r.hit_ratio
    );
    assert!(
        r.held > CAPACITY / 2 && r.held < CAPACITY * 3,
        "held {}",
        r.held
    );
}
