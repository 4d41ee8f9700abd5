//! Prints what a function call, a channel send, a round trip between two
//! threads and a thread spawn cost on this machine, and how the fingerprint
//! job scales with the thread count. Timings change from run to run, so
//! this output is never recorded; run it with `--release`, on an otherwise
//! idle machine, a few times. With `--check` it prints instead only the
//! comparisons that hold on any machine, which is recorded.

use std::thread;

use split_work::cost::{
    best_fingerprint_time, ns_per_channel_send, ns_per_function_call, ns_per_round_trip,
    ns_per_spawn_and_join,
};
use split_work::records;

const CALLS: u32 = 10_000_000;
const MESSAGES: u32 = 1_000_000;
const TRIPS: u32 = 100_000;
const SPAWNS: u32 = 2_000;
const BATCH: usize = 2_000_000;
const TRIES: u32 = 3;

fn main() {
    if std::env::args().any(|arg| arg == "--check") {
        check();
        return;
    }
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    let call = ns_per_function_call(CALLS);
    let send = ns_per_channel_send(MESSAGES);
    let trip = ns_per_round_trip(TRIPS);
    let spawn = ns_per_spawn_and_join(SPAWNS);
    println!("What one unit of work costs here (timings vary from run to run):");
    println!("{:<30} {:>12} {:>18}", "", "ns each", "function calls");
    for (label, ns) in [
        ("function call", call),
        ("channel send to a thread", send),
        ("round trip between threads", trip),
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

/// The comparisons this chapter claims, with bounds far below what any
/// machine shows, even in a debug build on a busy machine: the same bounds
/// as the crate's tests.
fn check() {
    let call = ns_per_function_call(2_000_000);
    let send = ns_per_channel_send(100_000);
    let trip = ns_per_round_trip(2_000);
    let spawn = ns_per_spawn_and_join(300);
    println!("Comparisons that hold on any machine (without --check: the timings):");
    println!(
        "a thread spawn and join costs more than 100 function calls: {}",
        spawn > 100.0 * call
    );
    println!(
        "a thread spawn and join costs more than 10 channel sends: {}",
        spawn > 10.0 * send
    );
    println!(
        "a round trip between threads costs more than 10 function calls: {}",
        trip > 10.0 * call
    );
}
