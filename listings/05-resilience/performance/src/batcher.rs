//! A DataLoader-style batcher: every `load` made in the same tick of the
//! runtime joins one pending batch, and one fetch answers them all.

use std::collections::{BTreeSet, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;

/// What a fetch returns: the value of every key it found.
pub type Fetched<V> = Result<HashMap<i64, V>, String>;
/// One lookup of many keys, such as `SELECT ... WHERE id = ANY($1)`.
pub type Fetch<V> =
    Box<dyn Fn(Vec<i64>) -> Pin<Box<dyn Future<Output = Fetched<V>> + Send>> + Send + Sync>;

type Waiting<V> = Vec<(i64, oneshot::Sender<Result<Option<V>, String>>)>;

// ANCHOR: loader
pub struct Loader<V> {
    fetch: Fetch<V>,
    pending: Mutex<Waiting<V>>,
    batches: AtomicU64,
}

impl<V: Clone + Send + 'static> Loader<V> {
    pub fn new(fetch: Fetch<V>) -> Arc<Loader<V>> {
        Arc::new(Loader {
            fetch,
            pending: Mutex::new(Vec::new()),
            batches: AtomicU64::new(0),
        })
    }

    /// The value for `key`, fetched together with every other key asked
    /// for in the same tick.
    pub async fn load(self: &Arc<Self>, key: i64) -> Result<Option<V>, String> {
        let (tx, rx) = oneshot::channel();
        let first = {
            let mut pending = self.lock();
            pending.push((key, tx));
            pending.len() == 1
        };
        if first {
            // The first key of a batch schedules its flush. The flush task
            // runs only after the tasks already ready have run (and added
            // their keys); yielding once more lets later ones join too.
            let me = Arc::clone(self);
            tokio::spawn(async move {
                tokio::task::yield_now().await;
                me.flush().await;
            });
        }
        rx.await.map_err(|_| "the batch was dropped".to_string())?
    }

    async fn flush(&self) {
        let waiting = std::mem::take(&mut *self.lock());
        // Each key once, whoever asked for it and however often.
        let keys: Vec<i64> = waiting
            .iter()
            .map(|(k, _)| *k)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        self.batches.fetch_add(1, Ordering::SeqCst);
        let found = (self.fetch)(keys).await;
        for (key, tx) in waiting {
            let answer = match &found {
                Ok(values) => Ok(values.get(&key).cloned()),
                Err(e) => Err(e.clone()),
            };
            // A caller that gave up dropped its receiver; nothing to do.
            let _ = tx.send(answer);
        }
    }
}
// ANCHOR_END: loader

impl<V> Loader<V> {
    /// Fetches made so far.
    pub fn batches(&self) -> u64 {
        self.batches.load(Ordering::SeqCst)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Waiting<V>> {
        self.pending.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex as StdMutex;

    fn counting(seen: Arc<StdMutex<Vec<Vec<i64>>>>) -> Fetch<i64> {
        Box::new(move |keys: Vec<i64>| {
            seen.lock().unwrap().push(keys.clone());
            Box::pin(async move {
                Ok(keys
                    .into_iter()
                    .filter(|k| *k >= 0)
                    .map(|k| (k, k * 10))
                    .collect())
            })
        })
    }

    // Keys asked for together go out as one fetch, each key once, and each
    // caller gets its own key's value (None for a key not found).
    #[tokio::test(flavor = "current_thread")]
    async fn one_fetch_per_tick() {
        let seen = Arc::new(StdMutex::new(Vec::new()));
        let loader = Loader::new(counting(seen.clone()));
        let keys = [3, 1, 3, -1, 2];
        let got = futures::future::join_all(keys.iter().map(|&k| loader.load(k))).await;
        let got: Vec<Option<i64>> = got.into_iter().map(Result::unwrap).collect();
        assert_eq!(got, [Some(30), Some(10), Some(30), None, Some(20)]);
        assert_eq!(*seen.lock().unwrap(), [vec![-1, 1, 2, 3]]);
        assert_eq!(loader.batches(), 1);
        // A later tick is a new batch.
        assert_eq!(loader.load(5).await.unwrap(), Some(50));
        assert_eq!(loader.batches(), 2);
    }

    // Loads awaited one at a time, as in a `for` loop, are each alone in
    // their tick: one fetch per key, as many as N+1.
    #[tokio::test(flavor = "current_thread")]
    async fn loads_awaited_one_by_one_fetch_one_by_one() {
        let seen = Arc::new(StdMutex::new(Vec::new()));
        let loader = Loader::new(counting(seen.clone()));
        for k in 0..1_000 {
            assert_eq!(loader.load(k).await.unwrap(), Some(k * 10));
        }
        assert_eq!(loader.batches(), 1_000);
        assert!(seen.lock().unwrap().iter().all(|keys| keys.len() == 1));
    }
}
