//! Pins what sharing does: reference counts, totals under a Mutex, how many
//! readers each lock admits, and what a panic leaves behind in a lock.

use std::process::Command;
use std::sync::{Mutex, RwLock};

use shared_catalog::catalog::{Catalog, price_baskets, record_sales};
use shared_catalog::poison::{Accounts, poison_a_transfer, rwlock_poisoned_by_panic, transfer};
use shared_catalog::readers::{
    Probe, mutex_readers, mutex_writer_while_reading, readers_at_once, rwlock_reader_while_writing,
    rwlock_readers, rwlock_writer_while_reading,
};

fn catalog() -> Catalog {
    Catalog::new(&[("bagel", 325), ("coffee", 450)])
}

// Pins the catalog's lookups, including a missing item and a repeated name.
#[test]
fn the_catalog_prices_items_and_baskets() {
    let prices = Catalog::new(&[("tea", 100), ("tea", 300), ("cake", 250)]);
    assert_eq!(prices.price_cents("tea"), Some(300), "the last price wins");
    assert_eq!(prices.basket_cents(&["tea", "cake"]), Some(550));
    assert_eq!(prices.basket_cents(&["tea", "pie"]), None);
    assert_eq!(prices.basket_cents(&[]), Some(0));
}

// Pins Arc's counting: one owner per clone plus the original, back to one
// once every thread holding a clone has been joined.
#[test]
fn arc_counts_owners_and_frees_them_when_threads_end() {
    let report = price_baskets(catalog(), 4, &["coffee", "bagel"]);
    assert_eq!(report.owners_with_clones, 5);
    assert_eq!(report.owners_after_join, 1);
    assert_eq!(report.totals_cents, vec![Some(775); 4]);
}

// Pins the edge case: no handlers means one owner and no totals.
#[test]
fn no_handlers_share_nothing() {
    let report = price_baskets(catalog(), 0, &["coffee"]);
    assert_eq!(report.owners_with_clones, 1);
    assert_eq!(report.owners_after_join, 1);
    assert!(report.totals_cents.is_empty());
}

// Pins that the Mutex loses no sale and keeps both fields in step.
#[test]
fn every_sale_is_counted_under_the_mutex() {
    let sales = record_sales(8, 500, 450);
    assert_eq!(sales.orders, 4_000);
    assert_eq!(sales.revenue_cents, 4_000 * 450);
    let none = record_sales(0, 500, 450);
    assert_eq!((none.orders, none.revenue_cents), (0, 0));
}

// Pins the chapter's number: a Mutex admits one reader at a time, an
// RwLock admits every reader at once.
#[test]
fn a_mutex_admits_one_reader_and_an_rwlock_admits_all() {
    for readers in [1, 2, 4, 16] {
        assert_eq!(mutex_readers(&Mutex::new(catalog()), readers), 1);
        assert_eq!(rwlock_readers(&RwLock::new(catalog()), readers), readers);
    }
}

// Pins the probe itself: a door that never opens admits nobody, one that
// always opens admits everybody, and zero readers is zero.
#[test]
fn readers_at_once_counts_only_those_who_got_in() {
    assert_eq!(readers_at_once(3, || None::<()>), 0);
    assert_eq!(readers_at_once(3, || Some(())), 3);
    assert_eq!(readers_at_once(0, || Some(())), 0);
}

// Pins that writers are exclusive in both locks, and that a writer keeps
// readers out of an RwLock.
#[test]
fn writers_exclude_everyone() {
    assert_eq!(
        mutex_writer_while_reading(&Mutex::new(1)),
        Probe::WouldBlock
    );
    assert_eq!(
        rwlock_writer_while_reading(&RwLock::new(1)),
        Probe::WouldBlock
    );
    assert_eq!(
        rwlock_reader_while_writing(&RwLock::new(1)),
        Probe::WouldBlock
    );
}

// Pins a transfer that completes: the money moves and the total holds.
#[test]
fn a_transfer_without_a_panic_moves_the_money() {
    let accounts = Mutex::new(Accounts {
        alice_cents: 100,
        bob_cents: 50,
    });
    transfer(&accounts, 30, || {});
    let books = accounts.into_inner().expect("not poisoned");
    assert_eq!((books.alice_cents, books.bob_cents), (70, 80));
    assert_eq!(books.total_cents(), 150);
}

// Pins poisoning: the panic comes back through join, lock() then fails,
// into_inner shows the half-done transfer, and clear_poison ends it.
#[test]
fn a_panic_mid_transfer_poisons_the_lock_and_shows_the_missing_money() {
    let opening = Accounts {
        alice_cents: 100,
        bob_cents: 50,
    };
    let report = poison_a_transfer(opening, 30);
    assert_eq!(report.join_error.as_deref(), Some("audit log unavailable"));
    assert!(report.lock_was_err);
    assert_eq!(
        report.seen_after_panic,
        Accounts {
            alice_cents: 70,
            bob_cents: 50
        }
    );
    assert_eq!(report.seen_after_panic.total_cents(), 120);
    assert_eq!(report.repaired, opening);
    assert!(report.lock_ok_after_clear);
}

// Pins the std rule: only a panic under a write guard poisons an RwLock.
#[test]
fn only_a_writers_panic_poisons_an_rwlock() {
    assert!(!rwlock_poisoned_by_panic(false));
    assert!(rwlock_poisoned_by_panic(true));
}

// Pins that the recorded listing prints the same bytes every run.
#[test]
fn the_main_listing_is_deterministic() {
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_shared-catalog"))
            .output()
            .expect("shared-catalog runs")
    };
    let first = run();
    assert!(first.status.success());
    let text = String::from_utf8_lossy(&first.stdout);
    assert!(text.contains("RwLock   4 "), "{text}");
    assert_eq!(first.stdout, run().stdout);
}
