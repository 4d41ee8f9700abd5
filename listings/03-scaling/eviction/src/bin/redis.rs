//! `cargo run --release -p eviction --bin redis`: the chapter's trace
//! through a real Redis under three eviction policies, each beside ours at
//! the same number of keys.
//!
//! It starts a Redis of its own (`redis-server` must be on PATH; `cargo
//! xtask services up` installs it), so its memory limit never evicts the
//! keys of another program. Redis samples keys with a generator seeded
//! from the clock, and its LRU clock ticks once a second, so the hit
//! ratios vary a little from run to run: the output is not recorded, and
//! `tests/redis.rs` checks how close they are to ours.

use std::process::ExitCode;

use eviction::policies::{Lfu, LruPolicy, Random, SampledLru};
use eviction::redis_run::{PrivateRedis, replay};
use eviction::trace::{CAPACITY, hit_ratio, trace};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let redis = PrivateRedis::start()?;
    let keys = trace(false);
    println!(
        "the chapter's trace, memory for about {CAPACITY} keys, each policy beside ours at the size Redis held"
    );
    println!("{:<16} {:>6} {:>7}   ours", "Redis policy", "held", "Redis");
    for policy in ["allkeys-lru", "allkeys-lfu", "allkeys-random"] {
        let r = replay(&redis, policy, &keys, CAPACITY)?;
        let ours = match policy {
            "allkeys-lru" => format!(
                "{:.1}% exact LRU, {:.1}% sampled, {:.1}% sampled with the clock ticking per 1M",
                100.0 * hit_ratio(&mut LruPolicy::new(r.held), &keys),
                100.0 * hit_ratio(&mut SampledLru::new(r.held, 5, 7), &keys),
                100.0
                    * hit_ratio(
                        &mut SampledLru::new(r.held, 5, 7).with_tick(1_000_000),
                        &keys
                    ),
            ),
            "allkeys-lfu" => format!(
                "{:.1}% LFU",
                100.0 * hit_ratio(&mut Lfu::new(r.held), &keys)
            ),
            _ => format!(
                "{:.1}% random",
                100.0 * hit_ratio(&mut Random::new(r.held, 7), &keys)
            ),
        };
        println!(
            "{policy:<16} {:>6} {:>6.1}%   {ours}",
            r.held,
            100.0 * r.hit_ratio
        );
        if policy == "allkeys-random" {
            println!(
                "(Redis {}, {:.1} s for {} requests a policy)",
                r.version,
                r.seconds,
                keys.len()
            );
        }
    }
    Ok(())
}
