//! Tests for the bank-transfer exercise. Every test runs inside
//! `loom::model`, which runs the closure once per interleaving of its
//! threads. A deadlock in any interleaving fails the test with a panic
//! whose message starts with "deadlock".

use std::sync::Arc; // std's Arc: loom's would abort the test on a deadlock
use std::thread as std_thread;

use bank_transfer::{Bank, TransferError};
use loom::thread;

/// Runs each `(from, to, amount)` transfer on its own thread and returns
/// the results in the same order.
fn transfer_concurrently(
    bank: &Arc<Bank>,
    transfers: &[(usize, usize, u64)],
) -> Vec<Result<(), TransferError>> {
    let handles: Vec<_> = transfers
        .iter()
        .map(|&(from, to, amount)| {
            let bank = Arc::clone(bank);
            thread::spawn(move || bank.transfer(from, to, amount))
        })
        .collect();
    handles
        .into_iter()
        .map(|h| h.join().expect("a transfer panicked"))
        .collect()
}

/// Runs `body` under loom on a thread of its own, so that a `todo!()` or a
/// deadlock fails this test alone.
fn model<F: Fn() + Send + Sync + 'static>(body: F) {
    std_thread::spawn(move || loom::model(body))
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
}

// Pins the basic move: the amount leaves one account and arrives in the other.
#[test]
fn a_transfer_moves_the_amount() {
    model(|| {
        let bank = Bank::new(&[100, 5]);
        assert_eq!(bank.transfer(0, 1, 30), Ok(()));
        assert_eq!(bank.balance(0), Some(70));
        assert_eq!(bank.balance(1), Some(35));
    });
}

// Pins the refusals: too little money, the same account twice, and an
// account that does not exist each return an error and change nothing.
#[test]
fn bad_transfers_are_refused_and_change_nothing() {
    model(|| {
        let bank = Bank::new(&[10, 20]);
        assert_eq!(
            bank.transfer(0, 1, 11),
            Err(TransferError::InsufficientFunds)
        );
        assert_eq!(bank.transfer(1, 1, 5), Err(TransferError::SameAccount));
        assert_eq!(
            bank.transfer(0, 7, 5),
            Err(TransferError::UnknownAccount(7))
        );
        assert_eq!(
            bank.transfer(9, 0, 5),
            Err(TransferError::UnknownAccount(9))
        );
        assert_eq!((bank.balance(0), bank.balance(1)), (Some(10), Some(20)));
        assert_eq!(bank.balance(2), None);
    });
}

// Pins the edge case of moving everything, and of moving nothing.
#[test]
fn the_whole_balance_or_nothing_can_move() {
    model(|| {
        let bank = Bank::new(&[10, 0]);
        assert_eq!(bank.transfer(0, 1, 10), Ok(()));
        assert_eq!(bank.transfer(0, 1, 0), Ok(()));
        assert_eq!((bank.balance(0), bank.balance(1)), (Some(0), Some(10)));
    });
}

// Pins the deadlock: two opposite transfers at once finish in every
// interleaving, and no money is created or lost.
#[test]
fn opposite_transfers_never_deadlock() {
    model(|| {
        let bank = Arc::new(Bank::new(&[100, 100]));
        let results = transfer_concurrently(&bank, &[(0, 1, 30), (1, 0, 50)]);
        assert_eq!(results, [Ok(()), Ok(())]);
        assert_eq!((bank.balance(0), bank.balance(1)), (Some(120), Some(80)));
    });
}

// Pins a cycle of three: 0 to 1, 1 to 2 and 2 to 0 at once never deadlock,
// and the total stays the same.
#[test]
fn a_cycle_of_three_transfers_never_deadlocks() {
    model(|| {
        let bank = Arc::new(Bank::new(&[10, 10, 10]));
        let results = transfer_concurrently(&bank, &[(0, 1, 1), (1, 2, 2), (2, 0, 3)]);
        assert!(results.iter().all(Result::is_ok), "{results:?}");
        let total: u64 = (0..3).filter_map(|id| bank.balance(id)).sum();
        assert_eq!(total, 30);
        assert_eq!(bank.balance(0), Some(12));
    });
}

// Pins check-and-act under the locks: two transfers racing for money that
// covers only one of them never overdraw; exactly one succeeds.
#[test]
fn racing_transfers_never_overdraw() {
    model(|| {
        let bank = Arc::new(Bank::new(&[50, 0, 0]));
        let results = transfer_concurrently(&bank, &[(0, 1, 40), (0, 2, 40)]);
        assert_eq!(
            results.iter().filter(|r| r.is_ok()).count(),
            1,
            "{results:?}"
        );
        assert_eq!(bank.balance(0), Some(10));
    });
}
