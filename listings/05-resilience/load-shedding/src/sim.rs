//! A discrete-event simulation: requests arrive, wait in a queue run by a
//! [`Policy`], and are served by a fixed number of workers. Time is in
//! microseconds and moves only from event to event, so a run is exact and
//! the same on every machine.

use seeded::SplitMix64;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

/// Microseconds.
pub type Micros = u64;
pub const MS: Micros = 1_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Critical,
    BestEffort,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    pub arrival: Micros,
    /// The caller gives up at this time: an answer after it is wasted work.
    pub deadline: Micros,
    pub service: Micros,
    pub class: Class,
}

// ANCHOR: workload
pub struct Workload {
    pub seed: u64,
    pub workers: usize,
    pub mean_service: Micros,
    /// Offered load as a multiple of capacity (workers / mean_service).
    pub load: f64,
    pub duration: Micros,
    pub timeout: Micros,
    pub critical_percent: usize,
}

impl Workload {
    /// Poisson arrivals and exponential service times, from one seed.
    pub fn requests(&self) -> Vec<Request> {
        let mut rng = SplitMix64(self.seed);
        let capacity_per_us = self.workers as f64 / self.mean_service as f64;
        let mean_gap = 1.0 / (capacity_per_us * self.load);
        let mut t = 0.0;
        let mut out = Vec::new();
        loop {
            t += rng.exponential(mean_gap);
            if t >= self.duration as f64 {
                return out;
            }
            let arrival = t as Micros;
            let service = (rng.exponential(self.mean_service as f64) as Micros).max(1);
            let class = if rng.below(100) < self.critical_percent {
                Class::Critical
            } else {
                Class::BestEffort
            };
            let deadline = arrival + self.timeout;
            out.push(Request {
                arrival,
                deadline,
                service,
                class,
            });
        }
    }
}
// ANCHOR_END: workload

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Policy {
    /// FIFO, never refuses, never drops.
    Unbounded,
    /// FIFO, refuses an arrival at the door when `capacity` are waiting.
    Bounded { capacity: usize },
    /// FIFO, never refuses, but drops a request whose deadline has passed
    /// when a worker takes it out.
    DropExpired,
    /// FIFO, never refuses, but drops a request that has less than `margin`
    /// left before its deadline when a worker takes it out: a guess that it
    /// cannot finish in time.
    DropUnlikely { margin: Micros },
    /// Facebook's variant of CoDel with adaptive LIFO ("Fail at Scale").
    CoDelLifo { target: Micros, interval: Micros },
    /// Two queues; best-effort is refused once `best_effort_limit` are
    /// waiting in all, critical only at `capacity`; critical is served first;
    /// expired requests are dropped at dequeue.
    Priority {
        capacity: usize,
        best_effort_limit: usize,
    },
}

/// A waiting request and the time after which the queue drops it.
#[derive(Debug, Clone, Copy)]
struct Waiting {
    req: Request,
    drop_after: Micros,
}

// ANCHOR: queue
pub struct Queue {
    policy: Policy,
    critical: VecDeque<Waiting>,
    best_effort: VecDeque<Waiting>,
    last_empty: Micros,
    pub rejected: usize,
    pub dropped: usize,
}

