//! Tests for the price-book exercise: lookups, sharing across threads,
//! readers that run side by side, and repricing that is all or nothing.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use price_book::PriceBook;

fn book() -> PriceBook {
    PriceBook::new(&[("bagel", 325), ("coffee", 450), ("juice", 500)])
}

// Pins that the book can be shared across threads at all.
#[test]
fn the_book_is_send_and_sync() {
    fn shareable<T: Send + Sync>() {}
    shareable::<PriceBook>();
}

// Pins lookups and writes, including a missing SKU and a new one.
#[test]
fn prices_can_be_read_changed_and_added() {
    let prices = book();
    assert_eq!(prices.price_cents("coffee"), Some(450));
    assert_eq!(prices.price_cents("tea"), None);
    prices.set_price("coffee", 475);
    prices.set_price("tea", 300);
    assert_eq!(prices.price_cents("coffee"), Some(475));
    assert_eq!(prices.price_cents("tea"), Some(300));
    assert_eq!(prices.with_prices(|all| all.len()), 4);
}

// Pins that writes from many threads all land.
#[test]
fn writers_on_many_threads_all_land() {
    let prices = Arc::new(PriceBook::new(&[]));
    let writers: Vec<_> = (0..4)
        .map(|writer| {
            let prices = Arc::clone(&prices);
            thread::spawn(move || {
                for item in 0..50 {
                    prices.set_price(&format!("sku-{writer}-{item}"), item);
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    assert_eq!(prices.with_prices(|all| all.len()), 200);
    assert_eq!(prices.price_cents("sku-3-49"), Some(49));
}

// Pins that readers share the lock: three readers inside `with_prices` wait
// (up to 5 s) to see each other. Behind a Mutex they take turns, the first
// one gives up, and this test fails after a few seconds.
#[test]
fn readers_are_inside_at_the_same_time() {
    let prices = book();
    let inside = Mutex::new(0);
    let saw_everyone = Mutex::new(Vec::new());
    thread::scope(|scope| {
        for _ in 0..3 {
            scope.spawn(|| {
                let saw = prices.with_prices(|_| {
                    *inside.lock().unwrap() += 1;
                    let deadline = Instant::now() + Duration::from_secs(5);
                    while Instant::now() < deadline {
                        if *inside.lock().unwrap() == 3 {
                            return true;
                        }
                        thread::yield_now();
                    }
                    false
                });
                saw_everyone.lock().unwrap().push(saw);
            });
        }
    });
    assert_eq!(
        saw_everyone.into_inner().unwrap(),
        vec![true; 3],
        "readers took turns: a Mutex admits one at a time"
    );
}

// Pins repricing when nothing goes wrong: every price changes.
#[test]
fn reprice_all_changes_every_price() {
    let prices = book();
    prices.reprice_all(|_, cents| cents * 2);
    assert_eq!(prices.price_cents("bagel"), Some(650));
    assert_eq!(prices.price_cents("juice"), Some(1_000));
    let seen = prices.with_prices(|all| all.keys().cloned().collect::<Vec<_>>());
    assert_eq!(seen, ["bagel", "coffee", "juice"], "no SKU added or lost");
}

// Pins all or nothing: a repricing that panics on its second SKU reaches
// the caller as a panic and leaves every price as it was.
#[test]
fn a_panicking_reprice_changes_nothing() {
    let prices = Arc::new(book());
    let admin = {
        let prices = Arc::clone(&prices);
        thread::spawn(move || {
            prices.reprice_all(|sku, cents| {
                assert_ne!(sku, "coffee", "no price for coffee");
                cents + 100
            })
        })
    };
    assert!(admin.join().is_err(), "the panic reaches the caller");
    assert_eq!(prices.price_cents("bagel"), Some(325));
    assert_eq!(prices.price_cents("coffee"), Some(450));
    assert_eq!(prices.price_cents("juice"), Some(500));
}

// Pins that the book outlives a panic: reads, writes and repricing still
// work for every other thread afterwards.
#[test]
fn the_book_keeps_working_after_a_panic() {
    let prices = Arc::new(book());
    let admin = {
        let prices = Arc::clone(&prices);
        thread::spawn(move || prices.reprice_all(|_, _| panic!("pricing service down")))
    };
    assert!(admin.join().is_err());
    prices.set_price("tea", 300);
    prices.reprice_all(|_, cents| cents + 1);
    assert_eq!(prices.price_cents("tea"), Some(301));
    assert_eq!(prices.with_prices(|all| all.values().sum::<u64>()), 1_579);
}

// Pins that repricing holds the write guard from its read to its swap: a
// set_price made while reprice_all runs waits, lands after it, and is not
// overwritten by the repriced map.
#[test]
fn a_set_price_during_reprice_all_is_not_lost() {
    let prices = Arc::new(book());
    let (started, wait_for_start) = mpsc::channel();
    let setter = {
        let prices = Arc::clone(&prices);
        thread::spawn(move || {
            wait_for_start.recv().unwrap();
            prices.set_price("bagel", 1);
        })
    };
    prices.reprice_all(|sku, cents| {
        if sku == "bagel" {
            started.send(()).unwrap();
            // Give the setter time to get in, if the lock lets it.
            thread::sleep(Duration::from_millis(200));
        }
        cents + 100
    });
    setter.join().unwrap();
    assert_eq!(
        prices.price_cents("bagel"),
        Some(1),
        "the set_price made during reprice_all was lost"
    );
    assert_eq!(prices.price_cents("coffee"), Some(550));
}
