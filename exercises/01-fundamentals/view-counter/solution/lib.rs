// --- solution ---
//! Reference solution of the view-counter exercise: one `Mutex` per shard,
//! a path always in the shard its hash picks, every lock held for one map
//! operation, and the report built from copies taken one shard at a time.
//!
//! Layout: [`ViewCounter`] and its methods; [`path_hash`] spreads the paths.
// --- stub ---
// //! Your turn: count page views by path from many request handler threads
// //! at once, without making a handler that counts `/about` wait for one
// //! that counts `/checkout`.
// //!
// //! Layout: [`ViewCounter`] holds the counts behind a lock; you write its
// //! methods. The stub starts with one `Mutex` around one map, the obvious
// //! choice; a test in `tests/view-counter.rs` will tell you when that is not
// //! enough. [`path_hash`] is given.
// //!
// //! Run `cargo test -p view-counter` until every test passes.
// --- end ---

use std::collections::HashMap;
// --- solution ---
use std::sync::{Mutex, MutexGuard};
// --- stub ---
// use std::sync::Mutex;
// --- end ---

/// A hash of `path` that is the same on every run and every machine
/// (64-bit FNV-1a), so a path always lands in the same shard.
pub fn path_hash(path: &str) -> u64 {
    path.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

// --- solution ---
// `lock()` returns `Err` only after a thread panicked while holding the
// shard (a `change` given to `update` that panicked); then the count may be
// half-changed, and we stop rather than trust it.
fn lock(shard: &Mutex<HashMap<String, u64>>) -> MutexGuard<'_, HashMap<String, u64>> {
    shard
        .lock()
        .expect("no thread panics while holding a shard")
}

// --- end ---
/// Views by path, updated by many threads at once (put it in an `Arc`).
#[derive(Debug)]
pub struct ViewCounter {
    // --- solution ---
    // One lock per shard: two paths in different shards never share a lock.
    shards: Vec<Mutex<HashMap<String, u64>>>,
    // --- stub ---
    // views: Mutex<HashMap<String, u64>>,
    // --- end ---
}

impl ViewCounter {
    /// A counter whose paths are spread over `shards` locks.
    ///
    /// # Panics
    ///
    /// If `shards` is 0: there would be nowhere to put a path.
    pub fn new(shards: usize) -> ViewCounter {
        assert!(shards > 0, "a view counter needs at least one shard");
        ViewCounter {
            // --- solution ---
            shards: (0..shards).map(|_| Mutex::new(HashMap::new())).collect(),
            // --- stub ---
            // views: Mutex::new(HashMap::new()),
            // --- end ---
        }
    }

    /// The shard that holds `path`: below the number of shards, and the
    /// same every time for the same path.
    pub fn shard_of(&self, path: &str) -> usize {
        // --- solution ---
        // The remainder is below shards.len(), which is a usize, so the
        // cast back cannot truncate.
        (path_hash(path) % self.shards.len() as u64) as usize
        // --- stub ---
        // let _ = (path, &self.views);
        // todo!("pick the shard from the path's hash")
        // --- end ---
    }
    // --- solution ---

    // The one place that locks by path: the shard its hash picks.
    fn shard(&self, path: &str) -> MutexGuard<'_, HashMap<String, u64>> {
        lock(&self.shards[self.shard_of(path)])
    }
    // --- end ---

    /// Runs `change` on the count of `path` (0 for a path never seen) while
    /// no other thread can touch that count, and returns what it returns.
    /// Threads that update paths in other shards do not wait for it.
    pub fn update<R>(&self, path: &str, change: impl FnOnce(&mut u64) -> R) -> R {
        // --- solution ---
        let mut shard = self.shard(path);
        change(shard.entry(path.to_string()).or_insert(0))
        // --- stub ---
        // let _ = (path, change);
        // todo!("lock the right shard, then change one count")
        // --- end ---
    }

    /// Adds one view of `path`.
    pub fn record(&self, path: &str) {
        // --- solution ---
        self.update(path, |views| *views += 1);
        // --- stub ---
        // let _ = path;
        // todo!("count one view")
        // --- end ---
    }

    /// The views of `path` so far; 0 for a path never seen.
    pub fn views(&self, path: &str) -> u64 {
        // --- solution ---
        self.shard(path).get(path).copied().unwrap_or(0)
        // --- stub ---
        // let _ = path;
        // todo!("read one count")
        // --- end ---
    }

    /// Every view of every path.
    pub fn total(&self) -> u64 {
        // --- solution ---
        // One shard at a time: never hold two locks at once.
        self.shards
            .iter()
            .map(|shard| {
                let shard = lock(shard);
                shard.values().sum::<u64>()
            })
            .sum()
        // --- stub ---
        // todo!("add up every count")
        // --- end ---
    }

    /// The `n` most viewed paths with their views, most viewed first;
    /// paths with equal views in alphabetical order.
    pub fn top(&self, n: usize) -> Vec<(String, u64)> {
        // --- solution ---
        // Copy each shard's counts out under its lock, then sort with no
        // lock held: sorting is the slow part, and nobody should wait for it.
        let mut all: Vec<(String, u64)> = Vec::new();
        for shard in &self.shards {
            let shard = lock(shard);
            all.extend(shard.iter().map(|(path, &views)| (path.clone(), views)));
        }
        all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        all.truncate(n);
        all
        // --- stub ---
        // let _ = n;
        // todo!("gather every count, then sort")
        // --- end ---
    }
}
