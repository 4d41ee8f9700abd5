//! Your turn: decide how many threads a job should start, from what the
//! work costs per item and what a thread costs to start.
//!
//! Layout: [`Job`] and [`Machine`] describe the work and the computer;
//! [`estimate_ns`] prices one thread count; [`best_threads`] picks one.
//! The tests in `tests/thread-budget.rs` check the estimate on small
//! numbers, then the choice for CPU-bound, tiny and I/O-bound jobs.
//!
//! Run `cargo test -p thread-budget` until every test passes.

/// A batch of equal items, each costing `compute_ns` on a core and then
/// `wait_ns` of waiting (for a disk or the network) that needs no core.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Job {
    pub items: u64,
    pub compute_ns: u64,
    pub wait_ns: u64,
}

/// The computer: how many cores, what starting one thread costs (the caller
/// starts them one after another), and the most threads it may start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Machine {
    pub cores: u64,
    pub spawn_ns: u64,
    pub max_threads: u64,
}

/// Estimated wall time, in nanoseconds, of `job` cut into `threads` chunks
/// as evenly as possible (`threads == 0` counts as 1):
///
/// - starting the threads costs `threads * spawn_ns`;
/// - then the job takes the longer of two times: the longest chunk, whose
///   items each need `compute_ns + wait_ns`, and all items' computing shared
///   by the cores, `items * compute_ns / cores` rounded up (`cores == 0`
///   counts as 1).
pub fn estimate_ns(job: Job, machine: Machine, threads: u64) -> u64 {
    let _ = (job, machine, threads);
    todo!("price the spawning, then the longer of the two limits")
}

/// The thread count with the lowest [`estimate_ns`], from 1 up to the
/// number of items and to `max_threads` (a job with no items, or a
/// `max_threads` of 0, gets 1). On a tie, the fewer threads win.
pub fn best_threads(job: Job, machine: Machine) -> u64 {
    let _ = (job, machine);
    todo!("try the thread counts and keep the cheapest")
}
