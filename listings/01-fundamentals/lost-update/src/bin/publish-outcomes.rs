//! Prints everything the reader can see when the flag is raised with
//! `Release` and read with `Acquire`, one observation per line. A quiz answer
//! is checked against this output.

use lost_update::explore;
use lost_update::publish::run_publish;

fn main() {
    let outcomes = explore(|| run_publish(true));
    for seen in outcomes.finals {
        println!("{seen}");
    }
}
