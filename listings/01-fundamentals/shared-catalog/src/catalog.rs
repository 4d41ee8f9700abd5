//! Sharing read-only data with `Arc` and mutable data with `Arc<Mutex<_>>`.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::thread;

/// Prices in cents by product name. A `BTreeMap` so that printing it is
/// ordered and the same on every run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    prices_cents: BTreeMap<String, u64>,
}

impl Catalog {
    /// A catalog of `(name, price in cents)` pairs; a repeated name keeps the
    /// last price.
    pub fn new(prices: &[(&str, u64)]) -> Catalog {
        let prices_cents = prices
            .iter()
            .map(|&(name, cents)| (name.to_string(), cents))
            .collect();
        Catalog { prices_cents }
    }

    /// The price of one product, if the catalog has it.
    pub fn price_cents(&self, name: &str) -> Option<u64> {
        self.prices_cents.get(name).copied()
    }

    /// The total of a basket, or `None` if any item is not in the catalog.
    pub fn basket_cents(&self, basket: &[&str]) -> Option<u64> {
        basket.iter().map(|name| self.price_cents(name)).sum()
    }
}

/// What [`price_baskets`] saw of the `Arc`'s reference count.
#[derive(Debug, PartialEq, Eq)]
pub struct SharingReport {
    /// Owners once every handler has its clone, before any thread runs.
    pub owners_with_clones: usize,
    /// Owners once every handler has been joined.
    pub owners_after_join: usize,
    /// Each handler's basket total, in handler order.
    pub totals_cents: Vec<Option<u64>>,
}

// ANCHOR: arc
/// Every handler thread prices the same basket against one shared catalog.
/// `Arc::clone` copies a pointer and adds one to a shared count; the catalog
/// itself is never copied, and it is freed when the last owner drops it.
pub fn price_baskets(catalog: Catalog, handlers: usize, basket: &[&str]) -> SharingReport {
    let catalog = Arc::new(catalog);
    let clones: Vec<Arc<Catalog>> = (0..handlers).map(|_| Arc::clone(&catalog)).collect();
    let owners_with_clones = Arc::strong_count(&catalog);
    let handles: Vec<_> = clones
        .into_iter()
        .map(|catalog| {
            // thread::spawn needs owned data; the basket is copied per thread.
            let basket: Vec<String> = basket.iter().map(|item| item.to_string()).collect();
            thread::spawn(move || {
                let items: Vec<&str> = basket.iter().map(String::as_str).collect();
                catalog.basket_cents(&items)
            }) // the thread's clone is dropped when the thread ends
        })
        .collect();
    let totals_cents = handles
        .into_iter()
        .map(|handle| handle.join().expect("a handler panicked"))
        .collect();
    SharingReport {
        owners_with_clones,
        owners_after_join: Arc::strong_count(&catalog),
        totals_cents,
    }
}
// ANCHOR_END: arc

/// A tally that every handler adds to.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sales {
    pub orders: u64,
    pub revenue_cents: u64,
}

// ANCHOR: mutex
/// Every handler records `sales_each` sales into one shared tally. The
/// `Mutex` owns the tally: the only way to reach it is `lock()`, which
/// returns a guard, and the lock is released when the guard is dropped.
pub fn record_sales(handlers: usize, sales_each: u64, price_cents: u64) -> Sales {
    let tally = Arc::new(Mutex::new(Sales::default()));
    let handles: Vec<_> = (0..handlers)
        .map(|_| {
            let tally = Arc::clone(&tally);
            thread::spawn(move || {
                for _ in 0..sales_each {
                    let mut sales = tally.lock().expect("no handler panics while holding it");
                    // Both fields change under one guard: no thread can see
                    // an order counted without its revenue.
                    sales.orders += 1;
                    sales.revenue_cents += price_cents;
                } // guard dropped here, every iteration: others get their turn
            })
        })
        .collect();
    for handle in handles {
        handle.join().expect("a handler panicked");
    }
    // Every clone died with its thread, so this is the last owner.
    let tally = Arc::try_unwrap(tally).expect("every handler has been joined");
    tally
        .into_inner()
        .expect("no handler panicked while holding the lock")
}
// ANCHOR_END: mutex
