//! Composition and newtypes: the same small ledger twice. [`naive`] uses bare
//! integers and a public map; [`ledger`] wraps each kind of number in a type
//! of its own and keeps its map private, so that the mistakes the naive one
//! accepts do not compile.
//!
//! Each block below is a doc test that passes only if the compiler rejects
//! it with the error code named on its fence (`cargo test -p newtype-ledger
//! --doc`).
//!
//! A call site written for an older argument order, `(amount, from, to)`:
//!
//! ```compile_fail,E0308
//! use newtype_ledger::ledger::{Amount, Ledger};
//! let mut ledger = Ledger::default();
//! let alice = ledger.open_account(10_000);
//! let bob = ledger.open_account(10_000);
//! let amount = Amount::cents(3_000).unwrap();
//! ledger.transfer(amount, alice, bob).unwrap();
//! ```
//!
//! An account id made up outside the ledger:
//!
//! ```compile_fail,E0423
//! use newtype_ledger::ledger::AccountId;
//! let forged = AccountId(3_000);
//! ```
//!
//! An amount that skips the check for zero:
//!
//! ```compile_fail,E0423
//! use newtype_ledger::ledger::Amount;
//! let nothing = Amount(0);
//! ```
//!
//! A report job writing a balance directly:
//!
//! ```compile_fail,E0616
//! use newtype_ledger::ledger::Ledger;
//! let mut ledger = Ledger::default();
//! let bob = ledger.open_account(10_000);
//! ledger.balances.insert(bob, 0);
//! ```

pub mod ledger;
pub mod naive;

/// `12345` cents as `$123.45`, and `-2` as `-$0.02`. Takes an `i128`, which
/// holds every `i64` of the naive ledger and every `u64` or `u128` total of
/// the typed one that this program can reach.
pub fn dollars(cents: i128) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    format!("{sign}${}.{:02}", cents / 100, cents % 100)
}
