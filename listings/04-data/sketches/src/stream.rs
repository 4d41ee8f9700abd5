//! The stream every measurement uses, and the exact answers to compare with.

use std::collections::HashMap;

use seeded::{SplitMix64, Zipf};

/// Distinct keys the stream draws from.
pub const KEYS: usize = 200_000;
/// Draws in the stream.
pub const DRAWS: usize = 1_000_000;

/// `DRAWS` keys "user-<rank>", rank drawn by Zipf's law over `KEYS` keys.
pub fn zipf_stream(seed: u64) -> Vec<String> {
    let zipf = Zipf::new(KEYS);
    let mut rng = SplitMix64(seed);
    (0..DRAWS)
        .map(|_| format!("user-{}", zipf.sample(&mut rng)))
        .collect()
}

/// The exact count of every key: a `HashMap<String, u64>`.
pub fn exact_counts(stream: &[String]) -> HashMap<String, u64> {
    let mut counts = HashMap::new();
    for key in stream {
        match counts.get_mut(key) {
            Some(count) => *count += 1,
            None => {
                counts.insert(key.clone(), 1);
            }
        }
    }
    counts
}

/// A lower bound on the map's heap use: each slot holds a `String` and a
/// `u64` plus one byte of bookkeeping, and each key's bytes live apart.
pub fn map_bytes(counts: &HashMap<String, u64>) -> usize {
    let slots = counts.capacity() * (size_of::<(String, u64)>() + 1);
    slots + counts.keys().map(String::len).sum::<usize>()
}
