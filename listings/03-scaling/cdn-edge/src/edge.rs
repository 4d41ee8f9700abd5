//! An edge cache: at most `capacity` objects, each kept for `ttl_s` seconds
//! after it was fetched, the least recently used evicted first.

use std::collections::{BTreeMap, HashMap};

// ANCHOR: edge
pub struct EdgeCache {
    capacity: usize,
    ttl_s: f64,
    /// Every cached object, by its cache key.
    entries: HashMap<String, Entry>,
    /// Last use to key, oldest first, to find what to evict.
    by_use: BTreeMap<u64, String>,
    uses: u64,
}

struct Entry {
    expires_at: f64,
    last_use: u64,
    version: u32,
}

/// What the edge did with one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// Served from the cache: the version it holds.
    Hit { version: u32 },
    /// Not cached, or expired: fetched from the origin.
    Miss,
}

impl EdgeCache {
    pub fn new(capacity: usize, ttl_s: f64) -> EdgeCache {
        assert!(capacity > 0 && ttl_s > 0.0, "a cache needs room and a TTL");
        EdgeCache {
            capacity,
            ttl_s,
            entries: HashMap::new(),
            by_use: BTreeMap::new(),
            uses: 0,
        }
    }

    /// Looks `key` up at time `now`; on a miss, stores `origin_version`,
    /// what the origin returns now.
    pub fn get(&mut self, key: &str, now: f64, origin_version: u32) -> Lookup {
        self.uses += 1;
        if let Some(entry) = self.entries.get_mut(key)
            && now < entry.expires_at
        {
            self.by_use.remove(&entry.last_use);
            entry.last_use = self.uses;
            self.by_use.insert(self.uses, key.to_string());
            return Lookup::Hit {
                version: entry.version,
            };
        }
        self.remove(key);
        if self.entries.len() == self.capacity {
            let (_, oldest) = self.by_use.pop_first().expect("a full cache has entries");
            self.entries.remove(&oldest);
        }
        self.entries.insert(
            key.to_string(),
            Entry {
                expires_at: now + self.ttl_s,
                last_use: self.uses,
                version: origin_version,
            },
        );
        self.by_use.insert(self.uses, key.to_string());
        Lookup::Miss
    }

    /// Drops `key` at once: what a CDN's purge API does at every PoP.
    pub fn purge(&mut self, key: &str) {
        self.remove(key);
    }

    fn remove(&mut self, key: &str) {
        if let Some(entry) = self.entries.remove(key) {
            self.by_use.remove(&entry.last_use);
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
// ANCHOR_END: edge
