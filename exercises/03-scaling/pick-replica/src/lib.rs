//! Choosing where a read goes, from what a proxy knows about each replica:
//! how far it has replayed the primary's log, how far behind it is in
//! time, whether it is healthy, and how busy.
//!
//! Your task: implement [`parse_lsn`] and [`pick`] until
//! `cargo test -p pick-replica` passes. The tests in
//! `tests/pick-replica.rs` are the specification.

use std::time::Duration;

/// What the proxy knows about one replica.
#[derive(Debug, Clone)]
pub struct Replica {
    pub name: String,
    /// `pg_last_wal_replay_lsn()` as PostgreSQL prints it, e.g. `16/B374D848`.
    pub replayed: String,
    /// How far behind the primary it was at the last check.
    pub lag: Duration,
    pub healthy: bool,
    /// Reads it is answering now.
    pub in_flight: u32,
}

/// Where the read goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Primary,
    Replica(String),
}

/// A replica whose `replayed` is not an LSN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLsn(pub String);

/// Parses `X/Y`, two hex numbers of at most 8 digits, into the position
/// `X * 2^32 + Y`, so positions compare as numbers.
pub fn parse_lsn(text: &str) -> Result<u64, BadLsn> {
    todo!("parse_lsn({text})")
}

/// The replica for a read by a session that has seen the log up to
/// `seen` (`None`: nothing yet). A replica qualifies if it is healthy, no
/// more than `max_lag` behind, and has replayed at least `seen`. Among
/// those, the one with the fewest reads in flight, the earliest in the
/// list on a tie. No replica qualifies: the primary. A `seen` or any
/// replica's `replayed` that cannot be parsed is an error, not skipped.
pub fn pick(replicas: &[Replica], seen: Option<&str>, max_lag: Duration) -> Result<Target, BadLsn> {
    todo!("pick({replicas:?}, {seen:?}, {max_lag:?})")
}
