//! The server's state, without any networking: a balance, and (for the
//! idempotent version) the receipt of every deposit already applied.

use std::collections::BTreeMap;

use crate::protocol::{Deposit, Receipt};

/// How the ledger treats a deposit whose `id` it has seen before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Apply every request that arrives. A retry is applied again.
    ApplyEvery,
    /// Apply each `id` once; a repeat gets the first receipt back.
    ApplyOnce,
}

#[derive(Debug)]
pub struct Ledger {
    mode: Mode,
    balance: u64,
    /// How many times a deposit changed the balance.
    applied: u32,
    /// How many requests were answered from `receipts` without applying.
    replayed: u32,
    receipts: BTreeMap<u64, Receipt>,
}

impl Ledger {
    pub fn new(mode: Mode) -> Ledger {
        Ledger {
            mode,
            balance: 0,
            applied: 0,
            replayed: 0,
            receipts: BTreeMap::new(),
        }
    }

    pub fn balance(&self) -> u64 {
        self.balance
    }

    pub fn applied(&self) -> u32 {
        self.applied
    }

    pub fn replayed(&self) -> u32 {
        self.replayed
    }

    // ANCHOR: handle
    pub fn handle(&mut self, deposit: Deposit) -> Receipt {
        if self.mode == Mode::ApplyOnce
            && let Some(first) = self.receipts.get(&deposit.id)
        {
            // A retry of a request we already applied: the client
            // never saw our reply, so send the same one again.
            self.replayed += 1;
            return *first;
        }
        self.balance += deposit.amount;
        self.applied += 1;
        let receipt = Receipt {
            id: deposit.id,
            balance: self.balance,
        };
        if self.mode == Mode::ApplyOnce {
            self.receipts.insert(deposit.id, receipt);
        }
        receipt
    }
    // ANCHOR_END: handle
}
