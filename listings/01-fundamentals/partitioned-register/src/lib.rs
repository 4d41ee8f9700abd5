//! A register (one value) replicated on three simulated hosts, to show what
//! a network partition forces on it, and what replication costs when there
//! is no partition.
//!
//! Everything runs inside [turmoil](https://docs.rs/turmoil/0.7): hosts are
//! futures on one thread, time is virtual and the seed is fixed, so every
//! run prints the same thing.
//!
//! Layout:
//! - [`message`]: what clients and replicas send, as JSON datagrams, and the
//!   `Stamp` that orders writes.
//! - [`register`]: one replica's copy and the last-writer-wins merge.
//! - [`replica`]: the replica as host software: writes and reads that wait
//!   for a quorum of replicas (or do not), and gossip that reconciles copies.
//! - [`scenarios`]: the experiments: a partition under a CP and an AP
//!   configuration, then write latency with synchronous and asynchronous
//!   replication.
//! - [`sweep`]: the CP register under seeded faults, with its clients'
//!   history judged by the consistency checker; `src/bin/partitioned-register-faults.rs` runs
//!   it over many seeds.

pub mod message;
pub mod register;
pub mod replica;
pub mod scenarios;
pub mod sweep;
