//! Lock poisoning: what a lock remembers when a thread panics holding it.

use std::sync::{Mutex, PoisonError, RwLock};
use std::thread;

/// Two balances whose sum must never change: a transfer moves money, it
/// never creates or destroys it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accounts {
    pub alice_cents: i64,
    pub bob_cents: i64,
}

impl Accounts {
    pub fn total_cents(&self) -> i64 {
        self.alice_cents + self.bob_cents
    }
}

// ANCHOR: transfer
/// Moves `amount` from Alice to Bob, writing an audit record in between.
pub fn transfer(accounts: &Mutex<Accounts>, amount: i64, write_audit: impl FnOnce()) {
    let mut books = accounts.lock().expect("the books are consistent");
    books.alice_cents -= amount;
    write_audit();
    books.bob_cents += amount;
}
// ANCHOR_END: transfer

/// What [`poison_a_transfer`] observed, step by step.
#[derive(Debug, PartialEq, Eq)]
pub struct PoisonReport {
    /// The panic message `join` handed back.
    pub join_error: Option<String>,
    /// Whether `lock()` returned `Err(PoisonError)` afterwards.
    pub lock_was_err: bool,
    /// The balances as `PoisonError::into_inner` shows them.
    pub seen_after_panic: Accounts,
    /// The balances after the repair, once `clear_poison` has run.
    pub repaired: Accounts,
    /// Whether `lock()` succeeds again after `clear_poison`.
    pub lock_ok_after_clear: bool,
}

// ANCHOR: poison
/// A transfer panics halfway; then we look at the lock from outside.
pub fn poison_a_transfer(opening: Accounts, amount: i64) -> PoisonReport {
    let accounts = Mutex::new(opening);
    let join_error = thread::scope(|scope| {
        scope
            .spawn(|| transfer(&accounts, amount, || panic!("audit log unavailable")))
            .join()
            .err()
            .and_then(|payload| payload.downcast_ref::<&str>().map(|s| s.to_string()))
    });
    let lock_was_err = accounts.lock().is_err();
    // into_inner hands over the guard anyway: the data is there, but the
    // lock warns that a thread died while changing it.
    let mut books = accounts.lock().unwrap_or_else(PoisonError::into_inner);
    let seen_after_panic = *books;
    // Repair the invariant from what we know (the audit record never got
    // written, so the transfer is undone), then tell the lock it is fixed.
    books.alice_cents = opening.alice_cents;
    books.bob_cents = opening.bob_cents;
    let repaired = *books;
    drop(books);
    accounts.clear_poison();
    PoisonReport {
        join_error,
        lock_was_err,
        seen_after_panic,
        repaired,
        lock_ok_after_clear: accounts.lock().is_ok(),
    }
}
// ANCHOR_END: poison

/// Panics while holding a read guard (`write == false`) or a write guard of
/// an `RwLock`, then reports whether the lock is poisoned. Only a writer can
/// leave the data half-changed, so only a writer's panic poisons it.
pub fn rwlock_poisoned_by_panic(write: bool) -> bool {
    let lock = RwLock::new(0_u64);
    thread::scope(|scope| {
        let result = scope
            .spawn(|| {
                if write {
                    let _writer = lock.write().expect("fresh lock");
                    panic!("writer fails");
                } else {
                    let _reader = lock.read().expect("fresh lock");
                    panic!("reader fails");
                }
            })
            .join();
        assert!(result.is_err(), "the thread panicked");
    });
    lock.is_poisoned()
}
