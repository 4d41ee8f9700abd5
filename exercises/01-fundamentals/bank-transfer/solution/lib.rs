// --- solution ---
//! Reference solution of the bank-transfer exercise: `transfer` validates
//! its input, then locks the two accounts in one global order (lower
//! number first), so two transfers can never wait for each other in a
//! circle.
//!
//! Layout: [`Bank`] holds one `Mutex` per account; [`Bank::transfer`] moves
//! money under both locks. It uses loom's `Mutex` so the tests can try every
//! interleaving.
// --- stub ---
// //! Your turn: move money between two accounts, each behind its own lock,
// //! from many threads at once, without ever deadlocking.
// //!
// //! Layout: [`Bank`] holds one `Mutex` per account; [`Bank::transfer`] is the
// //! method you write. The tests in `tests/bank-transfer.rs` run it under
// //! loom (that is why this file imports `loom::sync::Mutex`), which tries
// //! every interleaving of the transfers and fails with "deadlock" if one
// //! leaves every thread waiting.
// //!
// //! Run `cargo test -p bank-transfer` until every test passes.
// --- end ---

use loom::sync::Mutex;

/// Why a transfer was refused. A refused transfer changes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransferError {
    /// No account has this number.
    UnknownAccount(usize),
    /// The source and the destination are the same account.
    SameAccount,
    /// The source holds less than the amount.
    InsufficientFunds,
}

/// Accounts numbered from 0, each balance behind its own lock so that
/// transfers between different accounts do not wait for each other.
#[derive(Debug)]
pub struct Bank {
    accounts: Vec<Mutex<u64>>,
}

impl Bank {
    /// A bank with one account per entry of `balances`.
    pub fn new(balances: &[u64]) -> Self {
        Bank {
            accounts: balances.iter().map(|&b| Mutex::new(b)).collect(),
        }
    }

    /// The balance of account `id`, or `None` if there is no such account.
    pub fn balance(&self, id: usize) -> Option<u64> {
        let account = self.accounts.get(id)?;
        Some(*account.lock().expect("no transfer panics"))
    }

    /// Moves `amount` from account `from` to account `to`, holding both
    /// locks at once so nobody sees the money in neither account or both.
    /// Safe to call from many threads at once: never deadlocks, whatever
    /// the interleaving.
    pub fn transfer(&self, from: usize, to: usize, amount: u64) -> Result<(), TransferError> {
        // --- solution ---
        if from == to {
            // Locking one std (or loom) mutex twice on one thread never
            // returns, so this must be refused before any lock is taken.
            return Err(TransferError::SameAccount);
        }
        for id in [from, to] {
            if id >= self.accounts.len() {
                return Err(TransferError::UnknownAccount(id));
            }
        }
        // One global order: every transfer locks the lower-numbered account
        // first, so no cycle of waiting can form.
        let (first, second) = (from.min(to), from.max(to));
        let mut first_guard = self.accounts[first].lock().expect("no transfer panics");
        let mut second_guard = self.accounts[second].lock().expect("no transfer panics");
        let (source, destination) = if from == first {
            (&mut *first_guard, &mut *second_guard)
        } else {
            (&mut *second_guard, &mut *first_guard)
        };
        if *source < amount {
            return Err(TransferError::InsufficientFunds);
        }
        *source -= amount;
        *destination += amount;
        Ok(())
        // --- stub ---
        // // The obvious version locks `from`, then `to`. Two opposite
        // // transfers (0 to 1 and 1 to 0) can then each hold one lock and wait
        // // for the other's: try it, and read what loom says.
        // let _ = (from, to, amount);
        // todo!("lock both accounts in one global order, then check and move")
        // --- end ---
    }
}
