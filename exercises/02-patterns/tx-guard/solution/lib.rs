// --- solution ---
//! Reference solution: a transaction guard. Writes made through it reach
//! the store only on `commit`; on every other way out (an early return, a
//! `?`, a panic) dropping the guard rolls them back.
// --- stub ---
// //! Your turn: a transaction guard. Writes made through it should reach
// //! the store only on `commit`; on every other way out (an early return, a
// //! `?`, a panic) dropping the guard should roll them back.
// //!
// //! Run `cargo test -p tx-guard` until it passes.
// --- end ---

// --- stub ---
// // The stub does not read its fields yet; delete this line when your code
// // does.
// #![allow(dead_code)]
//
// --- end ---
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
    // --- solution ---
    /// Rows written in this transaction, not yet visible in the store.
    pending: Vec<String>,
    /// Set by `commit`, so that the `drop` which follows it does nothing.
    done: bool,
    // --- stub ---
    // // Add what the transaction needs to remember.
    // --- end ---
}

impl Store {
    /// Opens a transaction; the log records `"begin"`.
    pub fn begin(&mut self) -> Transaction<'_> {
        self.log.push("begin");
        // --- solution ---
        Transaction {
            store: self,
            pending: Vec::new(),
            done: false,
        }
        // --- stub ---
        // todo!("Store::begin")
        // --- end ---
    }
}

impl Transaction<'_> {
    /// Writes a row, visible in the store only after `commit`.
    pub fn insert(&mut self, row: &str) {
        // --- solution ---
        self.pending.push(row.to_string());
        // --- stub ---
        // let _ = row;
        // todo!("Transaction::insert")
        // --- end ---
    }

    /// How many rows this transaction has written so far.
    pub fn pending(&self) -> usize {
        // --- solution ---
        self.pending.len()
        // --- stub ---
        // todo!("Transaction::pending")
        // --- end ---
    }

    /// Makes the writes visible and logs `"commit"`. Takes `self`, so a
    /// transaction cannot be used, or committed, again.
    pub fn commit(mut self) {
        // --- solution ---
        let rows = std::mem::take(&mut self.pending);
        self.store.rows.extend(rows);
        self.store.log.push("commit");
        self.done = true;
        // `self` is dropped here, and `drop` sees `done`.
        // --- stub ---
        // let _ = &mut self;
        // todo!("Transaction::commit")
        // --- end ---
    }
}

impl Drop for Transaction<'_> {
    /// Rolls back a transaction that was not committed: its writes are
    /// thrown away and the log records `"rollback"`.
    fn drop(&mut self) {
        // --- solution ---
        if !self.done {
            self.pending.clear();
            self.store.log.push("rollback");
        }
        // --- stub ---
        // todo!("Drop for Transaction")
        // --- end ---
    }
}
