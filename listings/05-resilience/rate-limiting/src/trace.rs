//! One client's seeded, bursty trace, and a run of every limiter over it.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::FakeRelativeClock;
use governor::{Quota, RateLimiter};
use seeded::SplitMix64;

use crate::algorithms::{
    Decision, FixedWindow, LeakyQueue, Limiter, MS, Micros, SECOND, SlidingCounter, SlidingLog,
    TokenBucket,
};

/// The limit every limiter enforces: 10 requests a second.
pub const LIMIT: u64 = 10;
/// The trace's length.
pub const LENGTH: Micros = 10 * SECOND;

// ANCHOR: trace
/// A client that sends about 3 requests a second at random, goes quiet for
/// most of the second before 3 s, 6 s and 9 s, then sends 12 requests in
/// the 100 ms before the boundary and 12 in the 100 ms after it.
pub fn bursty(seed: u64) -> Vec<Micros> {
    let mut rng = SplitMix64(seed);
    let boundaries = [3 * SECOND, 6 * SECOND, 9 * SECOND];
    let quiet = |t: Micros| boundaries.iter().any(|&b| t + SECOND >= b && t < b);
    let mut arrivals = Vec::new();
    let mut t = 0;
    loop {
        t += (rng.exponential(SECOND as f64 / 3.0) as Micros).max(1);
        if t >= LENGTH {
            break;
        }
        if !quiet(t) {
            arrivals.push(t);
        }
    }
    for &b in &boundaries {
        for _ in 0..12 {
            arrivals.push(b - 100 * MS + rng.below(100_000) as Micros);
            arrivals.push(b + rng.below(100_000) as Micros);
        }
    }
    arrivals.sort_unstable();
    arrivals
}
// ANCHOR_END: trace

/// What one limiter did with the trace.
pub struct Report {
    pub name: &'static str,
    pub admitted: usize,
    pub rejected: usize,
    /// The most requests passed on in any 1 s span [t, t + 1 s).
    pub worst_second: usize,
    /// The longest a passed request was held back.
    pub max_delay: Micros,
    /// The most bytes of state the client cost at any point.
    pub max_state: usize,
    /// When each passed request was passed on.
    pub passed_at: Vec<Micros>,
}

/// Runs one limiter over the trace.
pub fn run(limiter: &mut dyn Limiter, arrivals: &[Micros]) -> Report {
    let mut passed_at = Vec::new();
    let (mut rejected, mut max_delay, mut max_state) = (0, 0, 0);
    for &t in arrivals {
        match limiter.check(t) {
            Decision::Admit => passed_at.push(t),
            Decision::Delay(d) => {
                passed_at.push(t + d);
                max_delay = max_delay.max(d);
            }
            Decision::Reject => rejected += 1,
        }
        max_state = max_state.max(limiter.state_bytes());
    }
    passed_at.sort_unstable();
    Report {
        name: limiter.name(),
        admitted: passed_at.len(),
        rejected,
        worst_second: worst_second(&passed_at),
        max_delay,
        max_state,
        passed_at,
    }
}

/// The most sorted times that fit in any span [t, t + 1 s).
pub fn worst_second(sorted: &[Micros]) -> usize {
    let mut first = 0;
    let mut best = 0;
    for (last, &t) in sorted.iter().enumerate() {
        while sorted[first] + SECOND <= t {
            first += 1;
        }
        best = best.max(last + 1 - first);
    }
    best
}

// ANCHOR: ours
/// Our five limiters, each set to 10 a second (burst or queue of 10).
pub fn ours() -> Vec<Box<dyn Limiter>> {
    vec![
        Box::new(TokenBucket::new(LIMIT, LIMIT)),
        Box::new(LeakyQueue::new(LIMIT, LIMIT)),
        Box::new(FixedWindow::new(LIMIT, SECOND)),
        Box::new(SlidingLog::new(LIMIT as usize, SECOND)),
        Box::new(SlidingCounter::new(LIMIT, SECOND)),
    ]
}
// ANCHOR_END: ours

// ANCHOR: governor
/// governor's GCRA, 10 a second with a burst of 10, on a fake clock that
/// the loop moves to each arrival.
pub fn governor(arrivals: &[Micros]) -> Report {
    let clock = FakeRelativeClock::default();
    let quota = Quota::per_second(NonZeroU32::new(LIMIT as u32).expect("LIMIT > 0"));
    let limiter = RateLimiter::direct_with_clock(quota, clock.clone());
    let mut now = 0;
    let mut passed_at = Vec::new();
    for &t in arrivals {
        clock.advance(Duration::from_micros(t - now));
        now = t;
        if limiter.check().is_ok() {
            passed_at.push(t);
        }
    }
    Report {
        name: "governor (GCRA)",
        admitted: passed_at.len(),
        rejected: arrivals.len() - passed_at.len(),
        worst_second: worst_second(&passed_at),
        max_delay: 0,
        // governor's InMemoryState is one AtomicU64: the theoretical
        // arrival time of the next request, in nanoseconds.
        max_state: size_of::<std::sync::atomic::AtomicU64>(),
        passed_at,
    }
}
// ANCHOR_END: governor
