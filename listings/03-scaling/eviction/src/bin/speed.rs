//! `cargo run --release -p eviction --bin speed`: our LRU beside the `lru`
//! crate and `moka` (with its TinyLFU admission and without) on the
//! chapter's trace: nanoseconds per request, and the hit ratio each gets.
//! Timings vary from machine to machine and run to run, so this output is
//! not recorded; the ratios are what to compare.

use std::hint::black_box;
use std::num::NonZeroUsize;
use std::time::Instant;

use eviction::lru::Lru;
use eviction::trace::{CAPACITY, trace};

/// Runs `keys` through a fresh cache from `new` three times: each request
/// is `hit(cache, key)`, which looks the key up and adds it on a miss.
/// Returns the best nanoseconds per request and the share of hits.
fn time<C>(keys: &[u64], new: impl Fn() -> C, hit: impl Fn(&mut C, u64) -> bool) -> (f64, f64) {
    let mut best = f64::INFINITY;
    let mut hits = 0;
    for _ in 0..3 {
        let mut cache = new();
        let started = Instant::now();
        hits = keys.iter().filter(|&&k| hit(&mut cache, k)).count();
        black_box(&cache);
        best = best.min(started.elapsed().as_nanos() as f64 / keys.len() as f64);
    }
    (best, hits as f64 / keys.len() as f64)
}

/// A request to one of our LRUs.
fn our_hit<S: std::hash::BuildHasher>(cache: &mut Lru<u64, u64, S>, k: u64) -> bool {
    let hit = cache.get(&k).is_some();
    if !hit {
        cache.put(k, k);
    }
    hit
}

fn main() {
    if cfg!(debug_assertions) {
        eprintln!("note: timings of a debug build mean little; add --release");
    }
    let keys = trace(false);
    let ours = time(&keys, || Lru::new(CAPACITY), our_hit);
    let ours_foldhash = time(
        &keys,
        || Lru::with_hasher(CAPACITY, foldhash::fast::RandomState::default()),
        our_hit,
    );
    let lru_crate = time(
        &keys,
        || lru::LruCache::new(NonZeroUsize::new(CAPACITY).expect("not zero")),
        |cache, k| {
            let hit = cache.get(&k).is_some();
            if !hit {
                cache.put(k, k);
            }
            hit
        },
    );
    let moka_hit = |cache: &mut moka::sync::Cache<u64, u64>, k: u64| {
        let hit = cache.get(&k).is_some();
        if !hit {
            cache.insert(k, k);
        }
        hit
    };
    let moka = time(&keys, || moka::sync::Cache::new(CAPACITY as u64), moka_hit);
    // The same cache with TinyLFU's admission filter off: every new key is
    // admitted, and the least recently used one leaves.
    let moka_lru = time(
        &keys,
        || {
            moka::sync::Cache::builder()
                .max_capacity(CAPACITY as u64)
                .eviction_policy(moka::policy::EvictionPolicy::lru())
                .build()
        },
        moka_hit,
    );
    println!(
        "{:<28} {:>8} {:>8} {:>10}",
        "cache", "ns/req", "vs ours", "hit ratio"
    );
    for (name, (ns, hits)) in [
        ("our LRU (index arena)", ours),
        ("our LRU, hashed by foldhash", ours_foldhash),
        ("lru crate (LruCache)", lru_crate),
        ("moka (sync::Cache)", moka),
        ("moka, EvictionPolicy::lru()", moka_lru),
    ] {
        println!(
            "{name:<28} {ns:>8.1} {:>7.2}x {:>9.1}%",
            ns / ours.0,
            hits * 100.0
        );
    }
}
