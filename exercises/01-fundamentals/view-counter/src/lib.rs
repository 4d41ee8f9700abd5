//! Your turn: count page views by path from many request handler threads
//! at once, without making a handler that counts `/about` wait for one
//! that counts `/checkout`.
//!
//! Layout: [`ViewCounter`] holds the counts behind a lock; you write its
//! methods. The stub starts with one `Mutex` around one map, the obvious
//! choice; a test in `tests/view-counter.rs` will tell you when that is not
//! enough. [`path_hash`] is given.
//!
//! Run `cargo test -p view-counter` until every test passes.

use std::collections::HashMap;
use std::sync::Mutex;

/// A hash of `path` that is the same on every run and every machine
/// (64-bit FNV-1a), so a path always lands in the same shard.
pub fn path_hash(path: &str) -> u64 {
    path.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Views by path, updated by many threads at once (put it in an `Arc`).
#[derive(Debug)]
pub struct ViewCounter {
    views: Mutex<HashMap<String, u64>>,
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
            views: Mutex::new(HashMap::new()),
        }
    }

    /// The shard that holds `path`: below the number of shards, and the
    /// same every time for the same path.
    pub fn shard_of(&self, path: &str) -> usize {
        let _ = (path, &self.views);
        todo!("pick the shard from the path's hash")
    }

    /// Runs `change` on the count of `path` (0 for a path never seen) while
    /// no other thread can touch that count, and returns what it returns.
    /// Threads that update paths in other shards do not wait for it.
    pub fn update<R>(&self, path: &str, change: impl FnOnce(&mut u64) -> R) -> R {
        let _ = (path, change);
        todo!("lock the right shard, then change one count")
    }

    /// Adds one view of `path`.
    pub fn record(&self, path: &str) {
        let _ = path;
        todo!("count one view")
    }

    /// The views of `path` so far; 0 for a path never seen.
    pub fn views(&self, path: &str) -> u64 {
        let _ = path;
        todo!("read one count")
    }

    /// Every view of every path.
    pub fn total(&self) -> u64 {
        todo!("add up every count")
    }

    /// The `n` most viewed paths with their views, most viewed first;
    /// paths with equal views in alphabetical order.
    pub fn top(&self, n: usize) -> Vec<(String, u64)> {
        let _ = n;
        todo!("gather every count, then sort")
    }
}
