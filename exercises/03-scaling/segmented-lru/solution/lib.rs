//! A segmented LRU (SLRU): a key must be asked for twice before it is
//! protected, so a one-off scan of many keys cannot push the popular ones
//! out, as it does in a plain LRU.
//!
// --- solution ---
//! Reference solution of the exercise; the tests live in
//! `../tests/segmented-lru.rs`.
// --- stub ---
// //! Your task: implement the methods of [`Slru`] until
// //! `cargo test -p segmented-lru` passes. The tests in
// //! `tests/segmented-lru.rs` are the specification.
// --- end ---

// --- solution ---
use std::collections::VecDeque;

// --- end ---
/// Two LRU lists. New keys enter *probation*; a hit there moves the key to
/// *protected*. When protected is full, its least recently used key goes
/// back to probation (the newest end) instead of leaving; when probation
/// is full, its least recently used key leaves the cache.
#[derive(Debug)]
pub struct Slru {
    // --- solution ---
    /// Newest first.
    probation: VecDeque<u64>,
    /// Newest first.
    protected: VecDeque<u64>,
    probation_capacity: usize,
    protected_capacity: usize,
    // --- stub ---
    // // Add what you need.
    // --- end ---
}

impl Slru {
    /// `capacity` keys in all: four fifths of it (rounded down) protected,
    /// the rest probation.
    ///
    /// # Panics
    ///
    /// If `capacity` is below 2: each list needs room for a key.
    pub fn new(capacity: usize) -> Slru {
        assert!(
            capacity >= 2,
            "a segmented LRU needs a capacity of at least 2, got {capacity}"
        );
        // --- solution ---
        let protected_capacity = (capacity * 4 / 5).max(1);
        Slru {
            probation: VecDeque::new(),
            protected: VecDeque::new(),
            probation_capacity: capacity - protected_capacity,
            protected_capacity,
        }
        // --- stub ---
        // todo!("Slru::new({capacity})")
        // --- end ---
    }

    /// A request for `key`: true on a hit. A miss adds the key.
    pub fn access(&mut self, key: u64) -> bool {
        // --- solution ---
        if let Some(i) = self.protected.iter().position(|&k| k == key) {
            self.protected.remove(i);
            self.protected.push_front(key);
            return true;
        }
        if let Some(i) = self.probation.iter().position(|&k| k == key) {
            self.probation.remove(i);
            self.protected.push_front(key);
            if self.protected.len() > self.protected_capacity
                && let Some(demoted) = self.protected.pop_back()
            {
                self.probation.push_front(demoted);
            }
            return true;
        }
        self.probation.push_front(key);
        if self.probation.len() > self.probation_capacity {
            self.probation.pop_back();
        }
        false
        // --- stub ---
        // todo!("access({key})")
        // --- end ---
    }

    /// Whether `key` is cached, without counting as a use.
    pub fn contains(&self, key: u64) -> bool {
        // --- solution ---
        self.protected.contains(&key) || self.probation.contains(&key)
        // --- stub ---
        // todo!("contains({key})")
        // --- end ---
    }

    /// Whether `key` is in the protected list.
    pub fn is_protected(&self, key: u64) -> bool {
        // --- solution ---
        self.protected.contains(&key)
        // --- stub ---
        // todo!("is_protected({key})")
        // --- end ---
    }

    /// How many keys it holds.
    pub fn len(&self) -> usize {
        // --- solution ---
        self.protected.len() + self.probation.len()
        // --- stub ---
        // todo!("len")
        // --- end ---
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
