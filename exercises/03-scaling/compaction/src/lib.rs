//! LSM compaction: sorted runs merged into one, the newest version of each
//! key winning, and deletions (tombstones) kept until nothing older can
//! hide beneath them.
//!
//! Your task: implement [`compact`] until `cargo test -p compaction`
//! passes. The tests in `tests/compaction.rs` are the specification.

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
    todo!("compact({runs:?}, {bottom})")
}
