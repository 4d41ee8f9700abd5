//! Splitting CPU-bound work over threads.
//!
//! Layout:
//! - [`fingerprint`]: the job, a fingerprint of a batch of records that costs
//!   the same fixed arithmetic per record and combines in any order.
//! - [`split`]: [`split::split_ranges`] cuts `0..len` into contiguous,
//!   nearly equal ranges, one per thread.
//! - [`workers`]: the job spread over threads three ways: `thread::spawn`
//!   with owned copies, scoped threads that borrow, and a checked version
//!   whose panics come back through `join`.
//! - [`cost`]: timers for a function call, a channel send, a round trip
//!   between two threads and a thread spawn, and for the job on any number
//!   of threads.
//! - [`schedule`]: a simulated scheduler that shows what threads beyond the
//!   core count do to when each job of a batch finishes.
//!
//! Binaries: `split-work` prints only facts that hold on every run (results,
//! chunk lengths, which worker failed); `oversubscribe` prints the simulated
//! schedules, the same on every machine; `cost` prints timings, which differ
//! from run to run and machine to machine, so nothing records them.

pub mod cost;
pub mod fingerprint;
pub mod schedule;
pub mod split;
pub mod workers;

pub use fingerprint::{fingerprint, records};
pub use split::split_ranges;
