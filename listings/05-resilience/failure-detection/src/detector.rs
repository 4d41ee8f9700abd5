//! Heartbeats over a seeded network, judged by a fixed timeout and by a
//! phi-accrual detector. Times are milliseconds of simulated time.

use std::collections::VecDeque;

use seeded::SplitMix64;

/// One monitored node's link: how late its heartbeats arrive.
#[derive(Debug, Clone, Copy)]
pub struct Link {
    pub name: &'static str,
    /// Mean of the exponential extra delay on each heartbeat.
    pub jitter_mean_ms: f64,
    /// Chance that the sender stops for a garbage-collection pause before a
    /// heartbeat, and the longest such pause (uniform from 1 s up to it).
    pub pause_chance: f64,
    pub pause_max_ms: f64,
}

pub const INTERVAL_MS: f64 = 1000.0;

/// Ten hours of heartbeats per link.
pub const HEARTBEATS: usize = 36_000;

// ANCHOR: links
pub const QUIET: Link = Link {
    name: "quiet",
    jitter_mean_ms: 5.0,
    pause_chance: 0.0,
    pause_max_ms: 1000.0,
};
pub const NOISY: Link = Link {
    name: "noisy",
    jitter_mean_ms: 150.0,
    pause_chance: 1.0 / 1800.0,
    pause_max_ms: 4000.0,
};
// ANCHOR_END: links

/// Arrival times of `count` heartbeats sent every second.
pub fn arrivals(link: &Link, seed: u64, count: usize) -> Vec<f64> {
    let mut rng = SplitMix64(seed);
    let mut send = 0.0;
    let mut last_arrival: f64 = 0.0;
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        send += INTERVAL_MS;
        if rng.unit() < link.pause_chance {
            send += 1000.0 + rng.unit() * (link.pause_max_ms - 1000.0);
        }
        let delay = 2.0 + rng.exponential(link.jitter_mean_ms);
        // One connection delivers in order.
        last_arrival = last_arrival.max(send + delay);
        out.push(last_arrival);
    }
    out
}

/// A detector, asked once per heartbeat: "if nothing else arrives, how long
/// after this one do you suspect the node?"
pub trait Detector {
    fn heartbeat(&mut self, at_ms: f64);
    fn suspect_after(&self) -> f64;
}

pub struct FixedTimeout(pub f64);

impl Detector for FixedTimeout {
    fn heartbeat(&mut self, _at_ms: f64) {}
    fn suspect_after(&self) -> f64 {
        self.0
    }
}

// ANCHOR: phi
/// Hayashibara et al.'s phi-accrual detector with Akka's choices: a window
/// of recent inter-arrival times, a normal distribution fitted to them, and
/// a floor under the standard deviation.
pub struct PhiAccrual {
    pub threshold: f64,
    window: VecDeque<f64>,
    capacity: usize,
    sum: f64,
    sum_sq: f64,
    last: Option<f64>,
    min_std_ms: f64,
}

impl PhiAccrual {
    pub fn new(threshold: f64, capacity: usize, min_std_ms: f64) -> PhiAccrual {
        PhiAccrual {
            threshold,
            window: VecDeque::with_capacity(capacity),
            capacity,
            sum: 0.0,
            sum_sq: 0.0,
            last: None,
            min_std_ms,
        }
    }

    fn mean_std(&self) -> (f64, f64) {
        let n = self.window.len() as f64;
        if n == 0.0 {
            return (INTERVAL_MS, self.min_std_ms);
        }
        let mean = self.sum / n;
        let variance = (self.sum_sq / n - mean * mean).max(0.0);
        (mean, variance.sqrt().max(self.min_std_ms))
    }

    /// phi = -log10(P(a heartbeat comes later than `elapsed`)): suspecting
    /// at phi 1 is wrong one time in 10, at phi 8 one in a hundred million.
    pub fn phi(&self, elapsed_ms: f64) -> f64 {
        let (mean, std) = self.mean_std();
        let y = (elapsed_ms - mean) / std;
        // Akka's logistic approximation of the normal tail.
        let e = (-y * (1.5976 + 0.070566 * y * y)).exp();
        if elapsed_ms > mean {
            -(e / (1.0 + e)).log10()
        } else {
            -(1.0 - 1.0 / (1.0 + e)).log10()
        }
    }
}

impl Detector for PhiAccrual {
    fn heartbeat(&mut self, at_ms: f64) {
        if let Some(last) = self.last {
            let gap = at_ms - last;
            if self.window.len() == self.capacity {
                let old = self.window.pop_front().expect("full");
                self.sum -= old;
                self.sum_sq -= old * old;
            }
            self.window.push_back(gap);
            self.sum += gap;
            self.sum_sq += gap * gap;
        }
        self.last = Some(at_ms);
    }

    /// phi rises with the silence, so the moment it crosses the threshold
    /// is found by bisection.
    fn suspect_after(&self) -> f64 {
        let (mut low, mut high) = (0.0, 600_000.0);
        for _ in 0..40 {
            let mid = (low + high) / 2.0;
            if self.phi(mid) >= self.threshold {
                high = mid;
            } else {
                low = mid;
            }
        }
        high
    }
}
// ANCHOR_END: phi

/// What one detector did on one link's trace.
#[derive(Debug, Clone, Copy)]
pub struct Score {
    pub false_suspicions_per_hour: f64,
    /// Mean time from the last heartbeat of a crashed node to suspicion.
    pub mean_detection_ms: f64,
}

// ANCHOR: score
/// Replays the trace: a silence longer than the detector's patience is a
/// false suspicion (the node was alive); a crash after heartbeat `i` is
/// noticed when the patience after heartbeat `i` runs out.
pub fn score(detector: &mut dyn Detector, arrivals: &[f64]) -> Score {
    let warm_up = 100;
    let mut false_suspicions = 0;
    let (mut detection_sum, mut crashes) = (0.0, 0);
    for (i, pair) in arrivals.windows(2).enumerate() {
        detector.heartbeat(pair[0]);
        if i < warm_up {
            continue;
        }
        let patience = detector.suspect_after();
        if pair[1] - pair[0] > patience {
            false_suspicions += 1;
        }
        // Had the node crashed right after heartbeat i, nothing more would
        // arrive and the detector would suspect it `patience` later.
        detection_sum += patience;
        crashes += 1;
    }
    let hours = (arrivals[arrivals.len() - 1] - arrivals[warm_up]) / 3_600_000.0;
    Score {
        false_suspicions_per_hour: false_suspicions as f64 / hours,
        mean_detection_ms: detection_sum / crashes as f64,
    }
}
// ANCHOR_END: score
