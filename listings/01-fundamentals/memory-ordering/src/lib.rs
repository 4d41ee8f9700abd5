//! Memory ordering, enumerated: which values a thread may read, under each
//! ordering, across every execution loom explores.
//!
//! Layout:
//! - [`litmus`]: small two-thread programs ("litmus tests") whose outcomes
//!   depend on the ordering: publishing data through a flag with any pair of
//!   orderings, store buffering, and load buffering.
//!
//! The models run under [`lost_update::explore`], the helper from the race
//! conditions chapter, which collects the result of every execution loom
//! tries into a set.
//!
//! Binaries: `memory-ordering` prints what a reader of a published flag can
//! see under each pair of orderings; `loom-limits` prints what loom finds for
//! store buffering and load buffering, the two cases where its answer differs
//! from the C++20 memory model's; `publish-outcomes` prints, one per line, what
//! the reader can see with a `Release` store and an `Acquire` load.

pub mod litmus;

pub use lost_update::{Outcomes, explore};
