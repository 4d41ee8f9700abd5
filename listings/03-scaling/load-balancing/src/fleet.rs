//! The fleet and the simulation. Requests arrive at random (a Poisson
//! process) on a virtual clock; each server answers its requests one at a
//! time, first come first served, and a request's latency is the time it
//! waited in its server's queue plus its own service time.

use std::collections::VecDeque;

use seeded::SplitMix64;

use crate::policy::Balancer;

// ANCHOR: fleet
/// The servers: `servers` of them, each taking `service_ms` per request on
/// average, except the one at index `slow`, which takes `slow_factor`
/// times as long.
#[derive(Debug, Clone, Copy)]
pub struct Fleet {
    pub servers: usize,
    pub service_ms: f64,
    pub slow: usize,
    pub slow_factor: f64,
}

/// The chapter's fleet: ten servers of 1,000 requests a second, one of
/// them five times slower (a bad disk, a noisy neighbour).
pub const FLEET: Fleet = Fleet {
    servers: 10,
    service_ms: 1.0,
    slow: 3,
    slow_factor: 5.0,
};

/// Requests a second the chapter sends: 76% of what the fleet can serve
/// (9 x 1,000 + 200 = 9,200).
pub const LOAD_PER_SECOND: f64 = 7_000.0;
// ANCHOR_END: fleet

impl Fleet {
    /// Requests a second the whole fleet can answer.
    pub fn capacity_per_second(&self) -> f64 {
        let fast = (self.servers - 1) as f64;
        (fast + 1.0 / self.slow_factor) * 1000.0 / self.service_ms
    }
}

/// What one run measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub p999_ms: f64,
    /// Share of all requests sent to the slow server.
    pub slow_share: f64,
}

// ANCHOR: simulate
/// Sends `requests` requests at `per_second` through `balancer` to `fleet`.
/// The arrivals and service times come from `seed` alone, so every
/// balancer meets exactly the same requests; the balancer's own coin
/// flips come from a second generator.
pub fn run(
    fleet: Fleet,
    balancer: &mut dyn Balancer,
    per_second: f64,
    requests: usize,
    seed: u64,
) -> Report {
    let mut work = SplitMix64(seed);
    let mut coins = SplitMix64(seed ^ 0xBA1A_4CE5);
    let gap_ms = 1000.0 / per_second;
    // Per server: when it will be free, and when each request it holds
    // will be answered (in order, since it serves first come first served).
    let mut free_at = vec![0.0_f64; fleet.servers];
    let mut in_flight: Vec<VecDeque<f64>> = vec![VecDeque::new(); fleet.servers];
    let mut latencies = Vec::with_capacity(requests);
    let mut to_slow = 0;
    let mut now = 0.0;
    for _ in 0..requests {
        now += work.exponential(gap_ms);
        // Forget the requests answered by now.
        for answers in &mut in_flight {
            while answers.front().is_some_and(|&done| done <= now) {
                answers.pop_front();
            }
        }
        let outstanding: Vec<usize> = in_flight.iter().map(VecDeque::len).collect();
        let server = balancer.pick(&outstanding, &mut coins);
        let mut service = work.exponential(fleet.service_ms);
        if server == fleet.slow {
            service *= fleet.slow_factor;
            to_slow += 1;
        }
        let done = now.max(free_at[server]) + service;
        free_at[server] = done;
        in_flight[server].push_back(done);
        latencies.push(done - now);
    }
    latencies.sort_by(f64::total_cmp);
    let at = |q: f64| latencies[((requests as f64 * q) as usize).min(requests - 1)];
    Report {
        p50_ms: at(0.50),
        p99_ms: at(0.99),
        p999_ms: at(0.999),
        slow_share: to_slow as f64 / requests as f64,
    }
}
// ANCHOR_END: simulate
