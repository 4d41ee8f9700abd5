//! Prints everything the reader can see when the flag is raised with
//! `Release` and read with `Acquire`, one observation per line. A quiz answer
//! is checked against this output.

use loom::sync::atomic::Ordering::{Acquire, Release};
use memory_ordering::explore;
use memory_ordering::litmus::publish_with;

fn main() {
    let outcomes = explore(|| publish_with(Release, Acquire));
    for seen in outcomes.finals {
        println!("{seen}");
    }
}
