//! A small LRU cache and a store wrapper that consults it first.
//!
//! Short links never change once created, so a cached entry is never stale:
//! the classic cache-invalidation problem only returns if links can be
//! edited or deleted.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use std::sync::atomic::{AtomicU64, Ordering};
use tokio::time::Instant;

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
/// How long "this code does not exist" is remembered. Short, because a
/// code unknown now can be created a moment later on another instance.
pub const NEGATIVE_TTL: Duration = Duration::from_secs(5);
/// At most this many remembered misses; a scanner cannot grow it forever.
const MAX_MISSING: usize = 10_000;

/// Cache-aside in front of any store: reads try the cache, fill it on a
/// miss; writes go straight to the store.
#[derive(Debug)]
pub struct CachedStore<S> {
    inner: S,
    cache: Mutex<Lru>,
    /// Negative cache: codes the store did not have, and until when.
    missing: Mutex<HashMap<String, Instant>>,
    /// Single-flight: one lock per code being loaded, so concurrent
    /// misses for one code wait for one store read.
    loading: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    hits: AtomicU64,
}

impl<S: LinkStore> CachedStore<S> {
    pub fn new(inner: S, capacity: usize) -> Self {
        CachedStore {
            inner,
            cache: Mutex::new(Lru::new(capacity)),
            missing: Mutex::new(HashMap::new()),
            loading: Mutex::new(HashMap::new()),
            hits: AtomicU64::new(0),
        }
    }

    pub fn inner(&self) -> &S {
        &self.inner
    }

    pub fn hits(&self) -> u64 {
        self.hits.load(Ordering::Relaxed)
    }

    /// `Some(answer)` if the cache knows it: a URL, or a recent "no such code".
    fn cached(&self, code: &str) -> Option<Option<String>> {
        if let Some(url) = lock(&self.cache).get(code) {
            return Some(Some(url));
        }
        let mut missing = lock(&self.missing);
        match missing.get(code) {
            Some(&until) if Instant::now() < until => Some(None),
            Some(_) => {
                missing.remove(code);
                None
            }
            None => None,
        }
    }

    fn remember_missing(&self, code: &str) {
        let now = Instant::now();
        let mut missing = lock(&self.missing);
        if missing.len() >= MAX_MISSING {
            missing.retain(|_, until| *until > now);
            if missing.len() >= MAX_MISSING {
                missing.clear();
            }
        }
        missing.insert(code.to_string(), now + NEGATIVE_TTL);
    }
}

// ANCHOR: cached_impl
impl<S: LinkStore> LinkStore for CachedStore<S> {
    async fn next_id(&self) -> u64 {
        self.inner.next_id().await
    }

    async fn insert_new(&self, code: &str, url: &str) -> Result<(), InsertError> {
        self.inner.insert_new(code, url).await?;
        // This instance now knows the code exists.
        lock(&self.missing).remove(code);
        Ok(())
    }

    async fn get(&self, code: &str) -> Option<String> {
        // Every std lock is taken and released within one statement: never
        // held across an .await.
        if let Some(answer) = self.cached(code) {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return answer;
        }
        // Single-flight: the first miss takes the code's lock and reads the
        // store; the others wait, then find its answer in the cache.
        let flight = lock(&self.loading)
            .entry(code.to_string())
            .or_default()
            .clone();
        // The guard removes the entry even if this future is dropped
        // mid-load (the client hung up), so the map holds only codes
        // loading right now and a scanner cannot grow it.
        let _flight = Flight {
            loading: &self.loading,
            code,
            flight: Arc::clone(&flight),
        };
        let _loading = flight.lock().await;
        if let Some(answer) = self.cached(code) {
            self.hits.fetch_add(1, Ordering::Relaxed);
            answer
        } else {
            let url = self.inner.get(code).await;
            match &url {
                Some(url) => lock(&self.cache).put(code, url),
                None => self.remember_missing(code),
            }
            url
        }
    }
}

/// Removes a code's single-flight lock from the map when the load ends,
/// normally or by cancellation; a newer lock for the code is left alone.
struct Flight<'a> {
    loading: &'a Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    code: &'a str,
    flight: Arc<tokio::sync::Mutex<()>>,
}

