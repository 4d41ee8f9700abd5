// Amounts in cents are written as dollars and cents: `100_00` is $100.00.
#![allow(clippy::inconsistent_digit_grouping)]

use newtype_ledger::dollars;
use newtype_ledger::ledger::{AccountId, Amount, Ledger, TransferError};
use newtype_ledger::naive::NaiveLedger;
use proptest::prelude::*;
use std::mem::size_of;

fn amount(cents: u64) -> Amount {
    Amount::cents(cents).expect("not zero")
}

/// The naive ledger accepts the chapter's three mistakes: it invents an
/// account, moves money with a negative amount and loses $50 to a direct
/// write, all without an error.
#[test]
fn the_naive_ledger_loses_money_without_a_word() {
    let mut naive = NaiveLedger::default();
    naive.open_account(1, 100_00);
    naive.open_account(2, 100_00);
    naive.transfer(30_00, 1, 2);
    naive.transfer(1, 2, -50_00);
    naive.balances.insert(2, 0);
    assert_eq!(naive.balances.get(&3_000), Some(&-2));
    assert_eq!(naive.balances.get(&1), Some(&150_02));
    assert_eq!(naive.total(), 150_00);
}

/// Each refusal names its reason, and moving a whole balance is allowed.
#[test]
fn transfers_are_refused_for_a_reason() {
    let mut ledger = Ledger::default();
    let alice = ledger.open_account(100_00);
    let bob = ledger.open_account(0);
    assert_eq!(Amount::cents(0), Err(TransferError::ZeroAmount));
    assert_eq!(
        ledger.transfer(alice, alice, amount(1)),
        Err(TransferError::SameAccount)
    );
    assert_eq!(
        ledger.transfer(alice, bob, amount(100_01)),
        Err(TransferError::InsufficientFunds {
            balance: 100_00,
            wanted: 100_01
        })
    );
    assert_eq!(ledger.transfer(alice, bob, amount(100_00)), Ok(()));
    assert_eq!(
        (ledger.balance(alice), ledger.balance(bob)),
        (Some(0), Some(100_00))
    );
}

/// An `AccountId` proves that *a* ledger handed it out, not which one.
/// Ids count from 1 in every ledger, so another ledger's third account is
/// unknown here, but its first one names this ledger's first account.
#[test]
fn an_id_from_another_ledger_is_unknown_or_names_someone_else() {
    let mut big = Ledger::default();
    let ids: Vec<AccountId> = (0..3).map(|_| big.open_account(1)).collect();
    let mut small = Ledger::default();
    let alice = small.open_account(100);
    let bob = small.open_account(0);
    assert_eq!(
        small.transfer(alice, ids[2], amount(1)),
        Err(TransferError::UnknownAccount(ids[2]))
    );
    assert_eq!(ids[0], alice);
    assert_eq!(small.transfer(ids[0], bob, amount(1)), Ok(()));
    assert_eq!(small.total(), 100);
}

/// A credit that would overflow the payee's `u64` is refused before
/// either balance changes, and the total of two full accounts is exact.
#[test]
fn a_credit_past_u64_max_is_refused_and_changes_nothing() {
    let mut ledger = Ledger::default();
    let rich = ledger.open_account(u64::MAX);
    let payer = ledger.open_account(10);
    assert_eq!(
        ledger.transfer(payer, rich, amount(1)),
        Err(TransferError::BalanceOverflow(rich))
    );
    assert_eq!(
        (ledger.balance(rich), ledger.balance(payer)),
        (Some(u64::MAX), Some(10))
    );
    assert!(ledger.journal().is_empty());
    let also_rich = ledger.open_account(u64::MAX);
    assert_eq!(ledger.total(), 2 * u128::from(u64::MAX) + 10);
    assert_eq!(ledger.transfer(also_rich, payer, amount(5)), Ok(()));
}

proptest! {
    /// Whatever sequence of transfers callers try, the total never
    /// changes, a refused transfer changes nothing, and the journal holds
    /// exactly the transfers that happened.
    #[test]
    fn no_sequence_of_transfers_creates_or_destroys_money(
        opening in proptest::collection::vec(0u64..50_000, 2..5),
        tries in proptest::collection::vec((0usize..5, 0usize..5, 1u64..60_000), 0..200),
    ) {
        let mut ledger = Ledger::default();
        let accounts: Vec<AccountId> = opening.iter().map(|&c| ledger.open_account(c)).collect();
        let total = ledger.total();
        let mut done = 0;
        for (from, to, cents) in tries {
            let (from, to) = (accounts[from % accounts.len()], accounts[to % accounts.len()]);
            let before: Vec<Option<u64>> = accounts.iter().map(|&a| ledger.balance(a)).collect();
            match ledger.transfer(from, to, amount(cents)) {
                Ok(()) => done += 1,
                Err(_) => {
                    let after: Vec<Option<u64>> = accounts.iter().map(|&a| ledger.balance(a)).collect();
                    prop_assert_eq!(before, after, "a refused transfer changed a balance");
                }
            }
            prop_assert_eq!(ledger.total(), total);
        }
        prop_assert_eq!(ledger.journal().len(), done);
    }
}

/// A newtype costs nothing at run time, and `NonZeroU64` inside `Amount`
/// lets `Option<Amount>` use zero as `None`.
#[test]
fn newtypes_are_free_and_nonzero_gives_option_a_niche() {
    assert_eq!(size_of::<AccountId>(), size_of::<u64>());
    assert_eq!(size_of::<Amount>(), size_of::<u64>());
    assert_eq!(size_of::<Option<Amount>>(), size_of::<u64>());
    assert_eq!(size_of::<Option<AccountId>>(), 2 * size_of::<u64>());
}

/// Money prints with two decimals and the sign in front.
#[test]
fn dollars_print_with_cents() {
    assert_eq!(dollars(0), "$0.00");
    assert_eq!(dollars(5), "$0.05");
    assert_eq!(dollars(150_02), "$150.02");
    assert_eq!(dollars(-2), "-$0.02");
}
