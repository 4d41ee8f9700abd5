//! Prints, for each way of taking forks and for two and three philosophers,
//! what loom found across every interleaving: the execution that
//! deadlocked, or that none did and how many executions it took to be sure.
//! Deterministic: loom's search order is fixed, and no real threads run.

use dining_philosophers::explore::{Verdict, explore};
use dining_philosophers::table::{Meal, Strategy, dine};

fn main() {
    for philosophers in [2, 3] {
        println!("{philosophers} philosophers, {philosophers} forks, every interleaving:");
        println!("{:<22} {:>10}  verdict", "strategy", "executions");
        for strategy in Strategy::ALL {
            let label = strategy.label();
            match explore(move || dine(philosophers, strategy)) {
                Verdict::Deadlock { execution } => {
                    println!("{label:<22} {execution:>10}  DEADLOCK: every thread blocked");
                }
                Verdict::Finished(outcomes) => {
                    let someone_gave_up = outcomes
                        .finals
                        .iter()
                        .any(|dinner| dinner.0.contains(&Meal::GaveUp));
                    let verdict = if someone_gave_up {
                        "no deadlock, but a philosopher can give up"
                    } else {
                        "no deadlock, every philosopher ate"
                    };
                    println!("{label:<22} {:>10}  {verdict}", outcomes.executions);
                }
            }
        }
        println!();
    }
}
