//! Adapters: implementations of the core's ports.

use crate::core::{Order, OrderStore, Payments, PortError};
use std::collections::BTreeMap;

// ANCHOR: memory
/// An in-memory store: the adapter the core's tests use.
#[derive(Debug, Default)]
pub struct MemoryStore {
    pub stock: BTreeMap<String, u32>,
    pub orders: Vec<Order>,
    /// When set, `save` fails with this message (a database that is down).
    pub fail_saves: Option<String>,
}

impl OrderStore for MemoryStore {
    fn stock(&self, sku: &str) -> u32 {
        self.stock.get(sku).copied().unwrap_or(0)
    }

    fn save(&mut self, order: &Order) -> Result<u64, PortError> {
        if let Some(message) = &self.fail_saves {
            return Err(PortError(message.clone()));
        }
        // Check and take in one step, as a database would with
        // `UPDATE stock SET n = n - $q WHERE sku = $s AND n >= $q`.
        let left = self.stock(&order.sku);
        if order.quantity > left {
            return Err(PortError(format!("only {left} left")));
        }
        self.stock.insert(order.sku.clone(), left - order.quantity);
        self.orders.push(order.clone());
        Ok(self.orders.len() as u64)
    }
}

/// A payments fake that records charges and declines one customer.
#[derive(Debug, Default)]
pub struct FakePayments {
    pub charges: Vec<(String, u64)>,
    pub declines: Option<String>,
}

impl Payments for FakePayments {
    fn charge(&mut self, customer: &str, cents: u64) -> Result<String, PortError> {
        // `as_deref` views the `Option<String>` as an `Option<&str>`.
        if self.declines.as_deref() == Some(customer) {
            return Err(PortError("card declined".to_string()));
        }
        self.charges.push((customer.to_string(), cents));
        Ok(format!("ch_{}", self.charges.len()))
    }
}
// ANCHOR_END: memory

// ANCHOR: ledger
/// A second store adapter with a different storage model: an append-only
/// ledger of stock movements (as an accounting system would keep), where
/// the stock is the sum of the movements. The core cannot tell the
/// difference, and the same contract tests run against both.
#[derive(Debug, Default)]
pub struct LedgerStore {
    pub movements: Vec<(String, i64)>,
    pub orders: Vec<Order>,
}

impl OrderStore for LedgerStore {
    fn stock(&self, sku: &str) -> u32 {
        let total: i64 = self
            .movements
            .iter()
            .filter(|(s, _)| s == sku)
            .map(|(_, delta)| delta)
            .sum();
        // `save` never takes a total below zero, so a negative one means a
        // corrupt ledger: fail loudly rather than report "0 in stock".
        u32::try_from(total).expect("the ledger's stock fits in a u32")
    }

    fn save(&mut self, order: &Order) -> Result<u64, PortError> {
        let left = self.stock(&order.sku);
        if order.quantity > left {
            return Err(PortError(format!("only {left} left")));
        }
        // The movement is the order itself, whatever happened since the
        // core looked at the stock.
        self.movements
            .push((order.sku.clone(), -i64::from(order.quantity)));
        self.orders.push(order.clone());
        Ok(self.orders.len() as u64)
    }
}
// ANCHOR_END: ledger
