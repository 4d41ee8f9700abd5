//! Cold starts: a serverless function keeps an instance warm for a while
//! after each request; a request that arrives after the instance was shut
//! down waits for a new one to start.

// ANCHOR: cold
/// The share of requests that start cold, for one instance that stays warm
/// for `keep_warm_s` after each request, when requests arrive at random
/// (a Poisson process) at `per_minute`. A request is cold when the gap
/// since the previous one is longer than `keep_warm_s`, which for random
/// arrivals happens with probability `exp(-rate * keep_warm)`.
pub fn cold_share(per_minute: f64, keep_warm_s: f64) -> f64 {
    (-(per_minute / 60.0) * keep_warm_s).exp()
}
// ANCHOR_END: cold

/// The same share counted on `requests` seeded random arrivals, to check
/// the formula.
pub fn cold_share_simulated(per_minute: f64, keep_warm_s: f64, requests: usize, seed: u64) -> f64 {
    let mut rng = seeded::SplitMix64(seed);
    let mean_gap_s = 60.0 / per_minute;
    let cold = (0..requests)
        .filter(|_| rng.exponential(mean_gap_s) > keep_warm_s)
        .count();
    cold as f64 / requests as f64
}
