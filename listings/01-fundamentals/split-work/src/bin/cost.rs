//! Prints what a function call, a channel send and a thread spawn cost on
//! this machine, and how the fingerprint job scales with the thread count.
//! Timings change from run to run, so this output is never recorded; run it
//! with `--release`, on an otherwise idle machine, a few times.

use std::thread;

use split_work::cost::{
    best_fingerprint_time, ns_per_channel_send, ns_per_function_call, ns_per_spawn_and_join,
};
use split_work::records;

const CALLS: u32 = 10_000_000;
const MESSAGES: u32 = 1_000_000;
const SPAWNS: u32 = 2_000;
const BATCH: usize = 2_000_000;
const TRIES: u32 = 3;

fn main() {
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    let call = ns_per_function_call(CALLS);
    let send = ns_per_channel_send(MESSAGES);
    let spawn = ns_per_spawn_and_join(SPAWNS);
    println!("What one unit of work costs here (timings vary from run to run):");
    println!("{:<30} {:>12} {:>18}", "", "ns each", "function calls");
    for (label, ns) in [
        ("function call", call),
        ("channel send to a thread", send),
        ("thread spawn and join", spawn),
    ] {
        println!("{label:<30} {ns:>12.1} {:>18.0}", ns / call);
    }

    println!();
    println!("Fingerprint of {BATCH} records, best of {TRIES} runs, {cores} cores available:");
    println!(
        "{:<10} {:>10} {:>22}",
        "threads", "ms", "speedup vs 1 thread"
    );
    let batch = records(BATCH);
    let mut counts = vec![1, 2, cores, 4 * cores, 16 * cores, 256];
    counts.sort_unstable();
    counts.dedup();
    let mut single = None;
    for threads in counts {
        let time = best_fingerprint_time(&batch, threads, TRIES);
        // counts starts at 1, so the first row is the baseline.
        let single = *single.get_or_insert(time);
        println!(
            "{:<10} {:>10.1} {:>22.2}",
            threads,
            time.as_secs_f64() * 1e3,
            single.as_secs_f64() / time.as_secs_f64()
        );
    }
}
