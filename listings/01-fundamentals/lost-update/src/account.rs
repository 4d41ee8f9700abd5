//! Check-then-act: withdraw only if the balance covers it.

use loom::sync::{Arc, Mutex};
use loom::thread;

// ANCHOR: check_then_act
/// Racy: every access is locked, yet the lock is dropped between the check
/// and the act, so two withdrawals can both pass the check.
pub fn withdraw_check_then_act(balance: &Mutex<i64>, amount: i64) -> bool {
    let covered = *balance.lock().expect("unpoisoned") >= amount; // lock released here
    if covered {
        *balance.lock().expect("unpoisoned") -= amount;
    }
    covered
}
// ANCHOR_END: check_then_act

// ANCHOR: one_lock
/// Correct: the check and the act happen under one guard.
pub fn withdraw_under_one_lock(balance: &Mutex<i64>, amount: i64) -> bool {
    let mut guard = balance.lock().expect("unpoisoned");
    let covered = *guard >= amount;
    if covered {
        *guard -= amount;
    }
    covered
}
// ANCHOR_END: one_lock

/// The two ways to withdraw, as a function pointer the model can call.
pub type Withdraw = fn(&Mutex<i64>, i64) -> bool;

/// Starts with `opening` in the account, lets two threads each withdraw
/// `amount` with `withdraw`, and returns the closing balance. Call it inside a
/// loom model.
pub fn run_withdrawals(withdraw: Withdraw, opening: i64, amount: i64) -> i64 {
    let balance = Arc::new(Mutex::new(opening));
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let balance = Arc::clone(&balance);
            thread::spawn(move || withdraw(&balance, amount))
        })
        .collect();
    for handle in handles {
        handle.join().expect("a withdrawing thread panicked");
    }
    *balance.lock().expect("unpoisoned")
}
