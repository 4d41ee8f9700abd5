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

    /// A lower bound on its heap use: the slots `capacity()` reports, empty
    /// or not, each a `String` header and the table's control byte for that
    /// slot, which still leaves out the eighth of the buckets the table never
    /// fills; and every key's bytes, which live in their own allocation. The
    /// allocator's own rounding and headers come on top.
    pub fn memory_bytes(&self) -> usize {
        let slots = self.keys.capacity() * (size_of::<String>() + 1);
        let key_bytes: usize = self.keys.iter().map(String::len).sum();
        slots + key_bytes
    }
}
// ANCHOR_END: exact
