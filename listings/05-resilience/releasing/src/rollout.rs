//! One release, four ways, on a simulated fleet: a clock in whole seconds,
//! 100 requests a second spread over the instances that take traffic, and
//! a judge that compares v2's error rate with v1's.
//!
//! Each request has an id, and whether it would fail on v1 or on v2 is a
//! function of the seed and that id alone. So every strategy meets the
//! very same faulty requests: only how many of them reach v2 differs.

use seeded::SplitMix64;

use crate::judge::{Counts, Judge, Verdict};

/// The fleet and the traffic.
pub const DESIRED: usize = 10;
pub const RATE: u64 = 100;
/// Seconds from starting an instance to its first request.
pub const STARTUP: u64 = 20;
/// The release starts here; everything before is v1 alone.
pub const RELEASE_AT: u64 = 60;
pub const END: u64 = 400;
/// Kubernetes' defaults for a Deployment's rolling update, 25% each:
/// maxSurge rounds up (3 of 10), maxUnavailable rounds down (2 of 10).
pub const MAX_SURGE: usize = 3;
pub const MAX_UNAVAILABLE: usize = 2;
/// Canary weights in percent, and the least time spent at each.
pub const CANARY_STEPS: [u64; 3] = [1, 10, 50];
pub const STEP_SECONDS: u64 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V1,
    V2,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    AllAtOnce,
    Rolling,
    BlueGreen,
    Canary,
}

impl Strategy {
    pub const ALL: [Strategy; 4] = [
        Strategy::AllAtOnce,
        Strategy::Rolling,
        Strategy::BlueGreen,
        Strategy::Canary,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Strategy::AllAtOnce => "all at once (Recreate)",
            Strategy::Rolling => "rolling (25% / 25%)",
            Strategy::BlueGreen => "blue-green",
            Strategy::Canary => "canary 1% > 10% > 50%",
        }
    }
}

/// What v1 and v2 do wrong, in permille of requests.
#[derive(Debug, Clone, Copy)]
pub struct Fault {
    pub v1_permille: u64,
    pub v2_permille: u64,
}

// ANCHOR: fails
/// Whether request `id` fails on `version`: the same answer in every
/// strategy, for a given seed.
pub fn fails(seed: u64, id: u64, version: Version, fault: Fault) -> bool {
    let salt = match version {
        Version::V1 => 0x5111,
        Version::V2 => 0x5222,
    };
    let mut rng = SplitMix64(seed ^ id.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt);
    let permille = match version {
        Version::V1 => fault.v1_permille,
        Version::V2 => fault.v2_permille,
    };
    rng.below(1000) < permille as usize
}
// ANCHOR_END: fails

#[derive(Debug, Clone, Copy)]
struct Instance {
    version: Version,
    ready_at: u64,
}

impl Instance {
    fn ready(&self, now: u64) -> bool {
        self.ready_at <= now
    }
}

/// What one run measured. Times are seconds after `RELEASE_AT`.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Requests that failed because of the release: on v2, or for want of
    /// a ready instance.
    pub failed_by_release: u64,
    pub served_by_v2: u64,
    /// Requests that found no ready instance.
    pub no_instance: u64,
    pub detected_after: Option<u64>,
    /// From the decision to the last second in which v2 served a request
    /// or a request found no instance.
    pub rolled_back_in: Option<u64>,
    pub promoted_after: Option<u64>,
    pub peak_instances: usize,
    /// Per second: (requests, failed).
    pub per_second: Vec<(u64, u64)>,
}

/// The rolling update one Deployment controller makes each second: remove
/// instances of the wrong version while at least `DESIRED -
/// MAX_UNAVAILABLE` stay ready (not-ready ones first), then start instances
/// of `target` while the total stays within `DESIRED + MAX_SURGE`.
fn rolling_step(fleet: &mut Vec<Instance>, target: Version, now: u64) {
    let min_ready = DESIRED - MAX_UNAVAILABLE;
    fleet.sort_by_key(|i| (i.version == target, i.ready(now)));
    loop {
        let ready = fleet.iter().filter(|i| i.ready(now)).count();
        let Some(first) = fleet.first().copied() else {
            break;
        };
        if first.version == target {
            break;
        }
        if first.ready(now) && ready - 1 < min_ready {
            break;
        }
        fleet.remove(0);
    }
    let mut new = fleet.iter().filter(|i| i.version == target).count();
    while fleet.len() < DESIRED + MAX_SURGE && new < DESIRED {
        fleet.push(Instance {
            version: target,
            ready_at: now + STARTUP,
        });
        new += 1;
    }
}

fn start(version: Version, n: usize, now: u64) -> Vec<Instance> {
    vec![
        Instance {
            version,
            ready_at: now + STARTUP
        };
        n
    ]
}

fn ready_v1() -> Vec<Instance> {
    vec![
        Instance {
            version: Version::V1,
            ready_at: 0
        };
        DESIRED
    ]
}

/// Runs one strategy on one seed. `judge` decides rollbacks and, for the
/// canary, when a step may advance.
pub fn run(strategy: Strategy, seed: u64, fault: Fault, judge: Judge) -> Report {
    simulate(strategy, seed, fault, judge, false)
}

/// The same run, stopped as soon as the release is promoted or rolled
/// back: enough to count verdicts over many seeds.
pub fn decide(strategy: Strategy, seed: u64, fault: Fault, judge: Judge) -> Report {
    simulate(strategy, seed, fault, judge, true)
}

