//! Prints, for every version of the shared counter and of the withdrawal,
//! the set of final values loom found across every interleaving, and how
//! many executions it explored to find them. (The flag hand-off is the
//! memory-ordering listing's.)
//! Deterministic: loom's search order is fixed, and no real threads run.

use lost_update::account::{self, Withdraw};
use lost_update::counter::{Increment, run_counter};
use lost_update::explore;

const THREADS: usize = 2;
const OPENING_BALANCE: i64 = 100;
const WITHDRAWAL: i64 = 60;

fn main() {
    println!("Two threads each add 1 to a counter that starts at 0.");
    println!(
        "{:<24} {:<16} {:>10}",
        "version", "possible finals", "executions"
    );
    for version in Increment::ALL {
        let outcomes = explore(move || run_counter(version, THREADS, 1));
        println!(
            "{:<24} {:<16} {:>10}",
            version.label(),
            outcomes.finals_text(),
            outcomes.executions
        );
    }

    println!();
    println!(
        "Check-then-act: balance {OPENING_BALANCE}, two threads each withdraw {WITHDRAWAL} if it is covered."
    );
    println!(
        "{:<24} {:<16} {:>10}",
        "version", "possible finals", "executions"
    );
    let withdrawals: [(&str, Withdraw); 2] = [
        ("two locks (racy)", account::withdraw_check_then_act),
        ("one lock", account::withdraw_under_one_lock),
    ];
    for (label, withdraw) in withdrawals {
        let outcomes =
            explore(move || account::run_withdrawals(withdraw, OPENING_BALANCE, WITHDRAWAL));
        println!(
            "{:<24} {:<16} {:>10}",
            label,
            outcomes.finals_text(),
            outcomes.executions
        );
    }
}
