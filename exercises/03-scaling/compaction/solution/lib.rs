//! LSM compaction: sorted runs merged into one, the newest version of each
//! key winning, and deletions (tombstones) kept until nothing older can
//! hide beneath them.
//!
// --- solution ---
//! Reference solution of the exercise; the tests live in
//! `../tests/compaction.rs`.
// --- stub ---
// //! Your task: implement [`compact`] until `cargo test -p compaction`
// //! passes. The tests in `tests/compaction.rs` are the specification.
// --- end ---

// --- solution ---
use std::collections::BTreeMap;

// --- end ---
/// One entry: a key and its value, or `None` for a deletion (a tombstone).
pub type Entry = (u64, Option<String>);

/// A run that is not sorted by strictly increasing key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsorted {
    /// Which run, counting from 0 (oldest).
    pub run: usize,
}

/// Merges `runs` (oldest first, each sorted by key with no key twice) into
/// one sorted run. For a key in several runs, the newest run's entry wins.
/// Tombstones stay, so that they still hide the key in older runs not in
/// this compaction, unless `bottom` says no older data exists: then a
/// tombstone and the key it deletes both disappear.
pub fn compact(runs: &[Vec<Entry>], bottom: bool) -> Result<Vec<Entry>, Unsorted> {
    // --- solution ---
    let mut merged: BTreeMap<u64, Option<String>> = BTreeMap::new();
    for (i, run) in runs.iter().enumerate() {
        if run.windows(2).any(|w| w[0].0 >= w[1].0) {
            return Err(Unsorted { run: i });
        }
        // Later runs are newer: their entries replace older ones.
        for (key, value) in run {
            merged.insert(*key, value.clone());
        }
    }
    Ok(merged
        .into_iter()
        .filter(|(_, value)| !(bottom && value.is_none()))
        .collect())
    // --- stub ---
    // todo!("compact({runs:?}, {bottom})")
    // --- end ---
}
