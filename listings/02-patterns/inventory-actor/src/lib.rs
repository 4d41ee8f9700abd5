//! The actor pattern against a lock, on one small service: an inventory
//! that reserves stock.
//!
//! - this file: the [`Inventory`] itself, plain single-threaded code.
//! - [`locked`]: the inventory shared behind a `tokio::sync::Mutex`.
//! - [`actor`]: the inventory owned by one task, reached through a bounded
//!   mailbox, each request carrying a oneshot channel for its reply.
//! - [`sim`]: clients arriving faster than the service can serve them, on
//!   tokio's paused clock, so every latency printed is the same on every
//!   run.
//! - `bin/actor-ratio.rs`: the same three on real time, as ratios.

use std::collections::HashMap;

pub mod actor;
pub mod locked;
pub mod sim;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReserveError {
    OutOfStock {
        sku: &'static str,
        left: u32,
    },
    /// The actor's mailbox was full (only `try_reserve` says this).
    Busy,
    /// The actor has stopped.
    Gone,
}

/// Stock per SKU. Knows nothing about threads or tasks.
#[derive(Debug, Default)]
pub struct Inventory {
    stock: HashMap<&'static str, u32>,
}

impl Inventory {
    pub fn with_stock(items: &[(&'static str, u32)]) -> Self {
        Inventory {
            stock: items.iter().copied().collect(),
        }
    }

    /// Takes `qty` of `sku` if there are that many, returning what is left.
    pub fn reserve(&mut self, sku: &'static str, qty: u32) -> Result<u32, ReserveError> {
        let left = self.stock.get(sku).copied().unwrap_or(0);
        if qty > left {
            return Err(ReserveError::OutOfStock { sku, left });
        }
        self.stock.insert(sku, left - qty);
        Ok(left - qty)
    }
}
