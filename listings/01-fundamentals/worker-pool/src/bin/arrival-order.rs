//! Prints the order in which a pool's results arrive, five runs in a row.
//! Not recorded: the order depends on how the OS schedules the threads, and
//! changes from run to run. Only the sorted order is fixed.

use worker_pool::pool::{collatz_total, run_pool};

const JOB_INPUTS: [u64; 12] = [
    300_000, 20, 90_000, 5, 150_000, 1, 60_000, 700, 30_000, 2, 10_000, 400,
];

fn main() {
    for run in 1..=5 {
        let arrived = run_pool(4, JOB_INPUTS.to_vec(), collatz_total);
        let order: Vec<String> = arrived
            .iter()
            .map(|d| format!("{}@w{}", d.job_id, d.worker_id))
            .collect();
        println!("run {run}: {}", order.join(" "));
    }
}