impl Drop for Flight<'_> {
    fn drop(&mut self) {
        let mut loading = lock(self.loading);
        if loading
            .get(self.code)
            .is_some_and(|f| Arc::ptr_eq(f, &self.flight))
        {
            loading.remove(self.code);
        }
    }
}
// ANCHOR_END: cached_impl
// ANCHOR_END: cached

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{InMemoryStore, SlowStore};

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

    // Pins cache-aside: the second read of a code never reaches the store.
    #[tokio::test(start_paused = true)]
    async fn second_read_is_a_hit() {
        let slow = SlowStore::new(InMemoryStore::new(), Duration::from_millis(5));
        let store = CachedStore::new(slow, 8);
        store.insert_new("a", "https://a.example").await.unwrap();
        assert_eq!(store.get("a").await.as_deref(), Some("https://a.example"));
        assert_eq!(store.get("a").await.as_deref(), Some("https://a.example"));
        assert_eq!(store.inner().reads(), 1);
        assert_eq!(store.hits(), 1);
    }

    fn slow_cached() -> Arc<CachedStore<SlowStore<InMemoryStore>>> {
        let slow = SlowStore::new(InMemoryStore::new(), Duration::from_millis(5));
        Arc::new(CachedStore::new(slow, 8))
    }

    async fn concurrent_gets(
        store: &Arc<CachedStore<SlowStore<InMemoryStore>>>,
        code: &'static str,
        n: usize,
    ) -> Vec<Option<String>> {
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..n {
            let store = Arc::clone(store);
            tasks.spawn(async move { store.get(code).await });
        }
        tasks.join_all().await
    }

    // Pins single-flight: 100 concurrent misses for one code cost one store
    // read, and all 100 get the URL.
    #[tokio::test(start_paused = true)]
    async fn concurrent_misses_read_the_store_once() {
        let store = slow_cached();
        store
            .insert_new("hot", "https://hot.example")
            .await
            .unwrap();
        let answers = concurrent_gets(&store, "hot", 100).await;
        assert!(
            answers
                .iter()
                .all(|a| a.as_deref() == Some("https://hot.example"))
        );
        assert_eq!(store.inner().reads(), 1);
        // Same for a code that does not exist.
        let answers = concurrent_gets(&store, "nope", 100).await;
        assert!(answers.iter().all(Option::is_none));
        assert_eq!(store.inner().reads(), 2);
    }

    // Pins negative caching: an unknown code asked twice within the TTL is
    // one store read; after the TTL it is read again.
    #[tokio::test(start_paused = true)]
    async fn unknown_codes_are_remembered_for_the_ttl() {
        let store = slow_cached();
        assert_eq!(store.get("zz").await, None);
        tokio::time::sleep(NEGATIVE_TTL - Duration::from_millis(100)).await;
        assert_eq!(store.get("zz").await, None);
        assert_eq!(store.inner().reads(), 1);
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(store.get("zz").await, None);
        assert_eq!(store.inner().reads(), 2);
    }

    // Pins that a load cancelled mid-read (the client hung up) leaves no
    // lock behind, so a scanner that disconnects cannot grow the map.
    #[tokio::test(start_paused = true)]
    async fn cancelled_loads_leave_no_lock_behind() {
        let store = slow_cached();
        let mut tasks = Vec::new();
        for i in 0..50 {
            let store = Arc::clone(&store);
            tasks.push(tokio::spawn(async move {
                store.get(&format!("probe{i}")).await
            }));
        }
        // 1 ms in, every task is inside the 5 ms store read.
        tokio::time::sleep(Duration::from_millis(1)).await;
        assert_eq!(lock(&store.loading).len(), 50);
        for task in &tasks {
            task.abort();
        }
        for task in tasks {
            assert!(task.await.unwrap_err().is_cancelled());
        }
        assert_eq!(lock(&store.loading).len(), 0);
    }

    // Pins the bound on remembered misses: a scanner probing more codes
    // than MAX_MISSING never grows the map past it.
    #[tokio::test(start_paused = true)]
    async fn remembered_misses_are_bounded() {
        let store = CachedStore::new(InMemoryStore::new(), 8);
        for i in 0..MAX_MISSING + 10 {
            assert_eq!(store.get(&format!("scan{i}")).await, None);
            assert!(lock(&store.missing).len() <= MAX_MISSING);
        }
        assert!(lock(&store.loading).is_empty());
    }

    // Pins that creating a code through this cache clears its remembered
    // miss, so the new link resolves at once on this instance.
    #[tokio::test(start_paused = true)]
    async fn insert_clears_a_remembered_miss() {
        let store = slow_cached();
        assert_eq!(store.get("launch").await, None);
        store
            .insert_new("launch", "https://launch.example")
            .await
            .unwrap();
        assert_eq!(
            store.get("launch").await.as_deref(),
            Some("https://launch.example")
        );
    }
}
