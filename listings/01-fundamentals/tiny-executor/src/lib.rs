//! Async Rust from the inside: a fake clock, hand-written futures and a
//! single-threaded executor, all on std alone.
//!
//! Layout:
//! - [`log`]: the shared poll log every part writes to, so a run can be
//!   printed and tested line by line.
//! - [`clock`]: a fake clock in milliseconds with a list of timers; time
//!   moves only when the executor jumps it to the next timer.
//! - [`sleep`]: two hand-written futures that wait for the clock: one that
//!   forgets to register its waker (and so is never polled again) and one
//!   that registers it.
//! - [`executor`]: tasks, a run queue made of an mpsc channel, `std::task::Wake`,
//!   and the loop that polls.
//! - [`breakfast`]: the example program, two async functions.
//! - [`traced`]: a future that wraps another and logs each poll, used to
//!   watch tokio poll the same program.
//!
//! Binaries: `tiny-executor` runs the examples on this crate's executor;
//! `on-tokio` runs the same program on tokio with its clock paused.

pub mod breakfast;
pub mod clock;
pub mod executor;
pub mod log;
pub mod sleep;
pub mod traced;
