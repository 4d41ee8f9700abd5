//! The naive answer: keep every key.

use std::collections::HashSet;

// ANCHOR: exact
/// An exact set never lies, and it costs the keys themselves.
pub struct ExactSet {
    keys: HashSet<String>,
}

impl ExactSet {
    pub fn build<'a>(keys: impl IntoIterator<Item = &'a str>) -> ExactSet {
        ExactSet {
            keys: keys.into_iter().map(str::to_owned).collect(),
        }
    }

    pub fn contains(&self, key: &str) -> bool {
        self.keys.contains(key)
    }

    /// A lower bound on its heap use: for each slot `capacity()` reports,
    /// empty or not, a `String` and one byte of the table's bookkeeping;
    /// plus every key's bytes, which live in their own allocation.
    pub fn memory_bytes(&self) -> usize {
        let slots = self.keys.capacity() * (size_of::<String>() + 1);
        let key_bytes: usize = self.keys.iter().map(String::len).sum();
        slots + key_bytes
    }
}
// ANCHOR_END: exact
