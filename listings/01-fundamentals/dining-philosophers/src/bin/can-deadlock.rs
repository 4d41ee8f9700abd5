//! Prints the strategies that loom finds a deadlock for, with three
//! philosophers, one per line, in the order of `Strategy::ALL`. A quiz
//! answer is checked against this output.

use dining_philosophers::explore::{Verdict, explore};
use dining_philosophers::table::{Strategy, dine};

fn main() {
    for strategy in Strategy::ALL {
        if let Verdict::Deadlock { .. } = explore(move || dine(3, strategy)) {
            println!("{}", strategy.label());
        }
    }
}
