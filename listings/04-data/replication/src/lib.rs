//! Replication, run and checked.
//!
//! Layout:
//! - [`sim`]: a seeded network of servers and clients with delay, loss,
//!   partitions, crashes and restarts, driven by `fault_sweep::Schedule`.
//! - [`clients`]: the clients' seeded plans, their history, and the
//!   properties checked on it (no stale read, nothing a client saw lost).
//! - [`leader`]: leader-follower with asynchronous, semi-synchronous and
//!   synchronous acks, and failover when the leader crashes.
//! - [`multi`]: two leaders that accept writes while their link is down.
//! - [`quorum`]: Dynamo-style quorums, sloppy quorums with hinted handoff,
//!   and read repair.
//! - [`sweep`]: every configuration under many seeded fault schedules, for
//!   the `replication-faults` binary and the chapter's table.
//! - [`merkle`]: Merkle-tree anti-entropy between two replicas.

pub mod clients;
pub mod leader;
pub mod merkle;
pub mod multi;
pub mod quorum;
pub mod sim;
pub mod sweep;
