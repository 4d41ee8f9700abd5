//! The CPU-bound job that the threads share.

/// Rounds of mixing per record: enough arithmetic that the job waits on the
/// processor, not on memory.
pub const ROUNDS: u32 = 64;

/// The batch the listings work on: records `0, 1, 2, ...`, so every run and
/// every machine fingerprints the same data.
pub fn records(count: usize) -> Vec<u64> {
    (0..count as u64).collect()
}

// ANCHOR: fingerprint
/// A fingerprint of a batch of records. Every record costs the same fixed
/// arithmetic, and wrapping addition ignores order, so any split of the batch
/// into chunks, fingerprinted separately and added up, gives the same answer.
pub fn fingerprint(records: &[u64]) -> u64 {
    records
        .iter()
        .fold(0, |total, &record| total.wrapping_add(mix(record)))
}
// ANCHOR_END: fingerprint

/// `ROUNDS` steps of SplitMix64 (Steele, Lea and Flood, OOPSLA 2014): a few
/// multiplications and shifts, fixed by its constants, the same on every
/// platform and Rust version.
fn mix(mut x: u64) -> u64 {
    for _ in 0..ROUNDS {
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^= x >> 31;
    }
    x
}
