//! The command side: decide, then append.

use crate::log::{Event, Log};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Open { cents: u64 },
    Cancelled,
    Refunded,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Rejected {
    AlreadyExists(u32),
    NoSuchOrder(u32),
    NotOpen(u32),
    RefundTooLarge { order: u32, paid: u64 },
}

// ANCHOR: fold
/// The state the command side needs, rebuilt by folding every event.
pub fn state(log: &Log) -> BTreeMap<u32, Status> {
    let mut orders = BTreeMap::new();
    for entry in log.after(0) {
        match entry.event {
            Event::Placed { order, cents, .. } => {
                orders.insert(order, Status::Open { cents });
            }
            Event::Cancelled { order } => {
                orders.insert(order, Status::Cancelled);
            }
            Event::Refunded { order, .. } => {
                orders.insert(order, Status::Refunded);
            }
        }
    }
    orders
}
// ANCHOR_END: fold

// ANCHOR: decide
/// Checks a command against the current state and, if it is allowed,
/// appends the event that records it.
pub fn place(
    log: &mut Log,
    order: u32,
    customer: &'static str,
    cents: u64,
) -> Result<u64, Rejected> {
    if state(log).contains_key(&order) {
        return Err(Rejected::AlreadyExists(order));
    }
    Ok(log.append(Event::Placed {
        order,
        customer,
        cents,
    }))
}

/// Refunds up to what was paid; a refund, full or partial, closes the
/// order.
pub fn refund(log: &mut Log, order: u32, cents: u64) -> Result<u64, Rejected> {
    match state(log).get(&order) {
        None => Err(Rejected::NoSuchOrder(order)),
        // `cents: paid` names the field `paid` here; `if` adds a guard.
        Some(Status::Open { cents: paid }) if cents > *paid => {
            Err(Rejected::RefundTooLarge { order, paid: *paid })
        }
        Some(Status::Open { .. }) => Ok(log.append(Event::Refunded { order, cents })),
        Some(_) => Err(Rejected::NotOpen(order)),
    }
}

pub fn cancel(log: &mut Log, order: u32) -> Result<u64, Rejected> {
    match state(log).get(&order) {
        None => Err(Rejected::NoSuchOrder(order)),
        Some(Status::Open { .. }) => Ok(log.append(Event::Cancelled { order })),
        Some(_) => Err(Rejected::NotOpen(order)),
    }
}
// ANCHOR_END: decide
