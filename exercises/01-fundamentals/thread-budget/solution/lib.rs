// --- solution ---
//! Reference solution of the thread-budget exercise: the estimate is the
//! spawning plus the larger of two limits (the longest chunk, and the cores
//! shared by all the computing), and the search stops as soon as spawning
//! alone costs more than the best estimate so far.
//!
//! Layout: [`Job`] and [`Machine`] describe the work and the computer;
//! [`estimate_ns`] prices one thread count; [`best_threads`] picks one.
// --- stub ---
// //! Your turn: decide how many threads a job should start, from what the
// //! work costs per item and what a thread costs to start.
// //!
// //! Layout: [`Job`] and [`Machine`] describe the work and the computer;
// //! [`estimate_ns`] prices one thread count; [`best_threads`] picks one.
// //! The tests in `tests/thread-budget.rs` check the estimate on small
// //! numbers, then the choice for CPU-bound, tiny and I/O-bound jobs.
// //!
// //! Run `cargo test -p thread-budget` until every test passes.
// --- end ---

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
    // --- solution ---
    let threads = threads.max(1);
    let cores = machine.cores.max(1);
    let longest_chunk = job.items.div_ceil(threads);
    let chunk_ns = longest_chunk * (job.compute_ns + job.wait_ns);
    let cores_ns = (job.items * job.compute_ns).div_ceil(cores);
    threads * machine.spawn_ns + chunk_ns.max(cores_ns)
    // --- stub ---
    // let _ = (job, machine, threads);
    // todo!("price the spawning, then the longer of the two limits")
    // --- end ---
}

/// The thread count with the lowest [`estimate_ns`], from 1 up to the
/// number of items and to `max_threads` (a job with no items, or a
/// `max_threads` of 0, gets 1). On a tie, the fewer threads win.
pub fn best_threads(job: Job, machine: Machine) -> u64 {
    // --- solution ---
    let limit = job.items.min(machine.max_threads).max(1);
    let mut best = (1, estimate_ns(job, machine, 1));
    for threads in 2..=limit {
        // Spawning alone grows with every thread: once it costs as much as
        // the best estimate, no bigger count can win.
        if threads * machine.spawn_ns >= best.1 {
            break;
        }
        let estimate = estimate_ns(job, machine, threads);
        if estimate < best.1 {
            best = (threads, estimate);
        }
    }
    best.0
    // --- stub ---
    // let _ = (job, machine);
    // todo!("try the thread counts and keep the cheapest")
    // --- end ---
}
