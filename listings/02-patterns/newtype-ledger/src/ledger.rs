//! The ledger with newtypes: an [`AccountId`] only the ledger hands out, an
//! [`Amount`] that is never zero, and balances nobody outside this module
//! can write. Two invariants hold after every call, whatever the caller
//! does: the total of all balances never changes, and no balance goes below
//! zero.

use std::collections::BTreeMap;
use std::fmt;
use std::num::NonZeroU64;

// ANCHOR: types
/// An account. The field is private, so only this module can make one:
/// every `AccountId` in the program came from [`Ledger::open_account`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct AccountId(u64);

/// An amount of money to move, in cents. `NonZeroU64` is std's `u64`
/// that cannot be zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Amount(NonZeroU64);

impl Amount {
    /// The one way to make an `Amount` outside this module.
    pub fn cents(cents: u64) -> Result<Amount, TransferError> {
        NonZeroU64::new(cents)
            .map(Amount)
            .ok_or(TransferError::ZeroAmount)
    }

    pub fn get(self) -> u64 {
        self.0.get()
    }
}
// ANCHOR_END: types

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "account {}", self.0)
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::dollars(self.get().into()))
    }
}

/// Why a transfer was refused. A refused transfer changes nothing.
#[derive(Debug, PartialEq, Eq)]
pub enum TransferError {
    ZeroAmount,
    SameAccount,
    UnknownAccount(AccountId),
    InsufficientFunds {
        balance: u64,
        wanted: u64,
    },
    /// The payee's balance would not fit in a `u64`.
    BalanceOverflow(AccountId),
}

// ANCHOR: ledger
/// One line of the journal: a transfer that happened.
#[derive(Debug, PartialEq, Eq)]
pub struct Entry {
    pub from: AccountId,
    pub to: AccountId,
    pub amount: Amount,
}

/// Built from two parts it owns, each private: the balances and the
/// journal of every transfer. Its methods are the only way in.
#[derive(Default)]
pub struct Ledger {
    balances: BTreeMap<AccountId, u64>,
    journal: Vec<Entry>,
}
// ANCHOR_END: ledger

impl Ledger {
    /// Opens an account with an opening balance (money brought into the
    /// ledger from outside, the one way the total grows).
    pub fn open_account(&mut self, opening_cents: u64) -> AccountId {
        let id = AccountId(self.balances.len() as u64 + 1);
        self.balances.insert(id, opening_cents);
        id
    }

    pub fn balance(&self, account: AccountId) -> Option<u64> {
        self.balances.get(&account).copied()
    }

    /// The sum of all balances. A `u128`, because many `u64` balances can
    /// add up to more than one `u64` holds.
    pub fn total(&self) -> u128 {
        self.balances.values().map(|&cents| u128::from(cents)).sum()
    }

    /// Every transfer so far, read-only: callers can read the journal but
    /// not rewrite it.
    pub fn journal(&self) -> &[Entry] {
        &self.journal
    }

    // ANCHOR: transfer
    /// Moves `amount` from one account to another, or changes nothing and
    /// says why.
    pub fn transfer(
        &mut self,
        from: AccountId,
        to: AccountId,
        amount: Amount,
    ) -> Result<(), TransferError> {
        if from == to {
            return Err(TransferError::SameAccount);
        }
        for account in [from, to] {
            if !self.balances.contains_key(&account) {
                return Err(TransferError::UnknownAccount(account));
            }
        }
        let balance = self.balances[&from];
        let Some(left) = balance.checked_sub(amount.get()) else {
            return Err(TransferError::InsufficientFunds {
                balance,
                wanted: amount.get(),
            });
        };
        let Some(credited) = self.balances[&to].checked_add(amount.get()) else {
            return Err(TransferError::BalanceOverflow(to));
        };
        // Every check is done: from here on, nothing can fail halfway.
        self.balances.insert(from, left);
        self.balances.insert(to, credited);
        self.journal.push(Entry { from, to, amount });
        Ok(())
    }
    // ANCHOR_END: transfer
}
