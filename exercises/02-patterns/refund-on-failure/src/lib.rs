//! Your turn: the order core, with ports for the store and for payments.
//! Write `place` so that a charge is refunded when the order cannot be
//! saved. The ports and the in-memory adapters are given.
//!
//! Run `cargo test -p refund-on-failure` until it passes.

use std::collections::BTreeMap;

/// A port failed (the database, the provider); the message says how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortError(pub String);

pub trait OrderStore {
    fn stock(&self, sku: &str) -> u32;
    /// Takes `quantity` off the stock and saves the order, in one step, or
    /// refuses if the stock no longer covers it; returns the order number.
    fn save(&mut self, sku: &str, quantity: u32) -> Result<u64, PortError>;
}

pub trait Payments {
    /// Returns a charge id.
    fn charge(&mut self, customer: &str, cents: u64) -> Result<String, PortError>;
    fn refund(&mut self, charge_id: &str) -> Result<(), PortError>;
}

#[derive(Debug, PartialEq, Eq)]
pub enum PlaceError {
    BadQuantity,
    OutOfStock {
        left: u32,
    },
    Payment(PortError),
    /// Saving failed and the charge was refunded.
    Storage(PortError),
    /// Saving failed and so did the refund: someone must refund `charge_id`
    /// by hand.
    RefundFailed {
        charge_id: String,
        storage: PortError,
        refund: PortError,
    },
}

pub struct PlaceOrder<S, P> {
    pub store: S,
    pub payments: P,
    pub unit_cents: u64,
}

impl<S: OrderStore, P: Payments> PlaceOrder<S, P> {
    /// Places an order of 1 to 10 units and returns its number. A refused
    /// order costs the customer nothing, and no error leaves a charge
    /// standing without an order unless it names that charge.
    pub fn place(&mut self, customer: &str, sku: &str, quantity: u32) -> Result<u64, PlaceError> {
        let _ = (customer, sku, quantity);
        todo!("PlaceOrder::place")
    }
}

/// In-memory store. `fail_saves` makes every save fail.
#[derive(Debug, Default)]
pub struct MemoryStore {
    pub stock: BTreeMap<String, u32>,
    pub orders: Vec<(String, u32)>,
    pub fail_saves: bool,
}

impl OrderStore for MemoryStore {
    fn stock(&self, sku: &str) -> u32 {
        self.stock.get(sku).copied().unwrap_or(0)
    }

    fn save(&mut self, sku: &str, quantity: u32) -> Result<u64, PortError> {
        if self.fail_saves {
            return Err(PortError("disk full".to_string()));
        }
        let left = self.stock(sku);
        if quantity > left {
            return Err(PortError(format!("only {left} left")));
        }
        self.stock.insert(sku.to_string(), left - quantity);
        self.orders.push((sku.to_string(), quantity));
        Ok(self.orders.len() as u64)
    }
}

/// In-memory payments: a ledger of charges, each refunded or not.
#[derive(Debug, Default)]
pub struct MemoryPayments {
    /// Charge id, customer, cents, refunded.
    pub charges: Vec<(String, String, u64, bool)>,
    pub decline: bool,
    pub fail_refunds: bool,
}

impl MemoryPayments {
    /// What customers have paid in total, after refunds.
    pub fn collected(&self) -> u64 {
        self.charges
            .iter()
            .filter(|(_, _, _, refunded)| !refunded)
            .map(|(_, _, cents, _)| cents)
            .sum()
    }
}

impl Payments for MemoryPayments {
    fn charge(&mut self, customer: &str, cents: u64) -> Result<String, PortError> {
        if self.decline {
            return Err(PortError("card declined".to_string()));
        }
        let id = format!("ch_{}", self.charges.len() + 1);
        self.charges
            .push((id.clone(), customer.to_string(), cents, false));
        Ok(id)
    }

    fn refund(&mut self, charge_id: &str) -> Result<(), PortError> {
        if self.fail_refunds {
            return Err(PortError("provider unavailable".to_string()));
        }
        match self.charges.iter_mut().find(|(id, ..)| id == charge_id) {
            Some(charge) => {
                charge.3 = true;
                Ok(())
            }
            None => Err(PortError(format!("no charge {charge_id}"))),
        }
    }
}
