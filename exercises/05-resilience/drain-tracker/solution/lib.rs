// --- solution ---
//! Reference solution: a counter under a mutex and a `Notify` that the last
//! guard out wakes.
// --- stub ---
// //! Your turn: the drain tracker a server needs to shut down gracefully.
// //!
// //! Every request takes a [`Guard`] from [`DrainTracker::try_enter`] and
// //! holds it until it is answered. [`DrainTracker::shutdown`] refuses new
// //! requests from then on and resolves when the last guard is dropped, or
// //! when the deadline passes, whichever comes first.
// //! The fields are yours to choose. The tests are in `tests/drain-tracker.rs`.
// //!
// //! Run `cargo test -p drain-tracker` until every test passes.
// --- end ---

use std::time::Duration;

// --- solution ---
use std::sync::{Arc, Mutex};

use tokio::sync::Notify;

// --- end ---
/// How a shutdown ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drained {
    /// Every request in flight finished before the deadline.
    Clean,
    /// The deadline passed with this many still in flight.
    DeadlineHit { abandoned: usize },
}

/// Shared by every request handler and the shutdown code; clones share state.
#[derive(Clone, Default)]
pub struct DrainTracker {
    // --- solution ---
    inner: Arc<Inner>,
    // --- stub ---
    // // Your fields.
    // inner: (),
    // --- end ---
}

// --- solution ---
#[derive(Default)]
struct Inner {
    state: Mutex<State>,
    drained: Notify,
}

#[derive(Default)]
struct State {
    closed: bool,
    in_flight: usize,
}

// --- end ---
/// Held while one request is in flight; dropping it marks the request done.
pub struct Guard {
    // --- solution ---
    inner: Arc<Inner>,
    // --- stub ---
    // // Your fields.
    // inner: (),
    // --- end ---
}

impl DrainTracker {
    pub fn new() -> Self {
        Self::default()
    }

    /// A guard for one new request, or `None` once shutdown has begun.
    pub fn try_enter(&self) -> Option<Guard> {
        // --- solution ---
        let mut s = self.inner.state.lock().expect("lock");
        if s.closed {
            return None;
        }
        s.in_flight += 1;
        Some(Guard {
            inner: self.inner.clone(),
        })
        // --- stub ---
        // todo!()
        // --- end ---
    }

    /// How many guards are alive.
    pub fn in_flight(&self) -> usize {
        // --- solution ---
        self.inner.state.lock().expect("lock").in_flight
        // --- stub ---
        // let _ = &self.inner;
        // todo!()
        // --- end ---
    }

    /// Refuses new requests from now on, then waits until none is in flight
    /// or `deadline` has passed.
    pub async fn shutdown(&self, deadline: Duration) -> Drained {
        // --- solution ---
        self.inner.state.lock().expect("lock").closed = true;
        let all_done = async {
            loop {
                // Create the future before looking at the count:
                // `notify_waiters` wakes every `Notified` created before it,
                // polled or not, so a guard dropped in between still wakes
                // it. (`enable()` is needed only with `notify_one`.)
                let notified = self.inner.drained.notified();
                if self.in_flight() == 0 {
                    return;
                }
                notified.await;
            }
        };
        match tokio::time::timeout(deadline, all_done).await {
            Ok(()) => Drained::Clean,
            Err(_) => Drained::DeadlineHit {
                abandoned: self.in_flight(),
            },
        }
        // --- stub ---
        // let _ = deadline;
        // todo!()
        // --- end ---
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        // --- solution ---
        let mut s = self.inner.state.lock().expect("lock");
        s.in_flight -= 1;
        if s.in_flight == 0 {
            self.inner.drained.notify_waiters();
        }
        // --- stub ---
        // let _ = &self.inner;
        // todo!()
        // --- end ---
    }
}
