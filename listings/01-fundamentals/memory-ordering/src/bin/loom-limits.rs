//! Prints what loom finds for the two litmus tests where its answer differs
//! from the C++20 memory model's: store buffering with `SeqCst` (loom reports
//! an outcome C++20 forbids) and load buffering (loom never tries an outcome
//! C++20 allows). Deterministic, like every loom exploration here.

use loom::sync::atomic::Ordering::{Acquire, Release, SeqCst};
use memory_ordering::explore;
use memory_ordering::litmus::{flags_text, load_buffering, store_buffering};

fn main() {
    println!("Store buffering: each thread raises its own flag, then reads the other's.");
    println!(
        "{:<22} {:<32} {:>10}",
        "orderings", "(x, y) the threads read", "executions"
    );
    for (label, store, load) in [
        ("Release / Acquire", Release, Acquire),
        ("SeqCst / SeqCst", SeqCst, SeqCst),
    ] {
        let outcomes = explore(move || store_buffering(store, load));
        let seen: Vec<String> = outcomes.finals.iter().copied().map(flags_text).collect();
        println!(
            "{:<22} {:<32} {:>10}",
            label,
            seen.join(" "),
            outcomes.executions
        );
    }

    println!();
    println!("Load buffering: each thread reads one flag, then raises the other (all Relaxed).");
    let outcomes = explore(load_buffering);
    let seen: Vec<String> = outcomes.finals.iter().copied().map(flags_text).collect();
    println!(
        "{:<22} {:<32} {:>10}",
        "Relaxed / Relaxed",
        seen.join(" "),
        outcomes.executions
    );
}
