//! The first version of the ledger: account ids, amounts and balances are
//! all bare `i64`s (as in a table of `BIGINT` columns), and the balances are public so that reports can read
//! them.

use std::collections::BTreeMap;

// ANCHOR: naive
#[derive(Default)]
pub struct NaiveLedger {
    /// Account id to balance in cents.
    pub balances: BTreeMap<i64, i64>,
}

impl NaiveLedger {
    pub fn open_account(&mut self, id: i64, cents: i64) {
        self.balances.insert(id, cents);
    }

    /// Moves `cents` from one account to another.
    pub fn transfer(&mut self, from: i64, to: i64, cents: i64) {
        *self.balances.entry(from).or_default() -= cents;
        *self.balances.entry(to).or_default() += cents;
    }

    pub fn total(&self) -> i64 {
        self.balances.values().sum()
    }
}
// ANCHOR_END: naive
