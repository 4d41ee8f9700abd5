//! Two replicas that accept writes while they cannot talk, and what each
//! way of merging does with the writes.
//!
//! - [`lww`]: last writer wins by timestamp, and a register built on it.
//! - [`vv`]: version vectors that keep concurrent writes as siblings.
//! - [`counter`]: the G-counter and PN-counter, and two naive counters.
//! - [`orset`]: the observed-remove set, where an add beats a concurrent
//!   remove.
//! - [`laws`]: random histories of three replicas, and the merge laws
//!   checked on their states.
//! - [`sim`]: three replicas under partitions, duplicated and reordered
//!   messages, checked for convergence over many seeds.
//!
//! All the code is this crate's own; it does not use the published `crdts`
//! crate. Every random choice comes from a seeded generator.

pub mod counter;
pub mod laws;
pub mod lww;
pub mod orset;
pub mod sim;
pub mod vv;

use std::fmt::Debug;

/// A replica's state that merges with another replica's state.
///
/// `apply` is a local update made at `replica`; `op` is a random byte that
/// each type reads as one of its own updates, so one history generator
/// serves every type.
pub trait Crdt: Clone + PartialEq + Debug {
    const NAME: &'static str;
    fn empty() -> Self;
    fn apply(&mut self, replica: u8, op: u8);
    // ANCHOR: merge_trait
    /// Takes in everything `other` knows. Must be commutative,
    /// associative and idempotent.
    fn merge(&mut self, other: &Self);
    // ANCHOR_END: merge_trait
}

/// A counter: its value, and what one `op` should add to it.
pub trait Counter: Crdt {
    fn value(&self) -> i64;
    fn delta(op: u8) -> i64;
}

/// `a` merged with `b`, as a new value.
pub fn merged<C: Crdt>(a: &C, b: &C) -> C {
    let mut m = a.clone();
    m.merge(b);
    m
}
