//! A small LRU cache and a store wrapper that consults it first.
//!
//! Short links never change once created, so a cached entry is never stale:
//! the classic cache-invalidation problem only returns if links can be
//! edited or deleted.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::store::{InsertError, LinkStore, lock};

// ANCHOR: lru
/// Least-recently-used cache with a hard capacity.
///
/// `entries` finds a value; `recency` orders keys by the tick of their last
/// use, so the smallest tick is the one to evict. Both are O(log n) or
/// better; production caches (moka, quick_cache) use cleverer structures.
#[derive(Debug)]
pub struct Lru {
    capacity: usize,
    tick: u64,
    entries: HashMap<String, (String, u64)>,
    recency: BTreeMap<u64, String>,
}

impl Lru {
    pub fn new(capacity: usize) -> Self {
        Lru {
            capacity,
            tick: 0,
            entries: HashMap::new(),
            recency: BTreeMap::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Returns the value and marks the key as just used.
    pub fn get(&mut self, key: &str) -> Option<String> {
        self.tick += 1;
        let (value, last_used) = self.entries.get_mut(key)?;
        self.recency.remove(last_used);
        *last_used = self.tick;
        self.recency.insert(self.tick, key.to_string());
        Some(value.clone())
    }

    /// Inserts or refreshes `key`, evicting the least recently used key
    /// when full.
    pub fn put(&mut self, key: &str, value: &str) {
        if self.capacity == 0 {
            return;
        }
        self.tick += 1;
        if let Some((old_value, last_used)) = self.entries.get_mut(key) {
            self.recency.remove(last_used);
            *old_value = value.to_string();
            *last_used = self.tick;
        } else {
            if self.entries.len() == self.capacity
                && let Some((_, oldest)) = self.recency.pop_first()
            {
                self.entries.remove(&oldest);
            }
            self.entries
                .insert(key.to_string(), (value.to_string(), self.tick));
        }
        self.recency.insert(self.tick, key.to_string());
    }
}
// ANCHOR_END: lru

// ANCHOR: cached
/// Cache-aside in front of any store: reads try the cache, fill it on a
/// miss; writes go straight to the store.
#[derive(Debug)]
pub struct CachedStore<S> {
    inner: S,
    cache: Mutex<Lru>,
    hits: AtomicU64,
}

impl<S: LinkStore> CachedStore<S> {
    pub fn new(inner: S, capacity: usize) -> Self {
        CachedStore {
            inner,
            cache: Mutex::new(Lru::new(capacity)),
            hits: AtomicU64::new(0),
        }
    }

    pub fn inner(&self) -> &S {
        &self.inner
    }

    pub fn hits(&self) -> u64 {
        self.hits.load(Ordering::Relaxed)
    }
}

// ANCHOR: cached_impl
impl<S: LinkStore> LinkStore for CachedStore<S> {
    async fn next_id(&self) -> u64 {
        self.inner.next_id().await
    }

    async fn insert_new(&self, code: &str, url: &str) -> Result<(), InsertError> {
        self.inner.insert_new(code, url).await
    }

    async fn get(&self, code: &str) -> Option<String> {
        // The lock is taken and released in one statement: never held
        // across the .await below.
        let cached = lock(&self.cache).get(code);
        if let Some(url) = cached {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return Some(url);
        }
        let url = self.inner.get(code).await?;
        lock(&self.cache).put(code, &url);
        Some(url)
    }
}
// ANCHOR_END: cached_impl
// ANCHOR_END: cached

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{InMemoryStore, SlowStore};
    use std::time::Duration;

    // Pins LRU order: a get refreshes a key, so the untouched one is evicted.
    #[test]
    fn evicts_least_recently_used() {
        let mut lru = Lru::new(2);
        lru.put("a", "1");
        lru.put("b", "2");
        assert_eq!(lru.get("a").as_deref(), Some("1"));
        lru.put("c", "3");
        assert_eq!(lru.get("b"), None);
        assert_eq!(lru.get("a").as_deref(), Some("1"));
        assert_eq!(lru.get("c").as_deref(), Some("3"));
        assert_eq!(lru.len(), 2);
    }

    // Pins that re-putting a key updates it in place without evicting.
    #[test]
    fn put_existing_key_replaces_value() {
        let mut lru = Lru::new(2);
        lru.put("a", "1");
        lru.put("b", "2");
        lru.put("a", "9");
        assert_eq!(lru.len(), 2);
        assert_eq!(lru.get("a").as_deref(), Some("9"));
        assert_eq!(lru.get("b").as_deref(), Some("2"));
    }

    // Pins that a zero-capacity cache stores nothing and does not panic.
    #[test]
    fn zero_capacity_stores_nothing() {
        let mut lru = Lru::new(0);
        lru.put("a", "1");
        assert!(lru.is_empty());
        assert_eq!(lru.get("a"), None);
    }

    // Pins cache-aside: the second read of a code never reaches the store,
    // and misses for unknown codes are not cached.
    #[tokio::test(start_paused = true)]
    async fn second_read_is_a_hit() {
        let slow = SlowStore::new(InMemoryStore::new(), Duration::from_millis(5));
        let store = CachedStore::new(slow, 8);
        store.insert_new("a", "https://a.example").await.unwrap();
        assert_eq!(store.get("a").await.as_deref(), Some("https://a.example"));
        assert_eq!(store.get("a").await.as_deref(), Some("https://a.example"));
        assert_eq!(store.get("zz").await, None);
        assert_eq!(store.get("zz").await, None);
        assert_eq!(store.inner().reads(), 3);
        assert_eq!(store.hits(), 1);
    }
}
