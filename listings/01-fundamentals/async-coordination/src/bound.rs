//! Capping concurrency with a `Semaphore`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::ms;

/// Counts how many calls are in flight and remembers the most at once.
#[derive(Debug, Default)]
pub struct InFlight {
    now: AtomicUsize,
    peak: AtomicUsize,
}

/// Leaves the count when dropped, however the call ends.
pub struct Entered<'a>(&'a InFlight);

impl InFlight {
    /// Counts one more call in flight until the returned guard is dropped.
    pub fn enter(&self) -> Entered<'_> {
        let now = self.now.fetch_add(1, Relaxed) + 1;
        self.peak.fetch_max(now, Relaxed);
        Entered(self)
    }

    /// The most calls that were ever in flight at once.
    pub fn peak(&self) -> usize {
        self.peak.load(Relaxed)
    }
}

impl Drop for Entered<'_> {
    fn drop(&mut self) {
        self.0.now.fetch_sub(1, Relaxed);
    }
}

/// How a fan-out went: virtual time taken and the most calls at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FanOut {
    pub elapsed_ms: u128,
    pub peak_in_flight: usize,
}

/// A call to a backend that takes 100 ms.
async fn backend_call(in_flight: &InFlight) {
    let _entered = in_flight.enter();
    tokio::time::sleep(ms(100)).await;
}

// ANCHOR: unbounded
/// Naive: starts every call at once, however many there are.
pub async fn fetch_all_unbounded(calls: usize) -> FanOut {
    let start = Instant::now();
    let in_flight = Arc::new(InFlight::default());
    let mut tasks = JoinSet::new();
    for _ in 0..calls {
        let in_flight = Arc::clone(&in_flight);
        tasks.spawn(async move { backend_call(&in_flight).await });
    }
    tasks.join_all().await;
    // ANCHOR_END: unbounded
    FanOut {
        elapsed_ms: start.elapsed().as_millis(),
        peak_in_flight: in_flight.peak(),
    }
}

// ANCHOR: bounded
/// Starts every call, but at most `limit` get past the semaphore at once.
pub async fn fetch_all_bounded(calls: usize, limit: usize) -> FanOut {
    let start = Instant::now();
    let in_flight = Arc::new(InFlight::default());
    let permits = Arc::new(Semaphore::new(limit));
    let mut tasks = JoinSet::new();
    for _ in 0..calls {
        let in_flight = Arc::clone(&in_flight);
        let permits = Arc::clone(&permits);
        tasks.spawn(async move {
            // Waits here while `limit` calls hold a permit. The permit goes
            // back when `_permit` is dropped, at the end of this block.
            let _permit = permits.acquire().await.expect("never closed");
            backend_call(&in_flight).await;
        });
    }
    tasks.join_all().await;
    // ANCHOR_END: bounded
    FanOut {
        elapsed_ms: start.elapsed().as_millis(),
        peak_in_flight: in_flight.peak(),
    }
}
