//! Your turn: the drain tracker a server needs to shut down gracefully.
//!
//! Every request takes a [`Guard`] from [`DrainTracker::try_enter`] and
//! holds it until it is answered. [`DrainTracker::shutdown`] refuses new
//! requests from then on and resolves when the last guard is dropped, or
//! when the deadline passes, whichever comes first.
//! The fields are yours to choose. The tests are in `tests/drain-tracker.rs`.
//!
//! Run `cargo test -p drain-tracker` until every test passes.

use std::time::Duration;

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
    // Your fields.
    inner: (),
}

/// Held while one request is in flight; dropping it marks the request done.
pub struct Guard {
    // Your fields.
    inner: (),
}

impl DrainTracker {
    pub fn new() -> Self {
        Self::default()
    }

    /// A guard for one new request, or `None` once shutdown has begun.
    pub fn try_enter(&self) -> Option<Guard> {
        todo!()
    }

    /// How many guards are alive.
    pub fn in_flight(&self) -> usize {
        let _ = &self.inner;
        todo!()
    }

    /// Refuses new requests from now on, then waits until none is in flight
    /// or `deadline` has passed.
    pub async fn shutdown(&self, deadline: Duration) -> Drained {
        let _ = deadline;
        todo!()
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = &self.inner;
        todo!()
    }
}
