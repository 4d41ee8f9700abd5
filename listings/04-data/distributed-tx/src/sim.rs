//! A discrete-event simulation: a clock in milliseconds and a queue of
//! events, each delivered at its time (ties in the order they were sent).
//! Messages can be lost, duplicated and delayed by a seeded amount, so two
//! messages sent in one order may arrive in the other. Faults stop at
//! `Faults::until`, so retries then get through and every run ends.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use seeded::SplitMix64;

#[derive(Clone, Copy, Debug)]
pub struct Faults {
    /// Chance that a message is dropped.
    pub loss: f64,
    /// Chance that a message is delivered twice.
    pub dup: f64,
    /// Each copy takes 1 to `max_delay` ms.
    pub max_delay: u64,
    /// No faults from this time on.
    pub until: u64,
}

impl Faults {
    pub const NONE: Faults = Faults {
        loss: 0.0,
        dup: 0.0,
        max_delay: 1,
        until: 0,
    };
}

struct Entry<E> {
    at: u64,
    seq: u64,
    event: E,
}

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.seq) == (other.at, other.seq)
    }
}
impl<E> Eq for Entry<E> {}
impl<E> PartialOrd for Entry<E> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Entry<E> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.at, self.seq).cmp(&(other.at, other.seq))
    }
}

pub struct Sim<E> {
    pub now: u64,
    seq: u64,
    queue: BinaryHeap<Reverse<Entry<E>>>,
    pub rng: SplitMix64,
    pub faults: Faults,
    /// Messages dropped and duplicated so far.
    pub lost: u64,
    pub duplicated: u64,
}

impl<E: Clone> Sim<E> {
    pub fn new(seed: u64, faults: Faults) -> Sim<E> {
        Sim {
            now: 0,
            seq: 0,
            queue: BinaryHeap::new(),
            rng: SplitMix64(seed),
            faults,
            lost: 0,
            duplicated: 0,
        }
    }

    /// A local event (a timer, a crash): never lost.
    pub fn at(&mut self, at: u64, event: E) {
        self.seq += 1;
        self.queue.push(Reverse(Entry {
            at,
            seq: self.seq,
            event,
        }));
    }

    /// A message over the network: lost, duplicated or delayed.
    pub fn send(&mut self, event: E) {
        let f = self.faults;
        let faulty = self.now < f.until;
        if faulty && self.rng.unit() < f.loss {
            self.lost += 1;
            return;
        }
        let copies = if faulty && self.rng.unit() < f.dup {
            self.duplicated += 1;
            2
        } else {
            1
        };
        for _ in 0..copies {
            let delay = if faulty {
                1 + self.rng.below(f.max_delay as usize) as u64
            } else {
                1
            };
            self.at(self.now + delay, event.clone());
        }
    }

    pub fn pop(&mut self) -> Option<E> {
        let Reverse(entry) = self.queue.pop()?;
        self.now = entry.at;
        Some(entry.event)
    }
}
