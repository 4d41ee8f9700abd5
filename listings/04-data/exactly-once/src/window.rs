//! A deduplication window that holds the last `capacity` keys: memory is
//! bounded, and a redelivery that arrives after its key left applies twice.

use seeded::SplitMix64;
use std::collections::{HashSet, VecDeque};

// ANCHOR: window
pub struct Window {
    capacity: usize,
    keys: HashSet<u64>,
    order: VecDeque<u64>, // oldest first
}

impl Window {
    pub fn new(capacity: usize) -> Window {
        Window {
            capacity,
            keys: HashSet::new(),
            order: VecDeque::new(),
        }
    }

    /// True if `key` is not in the window (apply it); remembers it.
    pub fn first_time(&mut self, key: u64) -> bool {
        if self.keys.contains(&key) {
            return false;
        }
        self.keys.insert(key);
        self.order.push_back(key);
        if self.order.len() > self.capacity {
            let oldest = self.order.pop_front().expect("over capacity");
            self.keys.remove(&oldest);
        }
        true
    }
}
// ANCHOR_END: window

/// How redeliveries are spread in time, in messages delivered in between.
#[derive(Debug, Clone, Copy)]
pub struct Delays {
    /// Chance that a message is delivered a second time.
    pub redeliver: f64,
    /// Share of redeliveries that are quick (a duplicate send or lost ack).
    pub quick: f64,
    pub quick_mean: f64,
    /// The others wait out a visibility timeout after a crash.
    pub timeout: f64,
    pub slow_mean: f64,
}

pub const DELAYS: Delays = Delays {
    redeliver: 0.05,
    quick: 0.8,
    quick_mean: 10.0,
    timeout: 300.0,
    slow_mean: 100.0,
};

/// The delivery order: every message once, plus the redeliveries, each at
/// its first delivery's position plus a seeded delay.
pub fn deliveries(seed: u64, n: usize, d: Delays) -> Vec<u64> {
    let mut rng = SplitMix64(seed);
    let mut at: Vec<(f64, u64)> = (0..n).map(|i| (i as f64, i as u64)).collect();
    for i in 0..n {
        if rng.unit() < d.redeliver {
            let delay = if rng.unit() < d.quick {
                rng.exponential(d.quick_mean)
            } else {
                d.timeout + rng.exponential(d.slow_mean)
            };
            at.push((i as f64 + 1.0 + delay, i as u64));
        }
    }
    at.sort_by(|a, b| a.0.total_cmp(&b.0));
    at.into_iter().map(|(_, id)| id).collect()
}

/// (redeliveries, redeliveries applied a second time) through a window.
pub fn measure(capacity: usize, order: &[u64], n: usize) -> (usize, usize) {
    let mut w = Window::new(capacity);
    let mut applied = 0;
    for &id in order {
        applied += w.first_time(id) as usize;
    }
    (order.len() - n, applied - n)
}
