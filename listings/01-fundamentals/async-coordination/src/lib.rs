//! Coordinating async tasks with tokio, timed on a paused clock.
//!
//! Every function here runs on a current-thread runtime whose clock starts
//! paused (`start_paused = true`): `sleep` moves virtual time forward only
//! when every task is waiting, so a 100 ms call "takes" exactly 100 ms and
//! the printed timings are the same on every run and every machine.
//!
//! Layout:
//! - [`timeline`]: a shared log that stamps each line with virtual time.
//! - [`calls`]: pretend remote calls that take a fixed time and log when
//!   they are dropped before finishing (that is, cancelled).
//! - [`join`]: two calls awaited one after the other, then with `join!`.
//! - [`race`]: `select!` between two replicas, and `timeout`.
//! - [`cancel`]: what dropping a future leaves half done, a spawned task
//!   that finishes anyway, and shutdown with a `CancellationToken`.
//! - [`bound`]: a `Semaphore` that caps how many calls are in flight.
//! - [`blocking`]: a blocking wait on the runtime thread versus
//!   `tokio::time::sleep` versus `spawn_blocking`.

pub mod blocking;
pub mod bound;
pub mod calls;
pub mod cancel;
pub mod join;
pub mod race;
pub mod timeline;

use std::time::Duration;

/// Shorthand for a number of milliseconds, to keep the examples readable.
pub const fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}
