//! Prints what sharing a catalog, a sales tally and a bank ledger between
//! threads does, as facts that hold on every run: reference counts, totals,
//! how many readers each lock admits, and what a panic leaves behind.

use std::sync::{Mutex, RwLock};

use shared_catalog::catalog::{Catalog, price_baskets, record_sales};
use shared_catalog::poison::{Accounts, poison_a_transfer, rwlock_poisoned_by_panic};
use shared_catalog::readers::{
    mutex_readers, mutex_writer_while_reading, rwlock_reader_while_writing, rwlock_readers,
    rwlock_writer_while_reading,
};

const HANDLERS: usize = 4;
const PRICES: [(&str, u64); 3] = [("bagel", 325), ("coffee", 450), ("juice", 500)];
const BASKET: [&str; 2] = ["coffee", "bagel"];

fn main() {
    println!("Arc: {HANDLERS} handler threads price {BASKET:?} against one catalog.");
    let report = price_baskets(Catalog::new(&PRICES), HANDLERS, &BASKET);
    println!(
        "owners once each handler has a clone: {}",
        report.owners_with_clones
    );
    println!(
        "owners after every handler is joined: {}",
        report.owners_after_join
    );
    println!("basket totals in cents: {:?}", report.totals_cents);

    println!();
    let (sales_each, price) = (1_000, 450);
    println!("Mutex: {HANDLERS} handlers each record {sales_each} sales of {price} cents.");
    let sales = record_sales(HANDLERS, sales_each, price);
    println!(
        "orders {}, revenue {} cents (expected {} and {})",
        sales.orders,
        sales.revenue_cents,
        HANDLERS as u64 * sales_each,
        HANDLERS as u64 * sales_each * price
    );

    println!();
    println!("Read-mostly data: {HANDLERS} readers try to read the catalog at the same moment.");
    println!(
        "{:<8} {:<24} a writer while one reads",
        "lock", "readers inside at once"
    );
    let behind_mutex = Mutex::new(Catalog::new(&PRICES));
    let behind_rwlock = RwLock::new(Catalog::new(&PRICES));
    println!(
        "{:<8} {:<24} {:?}",
        "Mutex",
        mutex_readers(&behind_mutex, HANDLERS),
        mutex_writer_while_reading(&behind_mutex)
    );
    println!(
        "{:<8} {:<24} {:?}",
        "RwLock",
        rwlock_readers(&behind_rwlock, HANDLERS),
        rwlock_writer_while_reading(&behind_rwlock)
    );
    println!(
        "RwLock, a reader while one writes: {:?}",
        rwlock_reader_while_writing(&behind_rwlock)
    );

    println!();
    let opening = Accounts {
        alice_cents: 100,
        bob_cents: 50,
    };
    let amount = 30;
    println!(
        "Poisoning: a thread panics halfway through moving {amount} from alice ({}) to bob ({}).",
        opening.alice_cents, opening.bob_cents
    );
    let poisoned = poison_a_transfer(opening, amount);
    println!("join returned the panic: {:?}", poisoned.join_error);
    println!(
        "lock() returned Err(PoisonError): {}",
        poisoned.lock_was_err
    );
    let seen = poisoned.seen_after_panic;
    println!(
        "into_inner() shows alice {}, bob {}: total {}, was {}",
        seen.alice_cents,
        seen.bob_cents,
        seen.total_cents(),
        opening.total_cents()
    );
    println!(
        "after the repair and clear_poison(): total {}, lock() is Ok: {}",
        poisoned.repaired.total_cents(),
        poisoned.lock_ok_after_clear
    );
    println!(
        "a panic under an RwLock read guard poisons it: {}",
        rwlock_poisoned_by_panic(false)
    );
    println!(
        "a panic under an RwLock write guard poisons it: {}",
        rwlock_poisoned_by_panic(true)
    );
}
