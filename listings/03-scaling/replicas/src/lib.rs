//! Read replicas on a real PostgreSQL primary and streaming replica.
//!
//! Layout:
//! - [`lsn`]: a position in the write-ahead log, parsed and compared.
//! - [`cluster`]: both servers, the table, and pausing the replica's
//!   replay so that it falls behind on purpose.
//! - [`reads`]: a user's session and three ways to route its reads.
//! - [`scenario`]: the chapter's story, run by `cargo run -p replicas`.
//! - `src/bin/lag.rs`: the replica's lag measured (timings, not recorded).

pub mod cluster;
pub mod lsn;
pub mod reads;
pub mod scenario;
