// --- solution ---
//! Reference solution of the price-book exercise: an `RwLock` so readers
//! share the book, repricing that builds a new map before it touches the
//! old one, and poison recovery, which is safe because no panic can leave
//! the map half-changed.
//!
//! Layout: [`PriceBook`] and its methods.
// --- stub ---
// //! Your turn: a price book that every request handler reads and an admin
// //! thread sometimes reprices.
// //!
// //! Layout: [`PriceBook`] holds the prices behind a lock; you write its
// //! methods. The stub starts with a `Mutex`, the obvious choice; one of the
// //! tests in `tests/price-book.rs` will tell you when that is not enough.
// //!
// //! Run `cargo test -p price-book` until every test passes.
// --- end ---

use std::collections::BTreeMap;
// --- solution ---
use std::sync::{PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};
// --- stub ---
// use std::sync::Mutex;
// --- end ---

/// Prices in cents by SKU (stock-keeping unit, a product id), shared by
/// many threads (put it in an `Arc`).
#[derive(Debug)]
pub struct PriceBook {
    // --- solution ---
    prices: RwLock<BTreeMap<String, u64>>,
    // --- stub ---
    // prices: Mutex<BTreeMap<String, u64>>,
    // --- end ---
}

impl PriceBook {
    /// A book with these `(sku, cents)` prices; a repeated SKU keeps the last.
    pub fn new(prices: &[(&str, u64)]) -> PriceBook {
        let prices = prices
            .iter()
            .map(|&(sku, cents)| (sku.to_string(), cents))
            .collect();
        PriceBook {
            // --- solution ---
            prices: RwLock::new(prices),
            // --- stub ---
            // prices: Mutex::new(prices),
            // --- end ---
        }
    }
    // --- solution ---

    // Every write below replaces or inserts whole entries, and repricing
    // swaps in a finished map, so a panic never leaves the map half-changed:
    // a poisoned lock holds consistent data and it is safe to go on.
    fn read(&self) -> RwLockReadGuard<'_, BTreeMap<String, u64>> {
        self.prices.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, BTreeMap<String, u64>> {
        self.prices.write().unwrap_or_else(PoisonError::into_inner)
    }
    // --- end ---

    /// The price of `sku`, if the book has it. Keeps working after a thread
    /// panicked inside [`PriceBook::reprice_all`].
    pub fn price_cents(&self, sku: &str) -> Option<u64> {
        // --- solution ---
        self.read().get(sku).copied()
        // --- stub ---
        // let _ = (sku, &self.prices);
        // todo!("read one price")
        // --- end ---
    }

    /// Sets (or adds) the price of `sku`.
    pub fn set_price(&self, sku: &str, cents: u64) {
        // --- solution ---
        self.write().insert(sku.to_string(), cents);
        // --- stub ---
        // let _ = (sku, cents);
        // todo!("write one price")
        // --- end ---
    }

    /// Calls `read` with the whole book. Many threads may be inside `read`
    /// at the same time; a writer waits until they have all left.
    pub fn with_prices<R>(&self, read: impl FnOnce(&BTreeMap<String, u64>) -> R) -> R {
        // --- solution ---
        read(&self.read())
        // --- stub ---
        // let _ = read;
        // todo!("lend the whole book to a reader")
        // --- end ---
    }

    /// Replaces every price with `reprice(sku, old_cents)`, all or nothing:
    /// if `reprice` panics, the panic reaches the caller and no price has
    /// changed, and the book goes on working for everyone else.
    pub fn reprice_all(&self, reprice: impl Fn(&str, u64) -> u64) {
        // --- solution ---
        let mut prices = self.write();
        // Built aside under the write guard: a panic in `reprice` drops the
        // half-built map, and no set_price can slip in between read and swap.
        let repriced = prices
            .iter()
            .map(|(sku, &cents)| (sku.clone(), reprice(sku, cents)))
            .collect();
        *prices = repriced;
        // --- stub ---
        // let _ = reprice;
        // todo!("compute every new price, then swap them in")
        // --- end ---
    }
}
