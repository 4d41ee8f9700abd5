//! Prints, for a simulated batch of equal CPU-bound jobs, when the first job,
//! the average job and the last job finish with a pool of threads and with a
//! thread per job. The scheduler is simulated (see `split_work::schedule`),
//! so the output is the same on every machine and every run.

use split_work::schedule::{Scheduler, simulate};

// ANCHOR: batch
const JOBS: usize = 8;
const JOB_MS: u64 = 100;
const SCHEDULER: Scheduler = Scheduler {
    cores: 4,
    slice_us: 4_000,
    switch_us: 5,
};
// Threads for each plan; `JOBS` threads is a thread per job.
const PLANS: [(&str, usize); 3] = [
    ("pool of 2 threads", 2),
    ("pool of 4 threads", 4),
    ("a thread per job", JOBS),
];
// ANCHOR_END: batch

fn main() -> std::process::ExitCode {
    // `-- 64` runs the batch with 64 jobs instead of `JOBS`.
    let count = match std::env::args().nth(1).map(|a| a.parse::<usize>()) {
        None => JOBS,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => {
            eprintln!("usage: cargo run -p split-work --bin oversubscribe [-- <jobs, at least 1>]");
            return std::process::ExitCode::from(2);
        }
    };
    let jobs = vec![JOB_MS * 1_000; count];
    println!(
        "{count} jobs of {JOB_MS} ms on {} cores, {} slices, {} µs per switch (simulated):",
        SCHEDULER.cores,
        ms(SCHEDULER.slice_us),
        SCHEDULER.switch_us
    );
    for (name, threads) in PLANS {
        // A thread per job means as many threads as jobs, however many.
        let threads = if threads == JOBS { count } else { threads };
        let finish = simulate(&jobs, threads, SCHEDULER);
        println!(
            "{name}: first done {}, mean {}, last {}, {} switches",
            ms(finish.first_us),
            ms(finish.mean_us),
            ms(finish.last_us),
            finish.switches
        );
    }
    std::process::ExitCode::SUCCESS
}

fn ms(us: u64) -> String {
    format!("{:.1} ms", us as f64 / 1_000.0)
}
