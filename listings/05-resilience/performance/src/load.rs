//! The endpoint under load, simulated event by event on a clock of our
//! own (exact to the microsecond, the same on every machine). A request
//! holds a connection from a pool of [`POOL`] for its statements, then a
//! core (of [`CORES`]) for its joining and rendering; each waits its turn
//! in arrival order. What each step takes comes from the cost model,
//! through the same profile the flame graph draws.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use seeded::SplitMix64;

use crate::profile::Profile;
use crate::shop::{Plan, Shop, get_orders};

pub const POOL: usize = 10;
pub const CORES: usize = 2;
/// Orders of a light user and of a heavy one.
pub const LIGHT: u64 = 10;
pub const HEAVY: u64 = 1_000;
/// One request in this many is for a heavy user.
pub const HEAVY_ONE_IN: usize = 20;

/// Time a request needs on each resource, in µs.
#[derive(Clone, Copy, Debug)]
pub struct Demand {
    pub db: u64,
    pub cpu: u64,
}

/// What one request of a user with `orders` orders needs under `plan`.
pub fn demand(plan: Plan, orders: u64) -> Demand {
    let shop = Shop::new(&[orders]);
    let mut p = Profile::default();
    get_orders(&shop, 1, plan, &mut p);
    let db = p.under("query");
    Demand {
        db,
        cpu: p.total() - db,
    }
}

/// What a run measured.
#[derive(Debug)]
pub struct Run {
    pub requests: usize,
    /// Requests per second over the whole run (until the last answer).
    pub lambda: f64,
    /// Mean and p99 time in the system, in ms.
    pub w_mean: f64,
    pub w_p99: f64,
    /// Mean number of requests in the system, counted every ms.
    pub l_sampled: f64,
    /// Busy fraction of the pool and of the cores.
    pub pool_busy: f64,
    pub cpu_busy: f64,
}

/// `servers` identical servers taking jobs in the order given: when each
/// job starts and ends, given when it arrives and how long it takes (µs).
fn serve(servers: usize, jobs: &[(u64, u64)]) -> Vec<u64> {
    let mut free: BinaryHeap<Reverse<u64>> = (0..servers).map(|_| Reverse(0)).collect();
    jobs.iter()
        .map(|&(arrive, work)| {
            let Reverse(at) = free.pop().expect("at least one server");
            let done = at.max(arrive) + work;
            free.push(Reverse(done));
            done
        })
        .collect()
}

// ANCHOR: run
/// `rate` requests a second for `seconds`, arrivals at random (Poisson),
/// 1 in [`HEAVY_ONE_IN`] for a heavy user.
pub fn run(plan: Plan, rate: f64, seconds: u64, seed: u64) -> Run {
    let (light, heavy) = (demand(plan, LIGHT), demand(plan, HEAVY));
    let mut rng = SplitMix64(seed);
    let mut requests = Vec::new(); // (arrival µs, demand)
    let mut at = 0.0;
    loop {
        at += rng.exponential(1e6 / rate);
        if at >= seconds as f64 * 1e6 {
            break;
        }
        let need = if rng.below(HEAVY_ONE_IN) == 0 {
            heavy
        } else {
            light
        };
        requests.push((at as u64, need));
    }
    // First a connection for the statements, in arrival order...
    let db: Vec<(u64, u64)> = requests.iter().map(|(a, d)| (*a, d.db)).collect();
    let db_done = serve(POOL, &db);
    // ...then a core, in the order the statements finished.
    let mut order: Vec<usize> = (0..requests.len()).collect();
    order.sort_by_key(|&i| (db_done[i], i));
    let cpu: Vec<(u64, u64)> = order
        .iter()
        .map(|&i| (db_done[i], requests[i].1.cpu))
        .collect();
    let mut done = vec![0; requests.len()];
    for (k, end) in serve(CORES, &cpu).into_iter().enumerate() {
        done[order[k]] = end;
    }
    let spans: Vec<(u64, u64)> = requests
        .iter()
        .zip(&done)
        .map(|((a, _), d)| (*a, *d))
        .collect();
    let busy_db: u64 = requests.iter().map(|(_, d)| d.db).sum();
    let busy_cpu: u64 = requests.iter().map(|(_, d)| d.cpu).sum();
    summarize(&spans, busy_db, busy_cpu)
}
// ANCHOR_END: run

fn summarize(spans: &[(u64, u64)], busy_db: u64, busy_cpu: u64) -> Run {
    let end = spans.iter().map(|s| s.1).max().unwrap_or(1) as f64;
    let mut ms: Vec<f64> = spans.iter().map(|(a, d)| (d - a) as f64 / 1e3).collect();
    ms.sort_by(f64::total_cmp);
    let n = ms.len().max(1);
    // L counted directly: how many requests are inside at each whole ms.
    let mut edges: Vec<(u64, i64)> = spans.iter().flat_map(|&(a, d)| [(a, 1), (d, -1)]).collect();
    edges.sort();
    let (mut inside, mut next, mut sum, mut samples) = (0i64, 0usize, 0i64, 0u64);
    let mut t = 0;
    while t < end as u64 {
        while next < edges.len() && edges[next].0 <= t {
            inside += edges[next].1;
            next += 1;
        }
        sum += inside;
        samples += 1;
        t += 1_000;
    }
    Run {
        requests: ms.len(),
        lambda: ms.len() as f64 / (end / 1e6),
        w_mean: ms.iter().sum::<f64>() / n as f64,
        w_p99: ms[(n * 99 / 100).min(n - 1)],
        l_sampled: sum as f64 / samples.max(1) as f64,
        pool_busy: busy_db as f64 / (end * POOL as f64),
        cpu_busy: busy_cpu as f64 / (end * CORES as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Two servers, three jobs at once: the third waits for the first.
    #[test]
    fn fifo_servers() {
        assert_eq!(serve(2, &[(0, 5), (0, 7), (0, 1)]), [5, 7, 6]);
        assert_eq!(serve(1, &[(0, 5), (10, 1)]), [5, 11]);
    }
}
