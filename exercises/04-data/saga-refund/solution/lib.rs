//! The payments service of an order saga. The orchestrator sends `charge`
//! (the step) and `refund` (its compensation) at least once, in any order:
//! a message can arrive twice, and a refund can overtake the charge it
//! undoes. Each answer must be the same however often it is asked.
// --- solution ---
//! Reference solution of the exercise; the tests live in
//! `../tests/saga-refund.rs`.
// --- stub ---
// //! Your task: implement [`Payments::charge`] and [`Payments::refund`]
// //! until `cargo test -p saga-refund` passes. The tests in
// //! `tests/saga-refund.rs` are the specification.
// --- end ---

use std::collections::HashMap;

/// What the service remembers about one saga.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Record {
    pub charged: bool,
    pub declined: bool,
    pub refunded: bool,
}

pub struct Payments {
    /// The customer's money.
    pub balance: i64,
    /// The shop's money.
    pub merchant: i64,
    /// One record per saga id.
    pub records: HashMap<u64, Record>,
}

impl Payments {
    pub fn new(balance: i64) -> Payments {
        Payments {
            balance,
            merchant: 0,
            records: HashMap::new(),
        }
    }

    /// The saga's step: move `amount` from the customer to the shop, once.
    /// True if the saga's money is (now or already) charged; false if it
    /// was declined (not enough money) or the saga was already refunded.
    pub fn charge(&mut self, saga: u64, amount: i64) -> bool {
        // --- solution ---
        let r = self.records.entry(saga).or_default();
        if r.refunded {
            return false; // the compensation came first: never charge
        }
        if r.charged || r.declined {
            return r.charged; // a redelivery gets the first answer
        }
        if self.balance < amount {
            r.declined = true;
            return false;
        }
        self.balance -= amount;
        self.merchant += amount;
        r.charged = true;
        true
        // --- stub ---
        // let _ = (saga, amount);
        // todo!("charge once, answer the same every time, never after a refund")
        // --- end ---
    }

    /// The compensation: give back what this saga's charge took, once.
    /// Always true: a compensation must not fail.
    pub fn refund(&mut self, saga: u64, amount: i64) -> bool {
        // --- solution ---
        let r = self.records.entry(saga).or_default();
        if r.refunded {
            return true;
        }
        r.refunded = true;
        if r.charged {
            self.balance += amount;
            self.merchant -= amount;
        }
        true
        // --- stub ---
        // let _ = (saga, amount);
        // todo!("give the money back once, and remember the refund")
        // --- end ---
    }
}
