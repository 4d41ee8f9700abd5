//! Prints what a reader can see when data is published through a flag,
//! for each pair of orderings on the flag's store and load, as loom finds it
//! across every execution. Deterministic: loom's search order is fixed, and
//! no real threads run.

use loom::sync::atomic::Ordering::{self, Acquire, Relaxed, Release, SeqCst};
use memory_ordering::explore;
use memory_ordering::litmus::publish_with;

fn main() {
    println!("The writer stores data = 42, then ready = true; the reader loads ready, then data.");
    println!(
        "{:<22} {:<40} {:>10}",
        "store / load of ready", "what the reader can see", "executions"
    );
    // ANCHOR: pairs
    let pairs: [(&str, Ordering, Ordering); 5] = [
        ("Relaxed / Relaxed", Relaxed, Relaxed),
        ("Release / Relaxed", Release, Relaxed),
        ("Relaxed / Acquire", Relaxed, Acquire),
        ("Release / Acquire", Release, Acquire),
        ("SeqCst / SeqCst", SeqCst, SeqCst),
    ];
    // ANCHOR_END: pairs
    for (label, store, load) in pairs {
        let outcomes = explore(move || publish_with(store, load));
        println!(
            "{:<22} {:<40} {:>10}",
            label,
            outcomes.finals_text(),
            outcomes.executions
        );
    }
}
