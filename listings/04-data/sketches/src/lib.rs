//! Counting a stream in a fixed, small amount of memory.
//!
//! Layout:
//! - `countmin`: `CountMin`, per-key counts that never under-count, with
//!   plain and conservative update and merging by addition.
//! - `hll`: `HyperLogLog`, a distinct count from registers of leading-zero
//!   counts, merged by taking the maximum.
//! - `stream`: the seeded Zipf stream of keys and its exact counts.
//! - `main.rs`: measures both against their bounds and exact counts;
//!   `-- redis` runs the same stream through Redis's PFADD and PFCOUNT.
//!
//! Hashing comes from the Bloom filter chapter (`bloom_filter::KeyHash`).

pub mod countmin;
pub mod hll;
pub mod stream;

pub use countmin::CountMin;
pub use hll::HyperLogLog;