fn simulate(strategy: Strategy, seed: u64, fault: Fault, judge: Judge, stop: bool) -> Report {
    // Blue (the serving pool) and, for blue-green and canary, a second pool.
    let mut main = ready_v1();
    let mut other: Vec<Instance> = Vec::new();
    let mut target = Version::V1;
    let mut rolled_back = false;
    let mut to_other = false;
    let mut canary_step: Option<usize> = None;
    let mut step_started = 0;
    let mut baseline = Counts::default();
    let mut canary = Counts::default();
    let mut rng = SplitMix64(seed.wrapping_add(0xC0FF_EE00));
    let mut report = Report {
        failed_by_release: 0,
        served_by_v2: 0,
        no_instance: 0,
        detected_after: None,
        rolled_back_in: None,
        promoted_after: None,
        peak_instances: DESIRED,
        per_second: Vec::new(),
    };
    let mut last_bad_second = None;
    for now in 0..END {
        if stop && (rolled_back || report.promoted_after.is_some()) {
            break;
        }
        // 1. The strategy acts on what it has seen so far.
        if now == RELEASE_AT {
            match strategy {
                Strategy::AllAtOnce => main = start(Version::V2, DESIRED, now),
                Strategy::Rolling => target = Version::V2,
                Strategy::BlueGreen => other = start(Version::V2, DESIRED, now),
                Strategy::Canary => other = start(Version::V2, 1, now),
            }
        }
        let judging = now > RELEASE_AT && (now - RELEASE_AT).is_multiple_of(judge.every);
        if judging && !rolled_back && report.promoted_after.is_none() {
            if judge.verdict(baseline, canary) == Verdict::Rollback {
                rolled_back = true;
                report.detected_after = Some(now - RELEASE_AT);
                match strategy {
                    Strategy::AllAtOnce => main = start(Version::V1, DESIRED, now),
                    Strategy::Rolling => target = Version::V1,
                    Strategy::BlueGreen | Strategy::Canary => {
                        to_other = false;
                        canary_step = None;
                        other.clear();
                    }
                }
            } else if strategy == Strategy::Canary {
                // A step advances once its time is up and the judge has
                // seen enough to pass it.
                if let Some(step) = canary_step
                    && now - step_started >= STEP_SECONDS
                    && judge.verdict(baseline, canary) == Verdict::Pass
                {
                    if step + 1 == CANARY_STEPS.len() {
                        report.promoted_after = Some(now - RELEASE_AT);
                    } else {
                        canary_step = Some(step + 1);
                        step_started = now;
                    }
                }
            }
        }
        if strategy == Strategy::Rolling {
            rolling_step(&mut main, target, now);
        }
        if strategy == Strategy::BlueGreen
            && !rolled_back
            && !other.is_empty()
            && other.iter().all(|i| i.ready(now))
        {
            to_other = true;
        }
        if strategy == Strategy::Canary
            && now >= RELEASE_AT
            && !rolled_back
            && report.promoted_after.is_none()
        {
            let step = canary_step.unwrap_or(0);
            // One canary instance per 10% of weight, rounded up.
            let wanted = (CANARY_STEPS[step] as usize * DESIRED).div_ceil(100);
            while other.len() < wanted {
                other.extend(start(Version::V2, 1, now));
            }
            if canary_step.is_none() && other.iter().all(|i| i.ready(now)) {
                canary_step = Some(0);
                step_started = now;
            }
        }
        report.peak_instances = report.peak_instances.max(main.len() + other.len());

        // 2. This second's requests.
        let weight = match (strategy, canary_step) {
            (Strategy::Canary, Some(step)) if !rolled_back => {
                // The weight changes only once the step's instances are up.
                if other.iter().all(|i| i.ready(now)) {
                    CANARY_STEPS[step]
                } else {
                    CANARY_STEPS[step.saturating_sub(1)]
                }
            }
            (Strategy::BlueGreen, _) if to_other => 100,
            _ => 0,
        };
        let (mut requests, mut failed, mut bad) = (0, 0, false);
        let ready_main: Vec<Version> = main
            .iter()
            .filter(|x| x.ready(now))
            .map(|x| x.version)
            .collect();
        let ready_other: Vec<Version> = other
            .iter()
            .filter(|x| x.ready(now))
            .map(|x| x.version)
            .collect();
        for i in 0..RATE {
            let id = now * RATE + i;
            let ready = if (rng.below(100) as u64) < weight {
                &ready_other
            } else {
                &ready_main
            };
            requests += 1;
            if ready.is_empty() {
                failed += 1;
                report.failed_by_release += 1;
                report.no_instance += 1;
                bad = true;
                continue;
            }
            let version = ready[rng.below(ready.len())];
            let failure = fails(seed, id, version, fault);
            failed += u64::from(failure);
            match version {
                Version::V1 => baseline.record(failure),
                Version::V2 => {
                    canary.record(failure);
                    report.served_by_v2 += 1;
                    report.failed_by_release += u64::from(failure);
                    bad = true;
                }
            }
        }
        if bad {
            last_bad_second = Some(now);
        }
        report.per_second.push((requests, failed));
    }
    if let (Some(detected), Some(last)) = (report.detected_after, last_bad_second) {
        let decided = RELEASE_AT + detected;
        report.rolled_back_in = Some((last + 1).saturating_sub(decided));
    }
    report
}
