//! Your turn: a transaction guard. Writes made through it should reach
//! the store only on `commit`; on every other way out (an early return, a
//! `?`, a panic) dropping the guard should roll them back.
//!
//! Run `cargo test -p tx-guard` until it passes.

// The stub does not read its fields yet; delete this line when your code
// does.
#![allow(dead_code)]

/// A tiny store: committed rows, and a log of what happened to each
/// transaction (`"begin"`, `"commit"`, `"rollback"`), so tests can see it.
#[derive(Debug, Default)]
pub struct Store {
    pub rows: Vec<String>,
    pub log: Vec<&'static str>,
}

/// An open transaction on a store. It borrows the store mutably, so
/// nothing else can write to the store while it is open.
pub struct Transaction<'a> {
    store: &'a mut Store,
    // Add what the transaction needs to remember.
}

impl Store {
    /// Opens a transaction; the log records `"begin"`.
    pub fn begin(&mut self) -> Transaction<'_> {
        self.log.push("begin");
        todo!("Store::begin")
    }
}

impl Transaction<'_> {
    /// Writes a row, visible in the store only after `commit`.
    pub fn insert(&mut self, row: &str) {
        let _ = row;
        todo!("Transaction::insert")
    }

    /// How many rows this transaction has written so far.
    pub fn pending(&self) -> usize {
        todo!("Transaction::pending")
    }

    /// Makes the writes visible and logs `"commit"`. Takes `self`, so a
    /// transaction cannot be used, or committed, again.
    pub fn commit(mut self) {
        let _ = &mut self;
        todo!("Transaction::commit")
    }
}

impl Drop for Transaction<'_> {
    /// Rolls back a transaction that was not committed: its writes are
    /// thrown away and the log records `"rollback"`.
    fn drop(&mut self) {
        todo!("Drop for Transaction")
    }
}
