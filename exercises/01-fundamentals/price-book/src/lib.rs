//! Your turn: a price book that every request handler reads and an admin
//! thread sometimes reprices.
//!
//! Layout: [`PriceBook`] holds the prices behind a lock; you write its
//! methods. The stub starts with a `Mutex`, the obvious choice; one of the
//! tests in `tests/price-book.rs` will tell you when that is not enough.
//!
//! Run `cargo test -p price-book` until every test passes.

use std::collections::BTreeMap;
use std::sync::Mutex;

/// Prices in cents by SKU (stock-keeping unit, a product id), shared by
/// many threads (put it in an `Arc`).
#[derive(Debug)]
pub struct PriceBook {
    prices: Mutex<BTreeMap<String, u64>>,
}

impl PriceBook {
    /// A book with these `(sku, cents)` prices; a repeated SKU keeps the last.
    pub fn new(prices: &[(&str, u64)]) -> PriceBook {
        let prices = prices
            .iter()
            .map(|&(sku, cents)| (sku.to_string(), cents))
            .collect();
        PriceBook {
            prices: Mutex::new(prices),
        }
    }

    /// The price of `sku`, if the book has it. Keeps working after a thread
    /// panicked inside [`PriceBook::reprice_all`].
    pub fn price_cents(&self, sku: &str) -> Option<u64> {
        let _ = (sku, &self.prices);
        todo!("read one price")
    }

    /// Sets (or adds) the price of `sku`.
    pub fn set_price(&self, sku: &str, cents: u64) {
        let _ = (sku, cents);
        todo!("write one price")
    }

    /// Calls `read` with the whole book. Many threads may be inside `read`
    /// at the same time; a writer waits until they have all left.
    pub fn with_prices<R>(&self, read: impl FnOnce(&BTreeMap<String, u64>) -> R) -> R {
        let _ = read;
        todo!("lend the whole book to a reader")
    }

    /// Replaces every price with `reprice(sku, old_cents)`, all or nothing:
    /// if `reprice` panics, the panic reaches the caller and no price has
    /// changed, and the book goes on working for everyone else.
    pub fn reprice_all(&self, reprice: impl Fn(&str, u64) -> u64) {
        let _ = reprice;
        todo!("compute every new price, then swap them in")
    }
}
