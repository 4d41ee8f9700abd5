//! The birthday bound: among n random b-bit IDs, about n(n-1)/2 pairs each
//! collide with chance 1/2^b.

use seeded::SplitMix64;

// ANCHOR: count
/// Pairs of equal IDs among `n` random `bits`-bit IDs.
pub fn colliding_pairs(n: usize, bits: u32, seed: u64) -> u64 {
    let mut rng = SplitMix64(seed);
    let mut ids: Vec<u64> = (0..n).map(|_| rng.next_u64() >> (64 - bits)).collect();
    ids.sort_unstable();
    let mut pairs = 0;
    let mut run = 1;
    for i in 1..=ids.len() {
        if i < ids.len() && ids[i] == ids[i - 1] {
            run += 1;
        } else {
            pairs += run * (run - 1) / 2; // each pair within a run of equal IDs
            run = 1;
        }
    }
    pairs
}

/// The expected number of colliding pairs: n(n-1)/2 pairs, each equal with
/// chance 1/2^bits.
pub fn expected_pairs(n: usize, bits: u32) -> f64 {
    let n = n as f64;
    n * (n - 1.0) / 2.0 / 2f64.powi(bits as i32)
}
// ANCHOR_END: count

/// How many random `bits`-bit IDs give a one-in-two chance of any
/// collision: sqrt(2 ln 2 * 2^bits), from 1 - e^(-n^2 / 2^(bits+1)) = 1/2.
pub fn half_chance(bits: u32) -> f64 {
    (2.0 * std::f64::consts::LN_2 * 2f64.powi(bits as i32)).sqrt()
}
