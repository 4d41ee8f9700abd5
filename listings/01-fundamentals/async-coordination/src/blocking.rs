//! Blocking the runtime thread: three requests that each wait 100 ms, on a
//! current-thread runtime, with three kinds of wait.

use std::sync::{Arc, Barrier};
use std::time::Duration;

use crate::bound::InFlight;

/// How long each request waits.
pub const WORK: Duration = Duration::from_millis(100);

/// How a request waits for its 100 ms of work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
    /// `tokio::time::sleep(..).await`: the task yields the thread.
    TokioSleep,
    /// `std::thread::sleep` called in the task: it holds the thread.
    ThreadSleepInline,
    /// `std::thread::sleep` inside `spawn_blocking`: another thread holds.
    SpawnBlocking,
}

impl Wait {
    pub const ALL: [Wait; 3] = [
        Wait::TokioSleep,
        Wait::ThreadSleepInline,
        Wait::SpawnBlocking,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Wait::TokioSleep => "tokio::time::sleep",
            Wait::ThreadSleepInline => "std::thread::sleep inline",
            Wait::SpawnBlocking => "spawn_blocking",
        }
    }
}

// ANCHOR: handle_request
async fn handle_request(wait: Wait, in_flight: Arc<InFlight>, all_started: Arc<Barrier>) {
    let _entered = in_flight.enter();
    match wait {
        Wait::TokioSleep => tokio::time::sleep(WORK).await,
        Wait::ThreadSleepInline => std::thread::sleep(WORK),
        Wait::SpawnBlocking => tokio::task::spawn_blocking(move || {
            // Blocks until three jobs have called `wait`, then lets all go.
            all_started.wait();
            std::thread::sleep(WORK);
        })
        .await
        .expect("blocking job panicked"),
    }
}
// ANCHOR_END: handle_request

/// Spawns three requests on the current runtime, waits for them, and
/// returns the most that were in flight at once.
pub async fn three_requests(wait: Wait) -> usize {
    let in_flight = Arc::new(InFlight::default());
    let all_started = Arc::new(Barrier::new(3));
    let handles: Vec<_> = (0..3)
        .map(|_| {
            tokio::spawn(handle_request(
                wait,
                Arc::clone(&in_flight),
                Arc::clone(&all_started),
            ))
        })
        .collect();
    for handle in handles {
        handle.await.expect("request panicked");
    }
    in_flight.peak()
}
