//! A service simulated on a virtual clock, so its throughput is the same on
//! every run and every machine.
//!
//! Each of `workers` workers loops forever: it does some work that needs
//! nothing shared (random, `parallel_us` on average), then takes the one
//! shared lock, for `locked_us` on average. Handing the lock over costs
//! `handoff_us_per_worker` more for every other worker that is running, the
//! way a contended lock's cache line bounces between more cores: that is
//! the coherence cost the USL's kappa stands for.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use seeded::SplitMix64;

// ANCHOR: service
/// The costs of one request, in microseconds.
#[derive(Debug, Clone, Copy)]
pub struct Service {
    /// Mean time of the work done in parallel (exponentially distributed).
    pub parallel_us: f64,
    /// Mean time spent holding the shared lock (exponentially distributed).
    pub locked_us: f64,
    /// Extra time per lock hold for each other worker that uses the same
    /// lock.
    pub handoff_us_per_worker: f64,
    /// How many locks the shared state is split into. Each request needs
    /// one of them, chosen at random: 1 is one lock for everything.
    pub shards: u32,
}
// ANCHOR_END: service

/// Nanoseconds, so that virtual times can be ordered in a heap.
fn ns(us: f64) -> u64 {
    (us * 1000.0).round() as u64
}

// ANCHOR: simulate
/// Throughput, in requests per second of virtual time, of `workers`
/// workers serving `requests` requests in all.
pub fn throughput(service: Service, workers: u32, requests: u32, seed: u64) -> f64 {
    assert!(
        workers > 0 && requests > 0 && service.shards > 0,
        "need a worker, a request and a lock"
    );
    let mut rng = SplitMix64(seed);
    // The other workers spread over the shards, so each lock is shared
    // with fewer of them.
    let others_per_lock = f64::from(workers - 1) / f64::from(service.shards);
    let mean_hold = service.locked_us + service.handoff_us_per_worker * others_per_lock;
    // When each worker next reaches the lock, earliest first.
    let mut arrivals: BinaryHeap<Reverse<(u64, u32)>> = (0..workers)
        .map(|w| Reverse((ns(rng.exponential(service.parallel_us)), w)))
        .collect();
    let mut lock_free_at = vec![0; service.shards as usize];
    let mut last_done = 0;
    for _ in 0..requests {
        let Reverse((arrival, worker)) = arrivals.pop().expect("every worker comes back");
        let shard = (rng.next_u64() % u64::from(service.shards)) as usize;
        // First come, first served: the lock is taken when it is free.
        let start = arrival.max(lock_free_at[shard]);
        let done = start + ns(rng.exponential(mean_hold));
        lock_free_at[shard] = done;
        last_done = last_done.max(done);
        let next = done + ns(rng.exponential(service.parallel_us));
        arrivals.push(Reverse((next, worker)));
    }
    f64::from(requests) / (last_done as f64 / 1e9)
}
// ANCHOR_END: simulate

// ANCHOR: chapter
/// The chapter's service: 10% of each request's time is under the lock.
pub const CHAPTER: Service = Service {
    parallel_us: 900.0,
    locked_us: 100.0,
    handoff_us_per_worker: 2.0,
    shards: 1,
};
// ANCHOR_END: chapter

/// The worker counts, run length and seed of the chapter's runs.
pub const WORKERS: [u32; 8] = [1, 2, 4, 8, 12, 16, 24, 32];
pub const REQUESTS: u32 = 200_000;
pub const SEED: u64 = 7;

/// `(workers, requests per second)` for each count in `workers`, with the
/// chapter's run length and seed.
pub fn measure(service: Service, workers: &[u32]) -> Vec<(u32, f64)> {
    workers
        .iter()
        .map(|&n| (n, throughput(service, n, REQUESTS, SEED)))
        .collect()
}
