//! Transactions and isolation.
//!
//! - [`pg`]: the four anomalies on the course's PostgreSQL, two connections
//!   running a scripted interleaving, one step at a time.
//! - [`mvcc`]: an in-memory multi-version store with snapshot isolation.
//! - [`check`]: seeded interleavings on that store, judged by a checker.
//! - [`contention`]: optimistic and pessimistic locking on hot counters.

pub mod check;
pub mod contention;
pub mod mvcc;
pub mod pg;
