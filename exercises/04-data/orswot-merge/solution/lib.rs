//! An observed-remove set without tombstones: each element keeps the dots
//! of the adds that put it there, and the set remembers, per replica, how
//! many of that replica's adds it has seen. A dot it has seen but no
//! longer holds was removed.
//!
// --- solution ---
//! Reference solution of the exercise; the tests live in
//! `../tests/orswot-merge.rs`.
// --- stub ---
// //! Your task: implement [`OrSet::merge`] until
// //! `cargo test -p orswot-merge` passes. The tests in
// //! `tests/orswot-merge.rs` are the specification.
// --- end ---

use std::collections::{BTreeMap, BTreeSet};

/// One add: the replica that made it, and its how-manieth add it was.
pub type Dot = (u8, u64);

#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct OrSet {
    /// Each element in the set, with the dots of the adds that put it
    /// there. Never an empty set of dots.
    pub entries: BTreeMap<&'static str, BTreeSet<Dot>>,
    /// Per replica, how many of its adds this state has seen, whether
    /// their elements are still here or were removed.
    pub seen: BTreeMap<u8, u64>,
}

impl OrSet {
    pub fn new() -> OrSet {
        OrSet::default()
    }

    /// Adds `e` with a new dot. The element's older dots are all seen, so
    /// the new one replaces them.
    pub fn add(&mut self, replica: u8, e: &'static str) -> Dot {
        let n = self.seen.get(&replica).copied().unwrap_or(0) + 1;
        self.seen.insert(replica, n);
        let dot = (replica, n);
        self.entries.insert(e, BTreeSet::from([dot]));
        dot
    }

    /// Removes `e`: its dots stay counted in `seen`, so a merge can tell
    /// "removed here" from "not yet seen here".
    pub fn remove(&mut self, e: &'static str) {
        self.entries.remove(e);
    }

    pub fn contains(&self, e: &'static str) -> bool {
        self.entries.contains_key(e)
    }

    pub fn elements(&self) -> BTreeSet<&'static str> {
        self.entries.keys().copied().collect()
    }

    /// Whether this state has seen the add `dot`.
    pub fn has_seen(&self, dot: Dot) -> bool {
        self.seen.get(&dot.0).is_some_and(|&n| n >= dot.1)
    }

    /// Takes in `other`: afterwards this state holds every add that either
    /// side holds and neither side has removed, and has seen every add
    /// either side has seen.
    pub fn merge(&mut self, other: &OrSet) {
        // --- solution ---
        let keys: BTreeSet<&'static str> = self
            .entries
            .keys()
            .chain(other.entries.keys())
            .copied()
            .collect();
        let none = BTreeSet::new();
        let mut entries = BTreeMap::new();
        for e in keys {
            let mine = self.entries.get(e).unwrap_or(&none);
            let theirs = other.entries.get(e).unwrap_or(&none);
            let kept: BTreeSet<Dot> = mine
                .intersection(theirs)
                .chain(mine.difference(theirs).filter(|&&d| !other.has_seen(d)))
                .chain(theirs.difference(mine).filter(|&&d| !self.has_seen(d)))
                .copied()
                .collect();
            if !kept.is_empty() {
                entries.insert(e, kept);
            }
        }
        self.entries = entries;
        for (&r, &n) in &other.seen {
            let mine = self.seen.entry(r).or_insert(0);
            *mine = (*mine).max(n);
        }
        // --- stub ---
        // let _ = other;
        // todo!("merge the entries and the seen counts")
        // --- end ---
    }
}
