//! How big a pool must be: Little's law gives the average number of
//! connections in use, and a queueing simulation shows what a pool near
//! that number does to the wait.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use seeded::SplitMix64;

/// What requests waited for a connection, in milliseconds.
#[derive(Debug, Clone, PartialEq)]
pub struct Waits {
    pub p50: f64,
    pub p99: f64,
    pub max: f64,
    /// Share of the pool's connection time in use.
    pub busy: f64,
}

// ANCHOR: simulate
/// `requests` requests arriving at random (a Poisson process) at `rate`
/// per second, each holding a connection for a random time (exponential)
/// with mean `hold_ms`, served first come first served by `pool`
/// connections. Seeded: the same arguments give the same answer.
pub fn simulate(rate: f64, hold_ms: f64, pool: usize, requests: usize, seed: u64) -> Waits {
    let mut rng = SplitMix64(seed);
    // When each connection is next free, in microseconds, earliest first.
    let mut free_at: BinaryHeap<Reverse<u64>> = (0..pool).map(|_| Reverse(0)).collect();
    let (mut now, mut held) = (0.0f64, 0.0f64);
    let mut waits = Vec::with_capacity(requests);
    for _ in 0..requests {
        now += rng.exponential(1_000_000.0 / rate);
        let hold = rng.exponential(hold_ms * 1000.0);
        let Reverse(free) = free_at.pop().expect("the pool is never empty");
        let start = now.max(free as f64);
        waits.push((start - now) / 1000.0);
        held += hold;
        free_at.push(Reverse((start + hold) as u64));
    }
    waits.sort_by(f64::total_cmp);
    let at = |q: f64| waits[((waits.len() - 1) as f64 * q) as usize];
    Waits {
        p50: at(0.5),
        p99: at(0.99),
        max: waits[waits.len() - 1],
        busy: held / (now * pool as f64),
    }
}
// ANCHOR_END: simulate

/// Little's law: connections in use on average = arrivals per second x
/// seconds each one is held.
pub fn in_use(rate: f64, hold_ms: f64) -> f64 {
    rate * hold_ms / 1000.0
}
