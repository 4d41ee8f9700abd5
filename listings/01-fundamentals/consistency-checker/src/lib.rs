//! A brute-force checker of consistency models for one register.
//!
//! Layout:
//! - [`history`]: operations on a register (write, read), each with the
//!   client that issued it and its invoke and return times; checked for
//!   validity.
//! - [`checker`]: one search for a total order of operations that obeys
//!   the register's rules, reused with different "must come before"
//!   relations to decide linearizability (real time), sequential
//!   consistency (each client's program order) and causal consistency
//!   (program order plus reads-from, one client's view at a time).
//! - [`classic`]: the chapter's hand-made histories.
//! - [`concurrent`]: real threads on a shared register (a correct atomic
//!   one and a broken cached one), recording the history they saw.
//! - [`simulate`]: a register served by a primary, or read from a lagging
//!   replica, driven by a seeded schedule; produces histories to check.
//! - [`network`]: the same two ways of reading, with a primary and a
//!   replica on a simulated network (turmoil) with delay, loss and a
//!   partition; the clients record the history in virtual time.
//! - [`rng`]: SplitMix64, a seeded generator that never changes between
//!   Rust versions, so the recorded output is stable.
//!
//! The binary prints the classic histories with their verdicts, then how
//! many of 1000 simulated workloads each store passes; with the argument
//! `network` it runs the turmoil scenario instead.

pub mod checker;
pub mod classic;
pub mod concurrent;
pub mod history;
pub mod network;
pub mod rng;
pub mod simulate;

pub use checker::{
    Verdict, causally_consistent, linearizable, reads_written_values, sequentially_consistent,
};
pub use history::{History, HistoryError, NO_ANSWER, Op, OpKind};
