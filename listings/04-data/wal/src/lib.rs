//! A key-value store with its own write-ahead log, and a checker that
//! crashes it at every point a crash could hit.
//!
//! Layout:
//! - [`crc32`]: the checksum, table driven.
//! - [`record`]: a record's bytes (`length | crc | payload`), the scan that
//!   recovery runs, and the broken [`Variant`]s the checker must catch.
//! - [`log_file`]: the [`LogFile`] trait, a real file (`sync_data`, and a
//!   directory fsync when the file is created) and a simulated one that
//!   records what is synced.
//! - [`store`]: [`KvStore`]: log, fsync, apply, acknowledge; recovery.
//! - [`crash`]: the crash model (what a crash may leave of unsynced bytes),
//!   seeded workloads, and [`crash::check`], which crashes a workload
//!   everywhere and judges each recovery.
//!
//! `cargo run -p wal` prints what one workload's crashes do to each
//! variant; `wal-faults` sweeps seeds (the `faults` step of `cargo xtask
//! test`); `wal-speed` times fsync on a real file.

pub mod crash;
pub mod crc32;
pub mod log_file;
pub mod record;
pub mod store;

pub use log_file::{LogFile, RealFile, SimFile};
pub use record::{Put, Variant};
pub use store::{KvStore, Policy, WalError};
