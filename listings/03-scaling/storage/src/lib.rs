//! Storage engines and indexes.
//!
//! Layout:
//! - [`engines`]: a tiny B-tree and a tiny LSM tree that count their
//!   writes and lookups.
//! - [`pg`]: an index and the N+1 query on real PostgreSQL.

pub mod engines;
pub mod pg;
