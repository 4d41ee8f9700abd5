//! A segmented LRU (SLRU): a key must be asked for twice before it is
//! protected, so a one-off scan of many keys cannot push the popular ones
//! out, as it does in a plain LRU.
//!
//! Your task: implement the methods of [`Slru`] until
//! `cargo test -p segmented-lru` passes. The tests in
//! `tests/segmented-lru.rs` are the specification.

/// Two LRU lists. New keys enter *probation*; a hit there moves the key to
/// *protected*. When protected is full, its least recently used key goes
/// back to probation (the newest end) instead of leaving; when probation
/// is full, its least recently used key leaves the cache.
#[derive(Debug)]
pub struct Slru {
    // Add what you need.
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
        todo!("Slru::new({capacity})")
    }

    /// A request for `key`: true on a hit. A miss adds the key.
    pub fn access(&mut self, key: u64) -> bool {
        todo!("access({key})")
    }

    /// Whether `key` is cached, without counting as a use.
    pub fn contains(&self, key: u64) -> bool {
        todo!("contains({key})")
    }

    /// Whether `key` is in the protected list.
    pub fn is_protected(&self, key: u64) -> bool {
        todo!("is_protected({key})")
    }

    /// How many keys it holds.
    pub fn len(&self) -> usize {
        todo!("len")
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
