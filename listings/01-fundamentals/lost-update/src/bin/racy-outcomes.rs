//! Prints every possible final value of the racy load-then-store counter when
//! each of two threads increments it twice, one value per line, smallest
//! first. A quiz answer is checked against this output.

use lost_update::counter::{Increment, run_counter};
use lost_update::explore;

fn main() {
    let outcomes = explore(|| run_counter(Increment::LoadThenStore, 2, 2));
    for value in outcomes.finals {
        println!("{value}");
    }
}
