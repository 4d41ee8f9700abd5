//! An LRU cache in which every operation is O(1): a hash map finds a key's
//! slot, and a doubly linked list through the slots keeps them in order of
//! use. The list links are indices into a `Vec`, not pointers, so the
//! borrow checker has nothing to object to and no `unsafe` is needed.

use std::collections::HashMap;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hash};

/// "No slot": the end of the list.
const NIL: usize = usize::MAX;

// ANCHOR: lru
struct Slot<K, V> {
    key: K,
    value: V,
    /// The slot used just more recently, or NIL.
    newer: usize,
    /// The slot used just less recently, or NIL.
    older: usize,
}

/// At most `capacity` entries; adding one more drops the least recently
/// used. `S` hashes the keys: std's DoS-resistant SipHash unless you pick
/// another.
pub struct Lru<K, V, S = RandomState> {
    index: HashMap<K, usize, S>,
    slots: Vec<Slot<K, V>>,
    /// The most recently used slot.
    newest: usize,
    /// The least recently used slot: the next to go.
    oldest: usize,
    capacity: usize,
}

impl<K: Hash + Eq + Clone, V> Lru<K, V> {
    pub fn new(capacity: usize) -> Lru<K, V> {
        Lru::with_hasher(capacity, RandomState::new())
    }
}

impl<K: Hash + Eq + Clone, V, S: BuildHasher> Lru<K, V, S> {
    pub fn with_hasher(capacity: usize, hasher: S) -> Lru<K, V, S> {
        assert!(capacity > 0, "an LRU cache needs room for one entry");
        Lru {
            index: HashMap::with_capacity_and_hasher(capacity, hasher),
            slots: Vec::with_capacity(capacity),
            newest: NIL,
            oldest: NIL,
            capacity,
        }
    }

    /// The value, now the most recently used.
    pub fn get(&mut self, key: &K) -> Option<&V> {
        let i = *self.index.get(key)?;
        self.unlink(i);
        self.push_newest(i);
        Some(&self.slots[i].value)
    }

    /// Inserts or replaces; returns the entry it evicted to make room.
    pub fn put(&mut self, key: K, value: V) -> Option<(K, V)> {
        if let Some(&i) = self.index.get(&key) {
            self.slots[i].value = value;
            self.unlink(i);
            self.push_newest(i);
            return None;
        }
        if self.slots.len() < self.capacity {
            self.slots.push(Slot {
                key: key.clone(),
                value,
                newer: NIL,
                older: NIL,
            });
            let i = self.slots.len() - 1;
            self.index.insert(key, i);
            self.push_newest(i);
            return None;
        }
        // Full: the oldest slot takes the new entry.
        let i = self.oldest;
        self.unlink(i);
        let old_key = std::mem::replace(&mut self.slots[i].key, key.clone());
        let old_value = std::mem::replace(&mut self.slots[i].value, value);
        self.index.remove(&old_key);
        self.index.insert(key, i);
        self.push_newest(i);
        Some((old_key, old_value))
    }

    /// Takes slot `i` out of the list.
    fn unlink(&mut self, i: usize) {
        let (newer, older) = (self.slots[i].newer, self.slots[i].older);
        match newer {
            NIL => self.newest = older,
            n => self.slots[n].older = older,
        }
        match older {
            NIL => self.oldest = newer,
            o => self.slots[o].newer = newer,
        }
    }

    /// Puts slot `i` at the newest end.
    fn push_newest(&mut self, i: usize) {
        self.slots[i].newer = NIL;
        self.slots[i].older = self.newest;
        match self.newest {
            NIL => self.oldest = i,
            n => self.slots[n].newer = i,
        }
        self.newest = i;
    }
}
// ANCHOR_END: lru

impl<K: Hash + Eq + Clone, V, S: BuildHasher> Lru<K, V, S> {
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The keys from most to least recently used (for tests).
    pub fn keys_newest_first(&self) -> Vec<K> {
        let mut keys = Vec::with_capacity(self.len());
        let mut i = self.newest;
        while i != NIL {
            keys.push(self.slots[i].key.clone());
            i = self.slots[i].older;
        }
        keys
    }
}
