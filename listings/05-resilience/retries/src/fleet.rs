//! A discrete-event simulation of many clients retrying against one
//! server that is down, then back with limited capacity.
//!
//! Time is a whole number of virtual milliseconds. Events run in time
//! order, ties by client number, and the only randomness is each client's
//! seeded jitter, so a run repeats exactly.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use seeded::SplitMix64;

use crate::backoff::{Backoff, Schedule};

// ANCHOR: fault
/// The outage every schedule faces.
#[derive(Clone, Copy, Debug)]
pub struct Fault {
    /// Clients whose requests all failed at 0 ms, when the server went down.
    pub clients: u32,
    /// Until then every call fails.
    pub recovers_at_ms: u64,
    /// After that the server serves this many calls per slot and refuses
    /// the rest (an overloaded server's 503).
    pub capacity_per_slot: u32,
    pub slot_ms: u64,
    /// A call's answer, success or failure, arrives this long after it left.
    pub round_trip_ms: u64,
    pub seed: u64,
}
// ANCHOR_END: fault

/// What one schedule cost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub schedule: Schedule,
    /// Every call any client made, first attempts included.
    pub calls: u64,
    /// Calls that arrived while the server was down.
    pub calls_in_outage: u64,
    /// Calls the recovered server refused because its slot was full.
    pub refused_after_recovery: u64,
    /// The most calls that arrived in one slot once the server was back.
    pub peak_per_slot: u32,
    /// When the last client got its answer.
    pub last_success_ms: u64,
    /// Calls that arrived in each slot, from 0 ms.
    pub load: Vec<u32>,
}

/// Runs every client until its request succeeds.
pub fn run(fault: &Fault, backoff: &Backoff, schedule: Schedule) -> Report {
    let mut rngs: Vec<SplitMix64> = (0..fault.clients)
        .map(|c| SplitMix64(fault.seed.wrapping_add(u64::from(c))))
        .collect();
    let mut retries = vec![0u32; fault.clients as usize];
    let mut queue: BinaryHeap<Reverse<(u64, u32)>> =
        (0..fault.clients).map(|c| Reverse((0, c))).collect();
    let mut load: Vec<u32> = Vec::new();
    let mut served: Vec<u32> = Vec::new();
    let mut report = Report {
        schedule,
        calls: 0,
        calls_in_outage: 0,
        refused_after_recovery: 0,
        peak_per_slot: 0,
        last_success_ms: 0,
        load: Vec::new(),
    };

    while let Some(Reverse((at, client))) = queue.pop() {
        let slot = (at / fault.slot_ms) as usize;
        if load.len() <= slot {
            load.resize(slot + 1, 0);
            served.resize(slot + 1, 0);
        }
        load[slot] += 1;
        report.calls += 1;
        let ok = if at < fault.recovers_at_ms {
            report.calls_in_outage += 1;
            false
        } else if served[slot] < fault.capacity_per_slot {
            served[slot] += 1;
            true
        } else {
            report.refused_after_recovery += 1;
            false
        };
        let answered = at + fault.round_trip_ms;
        if ok {
            report.last_success_ms = report.last_success_ms.max(answered);
            continue;
        }
        let c = client as usize;
        let wait = backoff.delay(schedule, retries[c], &mut rngs[c]);
        retries[c] += 1;
        queue.push(Reverse((answered + wait, client)));
    }

    let first_up_slot = (fault.recovers_at_ms / fault.slot_ms) as usize;
    report.peak_per_slot = load.iter().skip(first_up_slot).copied().max().unwrap_or(0);
    report.load = load;
    report
}
