//! The vector clock: one counter per process, kept by every process, so that
//! comparing two stamps tells "before", "after" and "concurrent" apart.
//! Described independently by Fidge (1988) and Mattern (1989).

use std::cmp::Ordering;
use std::fmt;

use crate::history::{Action, History};

/// How two vector stamps relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Causality {
    /// Every entry is <= and at least one is <: the first happened before.
    Before,
    /// The mirror image: the first happened after.
    After,
    /// All entries equal: the same event.
    Equal,
    /// Each is ahead somewhere: neither could have known about the other.
    Concurrent,
}

/// A vector clock. Entry `p` counts the events of process `p` that the owner
/// has heard of. A missing entry counts as 0, so clocks of different lengths
/// compare as if padded with zeros.
#[derive(Debug, Clone, Default)]
pub struct VectorClock {
    counts: Vec<u64>,
}

impl VectorClock {
    /// A clock for `processes` processes, all entries 0.
    pub fn new(processes: usize) -> Self {
        VectorClock {
            counts: vec![0; processes],
        }
    }

    /// A clock with the given entries.
    pub fn from_counts(counts: Vec<u64>) -> Self {
        VectorClock { counts }
    }

    /// Entry `process`, 0 if the clock has none.
    pub fn get(&self, process: usize) -> u64 {
        self.counts.get(process).copied().unwrap_or(0)
    }

    /// An event on `process`: count it in our own entry.
    pub fn tick(&mut self, process: usize) {
        if self.counts.len() <= process {
            self.counts.resize(process + 1, 0);
        }
        self.counts[process] += 1;
    }

    // ANCHOR: merge
    /// What a receive does before its tick: take, entry by entry, the larger
    /// count, so we now know of everything the sender knew of.
    pub fn merge(&mut self, other: &VectorClock) {
        if self.counts.len() < other.counts.len() {
            self.counts.resize(other.counts.len(), 0);
        }
        for (mine, &theirs) in self.counts.iter_mut().zip(&other.counts) {
            *mine = (*mine).max(theirs);
        }
    }
    // ANCHOR_END: merge

    // ANCHOR: compare
    /// Compares entry by entry. If we are behind somewhere and ahead
    /// somewhere else, neither stamp's event knew of the other: concurrent.
    pub fn compare(&self, other: &VectorClock) -> Causality {
        let len = self.counts.len().max(other.counts.len());
        let (mut behind, mut ahead) = (false, false);
        for process in 0..len {
            match self.get(process).cmp(&other.get(process)) {
                Ordering::Less => behind = true,
                Ordering::Greater => ahead = true,
                Ordering::Equal => {}
            }
        }
        match (behind, ahead) {
            (false, false) => Causality::Equal,
            (true, false) => Causality::Before,
            (false, true) => Causality::After,
            (true, true) => Causality::Concurrent,
        }
    }
    // ANCHOR_END: compare
}

// ANCHOR: partial_ord
/// Vector stamps are only partially ordered, which is exactly what Rust's
/// `PartialOrd` expresses: `partial_cmp` returns `None` for concurrent
/// stamps, so `a < b` and `b < a` are both false for them.
impl PartialOrd for VectorClock {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        match self.compare(other) {
            Causality::Before => Some(Ordering::Less),
            Causality::After => Some(Ordering::Greater),
            Causality::Equal => Some(Ordering::Equal),
            Causality::Concurrent => None,
        }
    }
}
// ANCHOR_END: partial_ord

/// Equal means equal entry by entry, with missing entries as 0, to agree
/// with `partial_cmp`.
impl PartialEq for VectorClock {
    fn eq(&self, other: &Self) -> bool {
        self.compare(other) == Causality::Equal
    }
}

impl Eq for VectorClock {}

impl fmt::Display for VectorClock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let entries: Vec<String> = self.counts.iter().map(u64::to_string).collect();
        write!(f, "[{}]", entries.join(","))
    }
}

// ANCHOR: vector_stamps
/// The vector stamp of every event of `history`, in order. A local event or
/// a send ticks the process's own entry; a receive merges the message's
/// stamp first, then ticks.
pub fn vector_stamps(history: &History) -> Vec<VectorClock> {
    let mut clocks = vec![VectorClock::new(history.processes()); history.processes()];
    let mut stamps: Vec<VectorClock> = Vec::with_capacity(history.events().len());
    for event in history.events() {
        let clock = &mut clocks[event.process];
        if let Action::Receive { send } = event.action {
            clock.merge(&stamps[send]);
        }
        clock.tick(event.process);
        stamps.push(clock.clone());
    }
    stamps
}
// ANCHOR_END: vector_stamps
