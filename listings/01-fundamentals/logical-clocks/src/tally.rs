//! Scores each clock against the true happens-before relation of a history.

use std::ops::AddAssign;

use crate::history::History;
use crate::lamport::lamport_stamps;
use crate::rng::SplitMix64;
use crate::vector::{Causality, vector_stamps};

/// Counts over all pairs of events of one or more histories.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Pairs with a -> b.
    pub ordered_pairs: u64,
    /// ... where the wall stamp of b is not larger than that of a.
    pub wall_wrong: u64,
    /// ... where the Lamport stamp of b is not larger than that of a.
    pub lamport_wrong: u64,
    /// ... where the vector stamps do not say a is before b.
    pub vector_wrong: u64,
    /// Pairs where neither event happened before the other.
    pub concurrent_pairs: u64,
    /// ... to which Lamport gives different stamps, so they look ordered.
    pub lamport_looks_ordered: u64,
    /// ... which the vector stamps call concurrent.
    pub vector_concurrent: u64,
}

impl AddAssign for Tally {
    fn add_assign(&mut self, other: Tally) {
        self.ordered_pairs += other.ordered_pairs;
        self.wall_wrong += other.wall_wrong;
        self.lamport_wrong += other.lamport_wrong;
        self.vector_wrong += other.vector_wrong;
        self.concurrent_pairs += other.concurrent_pairs;
        self.lamport_looks_ordered += other.lamport_looks_ordered;
        self.vector_concurrent += other.vector_concurrent;
    }
}

/// Scores every pair of events of `history`. `wall_ms[i]` is the wall stamp
/// of event `i`. Panics if the lengths differ.
pub fn tally(history: &History, wall_ms: &[i64]) -> Tally {
    let n = history.events().len();
    assert_eq!(wall_ms.len(), n, "one wall stamp per event");
    let hb = history.happens_before();
    let lamport = lamport_stamps(history);
    let vector = vector_stamps(history);
    let mut t = Tally::default();
    for a in 0..n {
        for b in 0..n {
            if hb[a][b] {
                t.ordered_pairs += 1;
                t.wall_wrong += u64::from(wall_ms[b] <= wall_ms[a]);
                t.lamport_wrong += u64::from(lamport[b] <= lamport[a]);
                t.vector_wrong += u64::from(vector[a].compare(&vector[b]) != Causality::Before);
            } else if a < b && !hb[b][a] {
                t.concurrent_pairs += 1;
                t.lamport_looks_ordered += u64::from(lamport[a] != lamport[b]);
                t.vector_concurrent +=
                    u64::from(vector[a].compare(&vector[b]) == Causality::Concurrent);
            }
        }
    }
    t
}

/// Wall stamps for `history` when process `p`'s clock is off by `skew_ms[p]`
/// and between two consecutive events 1 to `max_step_ms` of real time pass.
pub fn skewed_wall_stamps(
    history: &History,
    skew_ms: &[i64],
    max_step_ms: u64,
    rng: &mut SplitMix64,
) -> Vec<i64> {
    assert!(max_step_ms >= 1, "real time must move forward");
    let mut true_ms: i64 = 0;
    history
        .events()
        .iter()
        .map(|event| {
            true_ms += 1 + rng.below(max_step_ms) as i64;
            true_ms + skew_ms[event.process]
        })
        .collect()
}
