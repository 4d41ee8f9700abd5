//! The workload every policy sees: the same seeded sequence of keys.

use seeded::{SplitMix64, Zipf};

/// Distinct keys that can be asked for.
pub const KEYS: usize = 100_000;
/// Requests in one trace.
pub const REQUESTS: usize = 1_000_000;
/// How many keys the cache holds: 1% of them.
pub const CAPACITY: usize = 1_000;

// ANCHOR: trace
/// `REQUESTS` keys drawn by Zipf's law over `KEYS` keys. With `scan`, a
/// batch job halfway through reads 20,000 other keys once each, in order,
/// as a report or a backup would.
pub fn trace(scan: bool) -> Vec<u64> {
    let zipf = Zipf::new(KEYS);
    let mut rng = SplitMix64(42);
    let mut keys: Vec<u64> = (0..REQUESTS)
        .map(|_| zipf.sample(&mut rng) as u64)
        .collect();
    if scan {
        let scanned = (KEYS as u64..KEYS as u64 + 20_000).collect::<Vec<_>>();
        keys.splice(REQUESTS / 2..REQUESTS / 2, scanned);
    }
    keys
}
// ANCHOR_END: trace

/// Where the scan ends in a trace made with `scan`.
pub const SCAN_END: usize = REQUESTS / 2 + 20_000;

/// The share of `trace` that `policy` hits.
pub fn hit_ratio(policy: &mut dyn crate::policies::Policy, trace: &[u64]) -> f64 {
    hit_ratio_in(policy, trace, 0..trace.len())
}

/// Runs all of `trace` through `policy`, counting hits only in `counted`.
pub fn hit_ratio_in(
    policy: &mut dyn crate::policies::Policy,
    trace: &[u64],
    counted: std::ops::Range<usize>,
) -> f64 {
    let mut hits = 0;
    for (i, &key) in trace.iter().enumerate() {
        if policy.access(key) && counted.contains(&i) {
            hits += 1;
        }
    }
    f64::from(hits) / counted.len() as f64
}
