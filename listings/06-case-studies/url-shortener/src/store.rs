//! Where links live. The service sees only the [`LinkStore`] trait, so the
//! in-memory map here can be swapped for Postgres, DynamoDB or Redis
//! without touching a handler.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

// ANCHOR: trait
/// Why an insert did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InsertError {
    /// The code already maps to a URL; nothing was written.
    Taken,
}

/// A key-value store for `code -> url` plus the shared counter that
/// generated codes come from.
///
/// The futures are `Send` so axum can run handlers on any worker thread.
pub trait LinkStore: Send + Sync + 'static {
    /// A value never handed out before, by this or any other caller.
    fn next_id(&self) -> impl Future<Output = u64> + Send;

    /// Writes `code -> url` only if `code` is free: the check and the write
    /// are one atomic step (in SQL, a unique key plus
    /// `INSERT ... ON CONFLICT DO NOTHING`).
    fn insert_new(
        &self,
        code: &str,
        url: &str,
    ) -> impl Future<Output = Result<(), InsertError>> + Send;

    fn get(&self, code: &str) -> impl Future<Output = Option<String>> + Send;
}
// ANCHOR_END: trait

/// Locks a mutex even if a thread panicked while holding it: the maps here
/// are updated in single calls, so they are never left half-written.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

// ANCHOR: memory
/// The default store: a map behind a mutex and an atomic counter.
#[derive(Debug)]
pub struct InMemoryStore {
    next_id: AtomicU64,
    links: Mutex<HashMap<String, String>>,
}

impl InMemoryStore {
    /// Ids start at 1, so the first generated code is `"1"`.
    pub fn new() -> Self {
        Self::starting_at(1)
    }

    /// Starts the counter elsewhere (tests use it to reach long codes).
    pub fn starting_at(first_id: u64) -> Self {
        InMemoryStore {
            next_id: AtomicU64::new(first_id),
            links: Mutex::new(HashMap::new()),
        }
    }

    pub fn len(&self) -> usize {
        lock(&self.links).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Default for InMemoryStore {
    fn default() -> Self {
        Self::new()
    }
}

impl LinkStore for InMemoryStore {
    async fn next_id(&self) -> u64 {
        // fetch_add is one atomic read-modify-write: two requests can never
        // read the same value.
        self.next_id.fetch_add(1, Ordering::Relaxed)
    }

    async fn insert_new(&self, code: &str, url: &str) -> Result<(), InsertError> {
        // The guard is dropped before this future completes and no .await
        // happens while it is held.
        let mut links = lock(&self.links);
        if links.contains_key(code) {
            return Err(InsertError::Taken);
        }
        links.insert(code.to_string(), url.to_string());
        Ok(())
    }

    async fn get(&self, code: &str) -> Option<String> {
        lock(&self.links).get(code).cloned()
    }
}
// ANCHOR_END: memory

// ANCHOR: slow
/// Wraps a store with a fixed latency per call and counts reads: a stand-in
/// for a database one network hop away. Under tokio's paused clock the
/// sleep costs no real time, yet `tokio::time::Instant` sees it.
#[derive(Debug)]
pub struct SlowStore<S> {
    inner: S,
    latency: Duration,
    reads: AtomicU64,
}

impl<S: LinkStore> SlowStore<S> {
    pub fn new(inner: S, latency: Duration) -> Self {
        SlowStore {
            inner,
            latency,
            reads: AtomicU64::new(0),
        }
    }

    /// How many `get` calls reached this store.
    pub fn reads(&self) -> u64 {
        self.reads.load(Ordering::Relaxed)
    }
}

// ANCHOR: slow_impl
impl<S: LinkStore> LinkStore for SlowStore<S> {
    async fn next_id(&self) -> u64 {
        tokio::time::sleep(self.latency).await;
        self.inner.next_id().await
    }

    async fn insert_new(&self, code: &str, url: &str) -> Result<(), InsertError> {
        tokio::time::sleep(self.latency).await;
        self.inner.insert_new(code, url).await
    }

    async fn get(&self, code: &str) -> Option<String> {
        self.reads.fetch_add(1, Ordering::Relaxed);
        tokio::time::sleep(self.latency).await;
        self.inner.get(code).await
    }
}
// ANCHOR_END: slow_impl
// ANCHOR_END: slow

#[cfg(test)]
mod tests {
    use super::*;

    // Pins insert-if-absent: the second insert of a code fails and the
    // first URL survives.
    #[tokio::test]
    async fn insert_new_never_overwrites() {
        let store = InMemoryStore::new();
        assert_eq!(store.insert_new("rust", "https://a.example").await, Ok(()));
        assert_eq!(
            store.insert_new("rust", "https://b.example").await,
            Err(InsertError::Taken)
        );
        assert_eq!(
            store.get("rust").await.as_deref(),
            Some("https://a.example")
        );
        assert_eq!(store.len(), 1);
    }

    // Pins that the counter starts where asked and never repeats.
    #[tokio::test]
    async fn counter_is_monotonic() {
        let store = InMemoryStore::starting_at(41);
        assert_eq!(store.next_id().await, 41);
        assert_eq!(store.next_id().await, 42);
    }

    // Pins that an unknown code is None, not an error or a panic.
    #[tokio::test]
    async fn unknown_code_is_none() {
        assert_eq!(InMemoryStore::new().get("nope").await, None);
    }

    // Pins SlowStore: every get is counted and costs the configured
    // latency on the paused clock.
    #[tokio::test(start_paused = true)]
    async fn slow_store_counts_reads_and_charges_latency() {
        let store = SlowStore::new(InMemoryStore::new(), Duration::from_millis(5));
        store.insert_new("a", "https://a.example").await.unwrap();
        let start = tokio::time::Instant::now();
        store.get("a").await;
        store.get("missing").await;
        assert_eq!(store.reads(), 2);
        assert_eq!(start.elapsed(), Duration::from_millis(10));
    }
}
