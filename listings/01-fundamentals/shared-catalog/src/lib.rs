//! Threads sharing state: a price catalog that request handlers read, a
//! sales tally they all write, and what a panic does to a lock.
//!
//! Layout:
//! - [`catalog`]: [`catalog::Catalog`] shared read-only through `Arc`, and a
//!   sales tally shared for writing through `Arc<Mutex<_>>`.
//! - [`readers`]: how many readers a `Mutex` and an `RwLock` let in at once,
//!   probed with `try_lock` / `try_read` so that no run can hang.
//! - [`poison`]: a thread panics halfway through an update; the lock is
//!   poisoned, and `PoisonError::into_inner` shows the half-done state.
//!
//! The binary prints only facts that hold on every run: counts, totals and
//! the outcome of each probe, never timings.

pub mod catalog;
pub mod poison;
pub mod readers;
