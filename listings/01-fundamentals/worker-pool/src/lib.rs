//! Worker pools, fan-out and fan-in, and pipelines, with std threads and
//! channels only.
//!
//! Layout:
//! - [`pool`]: a thread per job (the naive version) and a fixed pool of
//!   workers pulling jobs from one shared channel and sending results back
//!   on another (fan-out, fan-in), with shutdown by closing the job channel.
//! - [`reorder`]: a reorder buffer that puts results arriving out of order
//!   back in job-id order as soon as each gap is filled.
//! - [`pipeline`]: stages joined by bounded channels, each stage a small pool,
//!   run on real threads.
//! - [`sim`]: the same pipeline on a simulated clock, where a stage takes a
//!   fixed number of ticks per item, so its throughput is exact and repeatable.
//!
//! Binaries: `worker-pool` prints the recorded run; `arrival-order` prints
//! the order in which a pool's results arrive, which changes from run to run.

pub mod pipeline;
pub mod pool;
pub mod reorder;
pub mod sim;