impl Queue {
    pub fn new(policy: Policy) -> Queue {
        Queue {
            policy,
            critical: VecDeque::new(),
            best_effort: VecDeque::new(),
            last_empty: 0,
            rejected: 0,
            dropped: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.critical.len() + self.best_effort.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Admission: at the door, before the request waits at all.
    pub fn offer(&mut self, req: Request, now: Micros) {
        if self.is_empty() {
            self.last_empty = now;
        }
        let mut drop_after = Micros::MAX;
        match self.policy {
            Policy::Unbounded => {}
            Policy::Bounded { capacity } if self.len() >= capacity => {
                self.rejected += 1;
                return;
            }
            Policy::Bounded { .. } => {}
            Policy::DropExpired => drop_after = req.deadline,
            Policy::DropUnlikely { margin } => drop_after = req.deadline.saturating_sub(margin),
            Policy::CoDelLifo { target, interval } => {
                // Not empty for a whole interval: a standing queue. New
                // arrivals get a short queue timeout instead of a long one.
                let standing = !self.is_empty() && self.last_empty + interval < now;
                drop_after = now + if standing { target } else { interval };
                drop_after = drop_after.min(req.deadline);
            }
            Policy::Priority {
                capacity,
                best_effort_limit,
            } => {
                let limit = match req.class {
                    Class::Critical => capacity,
                    Class::BestEffort => best_effort_limit,
                };
                if self.len() >= limit {
                    self.rejected += 1;
                    return;
                }
                drop_after = req.deadline;
            }
        }
        let waiting = Waiting { req, drop_after };
        match (self.policy, req.class) {
            (Policy::Priority { .. }, Class::Critical) => self.critical.push_back(waiting),
            _ => self.best_effort.push_back(waiting),
        }
    }

    /// A worker is free at `now`: which request does it serve?
    pub fn take(&mut self, now: Micros) -> Option<Request> {
        loop {
            let next = match self.policy {
                // Adaptive LIFO: FIFO while the queue is short-lived, newest
                // first once it has stood for an interval.
                Policy::CoDelLifo { interval, .. } if self.last_empty + interval < now => {
                    self.best_effort.pop_back()
                }
                _ => self
                    .critical
                    .pop_front()
                    .or_else(|| self.best_effort.pop_front()),
            };
            if self.is_empty() {
                self.last_empty = now;
            }
            let w = next?;
            if now > w.drop_after {
                self.dropped += 1;
                continue;
            }
            return Some(w.req);
        }
    }
}
// ANCHOR_END: queue

/// What one run did with every request.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub offered: usize,
    pub rejected: usize,
    pub dropped: usize,
    pub in_time: usize,
    pub late: usize,
    pub in_time_critical: usize,
    pub offered_critical: usize,
    pub in_time_best_effort: usize,
    pub offered_best_effort: usize,
    /// Latency of every answered request, sorted, in microseconds.
    pub latencies: Vec<Micros>,
    /// When each in-time answer was sent, in order of service start.
    pub in_time_at: Vec<Micros>,
}

impl Report {
    pub fn percentile(&self, p: usize) -> Micros {
        if self.latencies.is_empty() {
            return 0;
        }
        let i = (self.latencies.len() * p).div_ceil(100).max(1) - 1;
        self.latencies[i]
    }
}

// ANCHOR: run
pub fn run(requests: &[Request], workers: usize, policy: Policy) -> Report {
    let mut queue = Queue::new(policy);
    let mut report = Report {
        offered: requests.len(),
        ..Report::default()
    };
    let mut busy_until: BinaryHeap<Reverse<Micros>> = BinaryHeap::new();
    let mut idle = workers;
    let mut next = 0;
    loop {
        // The next event: a worker finishing, or a request arriving.
        let done = busy_until.peek().map(|r| r.0);
        let arrival = requests.get(next).map(|r| r.arrival);
        let now = match (done, arrival) {
            (Some(d), Some(a)) if d <= a => finish(&mut busy_until, &mut idle),
            (Some(_), None) => finish(&mut busy_until, &mut idle),
            (_, Some(a)) => {
                queue.offer(requests[next], a);
                next += 1;
                a
            }
            (None, None) => break,
        };
        while idle > 0 {
            let Some(req) = queue.take(now) else { break };
            let end = now + req.service;
            idle -= 1;
            busy_until.push(Reverse(end));
            report.latencies.push(end - req.arrival);
            if end <= req.deadline {
                report.in_time += 1;
                report.in_time_at.push(end);
                match req.class {
                    Class::Critical => report.in_time_critical += 1,
                    Class::BestEffort => report.in_time_best_effort += 1,
                }
            } else {
                report.late += 1;
            }
        }
    }
    report.rejected = queue.rejected;
    report.dropped = queue.dropped;
    report.offered_critical = requests
        .iter()
        .filter(|r| r.class == Class::Critical)
        .count();
    report.offered_best_effort = report.offered - report.offered_critical;
    report.latencies.sort_unstable();
    report
}
// ANCHOR_END: run

fn finish(busy_until: &mut BinaryHeap<Reverse<Micros>>, idle: &mut usize) -> Micros {
    let Reverse(t) = busy_until.pop().expect("a worker is busy");
    *idle += 1;
    t
}
