//! Prints the recorded run: a thread per job against a fixed pool, the
//! pool's results in job order, and a pipeline's throughput on a simulated
//! clock beside the counts of the same pipeline on real threads.
//! Deterministic: only counts and job-ordered results of the real threads
//! are printed; every timing comes from the simulated clock.

use worker_pool::pipeline::{expected, image_stages, run_pipeline};
use worker_pool::pool::{collatz_total, in_job_order, run_pool, thread_per_job};
use worker_pool::sim::{bottleneck, simulate};

const WORKERS: usize = 4;
/// The jobs: very different sizes, as in a real queue.
const JOB_INPUTS: [u64; 12] = [
    300_000, 20, 90_000, 5, 150_000, 1, 60_000, 700, 30_000, 2, 10_000, 400,
];
const ITEMS: usize = 24;
const CAPACITY: usize = 2;

fn main() {
    let jobs = JOB_INPUTS.len();
    println!("Fan-out and fan-in: {jobs} jobs, each sums the Collatz steps of 1..=n.");
    let (naive, spawned) = thread_per_job(JOB_INPUTS.to_vec(), collatz_total);
    println!("thread per job: {spawned:>2} threads spawned for {jobs} jobs");
    let arrived = run_pool(WORKERS, JOB_INPUTS.to_vec(), collatz_total);
    println!("worker pool:    {WORKERS:>2} threads spawned for {jobs} jobs");
    let ordered = in_job_order(arrived);
    println!("pool results, sorted by job id:");
    println!("{:>5} {:>8} {:>10}", "job", "n", "steps");
    for done in &ordered {
        println!(
            "{:>5} {:>8} {:>10}",
            done.job_id, JOB_INPUTS[done.job_id], done.output
        );
    }
    let each_once = ordered.iter().map(|d| d.job_id).eq(0..jobs);
    let same = ordered.iter().map(|d| d.output).eq(naive.iter().copied());
    println!("every job done exactly once: {}", yes(each_once));
    println!("same results as a thread per job: {}", yes(same));

    println!();
    println!("Pipeline: {ITEMS} items through decode (1 tick), resize (3), upload (2).");
    println!(
        "Channels hold {CAPACITY} items. Ticks per item from the model and the simulated clock,"
    );
    println!("total ticks for all {ITEMS} items, then the same stages on real threads.");
    println!(
        "{:<14} {:<22} {:>6} {:>10} {:>6}  real threads: out, in order",
        "workers d/r/u", "slowest stage", "model", "simulated", "total"
    );
    for (d, r, u) in [(1, 1, 1), (1, 1, 3), (1, 3, 1), (1, 3, 2)] {
        let stages = image_stages(d, r, u);
        let (slowest, model) = bottleneck(&stages);
        let sim = simulate(&stages, ITEMS, CAPACITY);
        let real = run_pipeline(&stages, ITEMS, CAPACITY);
        let in_order = real
            .outputs
            .iter()
            .enumerate()
            .all(|(i, item)| item.id == i && item.value == expected(&stages, i));
        assert!(real.processed.iter().all(|&n| n == ITEMS));
        println!(
            "{:<14} {:<22} {:>6.2} {:>10.2} {:>6}  {}, {}",
            format!("{d}/{r}/{u}"),
            slowest
                .iter()
                .map(|s| s.name)
                .collect::<Vec<_>>()
                .join(", "),
            model,
            sim.ticks_per_item.expect("more than one item"),
            sim.total_ticks,
            real.outputs.len(),
            yes(in_order)
        );
    }

    println!();
    let one_each = image_stages(1, 1, 1);
    let bounded = simulate(&one_each, ITEMS, CAPACITY);
    let unbounded = simulate(&one_each, ITEMS, usize::MAX);
    println!("Most items waiting in front of resize (workers 1/1/1):");
    println!(
        "bounded, capacity {CAPACITY}: {:>3}",
        bounded.peak_waiting[0]
    );
    println!("unbounded:          {:>3}", unbounded.peak_waiting[0]);
    println!(
        "total ticks: {} bounded, {} unbounded",
        bounded.total_ticks, unbounded.total_ticks
    );
}

fn yes(b: bool) -> &'static str {
    if b { "yes" } else { "NO" }
}
