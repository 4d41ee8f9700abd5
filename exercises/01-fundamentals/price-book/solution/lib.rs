//! Reference solution of the price-book exercise: an `RwLock` so readers
//! share the book, repricing that builds a new map before it touches the
//! old one, and poison recovery, which is safe because no panic can leave
//! the map half-changed.
//!
//! Layout: [`PriceBook`] and its methods.

use std::collections::BTreeMap;
use std::sync::{PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// Prices in cents by SKU, shared by many threads (put it in an `Arc`).
#[derive(Debug)]
pub struct PriceBook {
    prices: RwLock<BTreeMap<String, u64>>,
}

impl PriceBook {
    /// A book with these `(sku, cents)` prices; a repeated SKU keeps the last.
    pub fn new(prices: &[(&str, u64)]) -> PriceBook {
        let prices = prices
            .iter()
            .map(|&(sku, cents)| (sku.to_string(), cents))
            .collect();
        PriceBook {
            prices: RwLock::new(prices),
        }
    }

    // Every write below replaces or inserts whole entries, and repricing
    // swaps in a finished map, so a panic never leaves the map half-changed:
    // a poisoned lock holds consistent data and it is safe to go on.
    fn read(&self) -> RwLockReadGuard<'_, BTreeMap<String, u64>> {
        self.prices.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, BTreeMap<String, u64>> {
        self.prices.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// The price of `sku`, if the book has it.
    pub fn price_cents(&self, sku: &str) -> Option<u64> {
        self.read().get(sku).copied()
    }

    /// Sets (or adds) the price of `sku`.
    pub fn set_price(&self, sku: &str, cents: u64) {
        self.write().insert(sku.to_string(), cents);
    }

    /// Calls `read` with the whole book; readers share the lock.
    pub fn with_prices<R>(&self, read: impl FnOnce(&BTreeMap<String, u64>) -> R) -> R {
        read(&self.read())
    }

    /// Replaces every price with `reprice(sku, old_cents)`, all or nothing.
    pub fn reprice_all(&self, reprice: impl Fn(&str, u64) -> u64) {
        let mut prices = self.write();
        // Built aside under the write guard: a panic in `reprice` drops the
        // half-built map, and no set_price can slip in between read and swap.
        let repriced = prices
            .iter()
            .map(|(sku, &cents)| (sku.clone(), reprice(sku, cents)))
            .collect();
        *prices = repriced;
    }
}
