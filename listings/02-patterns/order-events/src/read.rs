//! Read models: views of the log shaped for one question each.

use crate::log::{Envelope, Event};
use std::collections::BTreeMap;

// ANCHOR: naive
/// Net revenue per customer, adding every event it is handed.
#[derive(Debug, Default)]
pub struct NaiveRevenue {
    pub by_customer: BTreeMap<&'static str, i64>,
    customer_of: BTreeMap<u32, &'static str>,
    /// Events for orders this model never saw placed: kept to look into,
    /// because a panic here would come back with every redelivery.
    pub unknown: Vec<u64>,
}

impl NaiveRevenue {
    pub fn apply(&mut self, entry: &Envelope) {
        match entry.event {
            Event::Placed {
                order,
                customer,
                cents,
            } => {
                self.customer_of.insert(order, customer);
                *self.by_customer.entry(customer).or_default() += cents as i64;
            }
            Event::Refunded { order, cents } => {
                let Some(&customer) = self.customer_of.get(&order) else {
                    self.unknown.push(entry.seq);
                    return;
                };
                *self.by_customer.entry(customer).or_default() -= cents as i64;
            }
            Event::Cancelled { .. } => {}
        }
    }
}
// ANCHOR_END: naive

// ANCHOR: idempotent
/// The same view, plus a checkpoint: the sequence number of the last event
/// it applied.
#[derive(Debug, Default)]
pub struct Revenue {
    pub inner: NaiveRevenue,
    pub checkpoint: u64,
}

impl Revenue {
    pub fn apply(&mut self, entry: &Envelope) {
        if entry.seq <= self.checkpoint {
            return;
        }
        self.inner.apply(entry);
        self.checkpoint = entry.seq;
    }
}
// ANCHOR_END: idempotent

/// A second read model, added long after the first: how many orders are
/// still open. Built from the whole log, it knows every order ever placed.
#[derive(Debug, Default)]
pub struct OpenOrders {
    pub open: BTreeMap<u32, bool>,
    pub checkpoint: u64,
}

impl OpenOrders {
    pub fn apply(&mut self, entry: &Envelope) {
        if entry.seq <= self.checkpoint {
            return;
        }
        match entry.event {
            Event::Placed { order, .. } => {
                self.open.insert(order, true);
            }
            Event::Cancelled { order } | Event::Refunded { order, .. } => {
                self.open.insert(order, false);
            }
        }
        self.checkpoint = entry.seq;
    }

    pub fn count(&self) -> usize {
        self.open.values().filter(|open| **open).count()
    }
}
