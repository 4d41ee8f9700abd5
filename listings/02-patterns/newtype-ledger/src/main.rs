//! The chapter's run: the naive ledger accepts three mistakes and loses
//! money; the newtype ledger refuses what it must and keeps the total.

// Amounts in cents are written as dollars and cents: `100_00` is $100.00.
#![allow(clippy::inconsistent_digit_grouping)]

use newtype_ledger::dollars;
use newtype_ledger::ledger::{Amount, Ledger};
use newtype_ledger::naive::NaiveLedger;
use std::mem::size_of;

fn naive() {
    // ANCHOR: naive_run
    let (alice, bob) = (1, 2);
    let mut naive = NaiveLedger::default();
    naive.open_account(alice, 100_00);
    naive.open_account(bob, 100_00);
    println!(
        "naive: opened with {} in all",
        dollars(naive.total().into())
    );

    // A call site written when the order was (amount, from, to).
    naive.transfer(30_00, alice, bob);
    // A refund handler that "reverses" a payment with a negative amount.
    naive.transfer(alice, bob, -50_00);
    // A cleanup job that zeroes a closed account by writing the map.
    naive.balances.insert(bob, 0);
    // ANCHOR_END: naive_run

    for (account, cents) in &naive.balances {
        println!("naive: account {account}: {}", dollars((*cents).into()));
    }
    println!("naive: total {}", dollars(naive.total().into()));
}

fn newtypes() {
    // ANCHOR: newtype_run
    let mut ledger = Ledger::default();
    let alice = ledger.open_account(100_00);
    let bob = ledger.open_account(100_00);
    let cents = |n| Amount::cents(n).expect("not zero");

    println!("Amount::cents(0): {:?}", Amount::cents(0));
    println!(
        "30.00 alice to bob: {:?}",
        ledger.transfer(alice, bob, cents(30_00))
    );
    println!(
        "500.00 alice to bob: {:?}",
        ledger.transfer(alice, bob, cents(500_00))
    );
    println!(
        "10.00 bob to bob: {:?}",
        ledger.transfer(bob, bob, cents(10_00))
    );
    // ANCHOR_END: newtype_run

    for account in [alice, bob] {
        let balance = ledger.balance(account).expect("opened above");
        println!("{account}: {}", dollars(balance.into()));
    }
    println!("total {}", dollars(ledger.total() as i128));
    for entry in ledger.journal() {
        println!("journal: {} -> {}: {}", entry.from, entry.to, entry.amount);
    }
}

fn main() {
    let part = std::env::args().nth(1);
    match part.as_deref() {
        Some("naive") => naive(),
        Some("newtypes") => newtypes(),
        Some("sizes") => {
            // ANCHOR: sizes
            use newtype_ledger::ledger::AccountId;
            println!("u64       {} bytes", size_of::<u64>());
            println!("AccountId {} bytes", size_of::<AccountId>());
            println!("Amount    {} bytes", size_of::<Amount>());
            println!("Option<AccountId> {} bytes", size_of::<Option<AccountId>>());
            println!("Option<Amount>    {} bytes", size_of::<Option<Amount>>());
            // ANCHOR_END: sizes
        }
        _ => {
            eprintln!("usage: newtype-ledger naive|newtypes|sizes");
            std::process::exit(2);
        }
    }
}
