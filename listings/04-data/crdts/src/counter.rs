//! Counters that replicas increment while apart, merged four ways.

use crate::{Counter, Crdt};
use std::collections::BTreeMap;

// ANCHOR: gcounter
/// One count per replica; a replica only ever raises its own entry.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct GCounter(pub BTreeMap<u8, u64>);

impl GCounter {
    pub fn increment(&mut self, replica: u8) {
        *self.0.entry(replica).or_insert(0) += 1;
    }

    pub fn total(&self) -> u64 {
        self.0.values().sum()
    }

    /// Entry by entry, the larger count: a replica's count only rises, so
    /// the larger one has seen every increment the smaller one has.
    pub fn merge_from(&mut self, other: &GCounter) {
        for (&r, &n) in &other.0 {
            let mine = self.0.entry(r).or_insert(0);
            *mine = (*mine).max(n);
        }
    }
}
// ANCHOR_END: gcounter

impl Crdt for GCounter {
    const NAME: &'static str = "G-counter";
    fn empty() -> Self {
        GCounter::default()
    }
    fn apply(&mut self, replica: u8, _op: u8) {
        self.increment(replica);
    }
    fn merge(&mut self, other: &Self) {
        self.merge_from(other);
    }
}

impl Counter for GCounter {
    fn value(&self) -> i64 {
        self.total() as i64
    }
    fn delta(_op: u8) -> i64 {
        1
    }
}

// ANCHOR: pncounter
/// Increments and decrements in two G-counters; the value is their
/// difference.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct PnCounter {
    pub up: GCounter,
    pub down: GCounter,
}
// ANCHOR_END: pncounter

impl Crdt for PnCounter {
    const NAME: &'static str = "PN-counter";
    fn empty() -> Self {
        PnCounter::default()
    }
    /// An even `op` adds one, an odd one takes one away.
    fn apply(&mut self, replica: u8, op: u8) {
        if op.is_multiple_of(2) {
            self.up.increment(replica);
        } else {
            self.down.increment(replica);
        }
    }
    fn merge(&mut self, other: &Self) {
        self.up.merge_from(&other.up);
        self.down.merge_from(&other.down);
    }
}

impl Counter for PnCounter {
    fn value(&self) -> i64 {
        self.up.total() as i64 - self.down.total() as i64
    }
    fn delta(op: u8) -> i64 {
        if op.is_multiple_of(2) { 1 } else { -1 }
    }
}

// ANCHOR: naive
/// Naive: each replica keeps one total, and a merge adds the two totals.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct SumCounter(pub u64);

/// Naive: each replica keeps one total, and a merge keeps the larger.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct MaxCounter(pub u64);

impl SumCounter {
    pub fn merge_from(&mut self, other: &SumCounter) {
        self.0 = self.0.saturating_add(other.0);
    }
}

impl MaxCounter {
    pub fn merge_from(&mut self, other: &MaxCounter) {
        self.0 = self.0.max(other.0);
    }
}
// ANCHOR_END: naive

impl Crdt for SumCounter {
    const NAME: &'static str = "sum of totals";
    fn empty() -> Self {
        SumCounter(0)
    }
    fn apply(&mut self, _replica: u8, _op: u8) {
        self.0 += 1;
    }
    fn merge(&mut self, other: &Self) {
        self.merge_from(other);
    }
}

impl Counter for SumCounter {
    fn value(&self) -> i64 {
        self.0 as i64
    }
    fn delta(_op: u8) -> i64 {
        1
    }
}

impl Crdt for MaxCounter {
    const NAME: &'static str = "max of totals";
    fn empty() -> Self {
        MaxCounter(0)
    }
    fn apply(&mut self, _replica: u8, _op: u8) {
        self.0 += 1;
    }
    fn merge(&mut self, other: &Self) {
        self.merge_from(other);
    }
}

impl Counter for MaxCounter {
    fn value(&self) -> i64 {
        self.0 as i64
    }
    fn delta(_op: u8) -> i64 {
        1
    }
}
