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

/// Nanoseconds per request of `run` over `keys` (best of three), and the
/// share of requests that hit.
fn time(keys: &[u64], mut run: impl FnMut(&[u64]) -> usize) -> (f64, f64) {
    let mut best = f64::INFINITY;
    let mut hits = 0;
    for _ in 0..3 {
        let started = Instant::now();
        hits = black_box(run(keys));
        best = best.min(started.elapsed().as_nanos() as f64 / keys.len() as f64);
    }
    (best, hits as f64 / keys.len() as f64)
}

fn main() {
    if cfg!(debug_assertions) {
        eprintln!("note: timings of a debug build mean little; add --release");
    }
    let keys = trace(false);
    let ours = time(&keys, |keys| {
        let mut cache = Lru::new(CAPACITY);
        let mut hits = 0;
        for &k in keys {
            if cache.get(&k).is_some() {
                hits += 1;
            } else {
                cache.put(k, k);
            }
        }
        hits
    });
    let ours_foldhash = time(&keys, |keys| {
        let mut cache = Lru::with_hasher(CAPACITY, foldhash::fast::RandomState::default());
        let mut hits = 0;
        for &k in keys {
            if cache.get(&k).is_some() {
                hits += 1;
            } else {
                cache.put(k, k);
            }
        }
        hits
    });
    let lru_crate = time(&keys, |keys| {
        let mut cache = lru::LruCache::new(NonZeroUsize::new(CAPACITY).expect("not zero"));
        let mut hits = 0;
        for &k in keys {
            if cache.get(&k).is_some() {
                hits += 1;
            } else {
                cache.put(k, k);
            }
        }
        hits
    });
    let moka = time(&keys, |keys| {
        let cache = moka::sync::Cache::new(CAPACITY as u64);
        let mut hits = 0;
        for &k in keys {
            if cache.get(&k).is_some() {
                hits += 1;
            } else {
                cache.insert(k, k);
            }
        }
        hits
    });
    // The same cache with TinyLFU's admission filter off: every new key is
    // admitted, and the least recently used one leaves.
    let moka_lru = time(&keys, |keys| {
        let cache = moka::sync::Cache::builder()
            .max_capacity(CAPACITY as u64)
            .eviction_policy(moka::policy::EvictionPolicy::lru())
            .build();
        let mut hits = 0;
        for &k in keys {
            if cache.get(&k).is_some() {
                hits += 1;
            } else {
                cache.insert(k, k);
            }
        }
        hits
    });
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
