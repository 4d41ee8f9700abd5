//! The experiments. Each walks the keys once and counts; no randomness and
//! no clock, so every number is the same on every run.

use std::collections::BTreeSet;

use crate::scheme::{Placement, hash_of};

/// Order ids `0..ORDERS`, numbered in the order they were placed.
pub const ORDERS: u64 = 1_000_000;

// ANCHOR: skew
/// How much busier the busiest node is than the average, for writes of
/// `keys`: 1.0 is perfectly even, and `nodes` means one node takes all.
pub fn skew(placement: &dyn Placement, keys: impl Iterator<Item = u64>) -> f64 {
    let mut writes = vec![0u64; placement.nodes()];
    for key in keys {
        writes[placement.node_of(key)] += 1;
    }
    let total: u64 = writes.iter().sum();
    let busiest = writes.iter().max().copied().unwrap_or(0);
    busiest as f64 * placement.nodes() as f64 / total as f64
}
// ANCHOR_END: skew

// ANCHOR: scan
/// How many nodes a query for the keys `from..to` must ask.
pub fn nodes_for_scan(placement: &dyn Placement, from: u64, to: u64) -> usize {
    (from..to)
        .map(|key| placement.node_of(key))
        .collect::<BTreeSet<_>>()
        .len()
}
// ANCHOR_END: scan

// ANCHOR: moved
/// The share of `0..ORDERS` that lives on a different node after a change.
pub fn moved(before: &dyn Placement, after: &dyn Placement) -> f64 {
    let moved = (0..ORDERS)
        .filter(|&key| before.node_of(key) != after.node_of(key))
        .count();
    moved as f64 / ORDERS as f64
}
// ANCHOR_END: moved

// ANCHOR: hot_key
/// The customer of write `i` when customer 42 places 30% of all orders:
/// writes 0, 1 and 2 of every ten, and a hashed spread of others the rest.
pub fn customer_of(i: u64) -> u64 {
    if i % 10 < 3 {
        42
    } else {
        hash_of(i) % 1_000_000
    }
}

/// The key a write is stored under when a customer's writes are spread
/// over `salts` keys: the customer in the high bits, `i % salts` below.
pub fn salted(customer: u64, i: u64, salts: u64) -> u64 {
    customer * salts + i % salts
}
// ANCHOR_END: hot_key
