//! Raft (Ongaro and Ousterhout, "In Search of an Understandable Consensus
//! Algorithm", USENIX ATC 2014), small enough to read in one sitting.
//!
//! Layout:
//! - [`node`]: one peer as a deterministic state machine: ticks, messages
//!   and proposals in; messages and the state to persist out. Elections
//!   (terms, randomized timeouts, RequestVote with the log up-to-date
//!   check), AppendEntries with the consistency check and conflict
//!   truncation, the commit rule, and three broken [`node::Variant`]s.
//! - [`kv`]: the key-value store the log drives, with a session table that
//!   applies a retried (client, seq) once.
//! - [`sim`]: a seeded cluster: delay, loss, duplication, partitions,
//!   crashes and restarts from disk, clients that retry; it checks at most
//!   one leader per term and that nodes apply the same entry at each index.
//! - [`scenarios`]: scripted runs (figure 8, figure 7's backup, the
//!   election experiments, a replication trace, a retried command) that
//!   the bins print and the tests assert on.
//! - [`labs`]: the scenarios that Raft lab suites check, one function each.
//! - [`faults`]: random fault schedules, the verdict on one seed, and the
//!   sweep over many.
//!
//! Bins: `raft` (an election, traced), `raft-split` (fixed against
//! randomized timeouts), `raft-partition` (a leader cut off, a minority
//! without a leader, rejoining), `raft-replicate`, `raft-backup`,
//! `raft-figure8`, `raft-labs`, `raft-sweep` (every variant over 200
//! seeds) and `raft-faults` (the sweep `cargo xtask test` runs).

pub mod faults;
pub mod kv;
pub mod labs;
pub mod node;
pub mod scenarios;
pub mod sim;
