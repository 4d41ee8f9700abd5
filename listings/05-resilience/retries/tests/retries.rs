//! Pins the schedules, the simulation and the decisions the chapter
//! relies on.

use retries::backoff::Schedule;
use retries::classify::{Decision, Failure, decide};
use retries::fleet::{self, Fault};
use retries::setup::{BACKOFF, FAULT};
use retries::storm;
use seeded::SplitMix64;
use tower::retry::budget::TpsBudget;

// Pins: no jitter doubles from the base up to the cap; immediate never waits.
#[test]
fn exponential_doubles_up_to_the_cap() {
    let mut rng = SplitMix64(1);
    let waits: Vec<u64> = (0..9)
        .map(|r| BACKOFF.delay(Schedule::Exponential, r, &mut rng))
        .collect();
    assert_eq!(waits, [10, 20, 40, 80, 160, 320, 640, 1000, 1000]);
    assert_eq!(BACKOFF.delay(Schedule::Immediate, 5, &mut rng), 0);
    assert_eq!(BACKOFF.delay(Schedule::Exponential, 200, &mut rng), 1000);
}

// Pins: full jitter draws from 0..=ceiling, equal jitter from
// ceiling/2..=ceiling, and both reach both ends of their range.
#[test]
fn jitter_ranges_match_brooker() {
    let mut rng = SplitMix64(7);
    let full: Vec<u64> = (0..2000)
        .map(|_| BACKOFF.delay(Schedule::FullJitter, 2, &mut rng))
        .collect();
    assert!(full.iter().all(|&w| w <= 40));
    assert!(full.contains(&0) && full.contains(&40));
    let equal: Vec<u64> = (0..2000)
        .map(|_| BACKOFF.delay(Schedule::EqualJitter, 2, &mut rng))
        .collect();
    assert!(equal.iter().all(|&w| (20..=40).contains(&w)));
    assert!(equal.contains(&20) && equal.contains(&40));
}

// Pins: without jitter every client retries in the same slot (peak = all
// clients) and the waves drain 10 per cap; full jitter spreads them.
#[test]
fn no_jitter_retries_in_waves() {
    let plain = fleet::run(&FAULT, &BACKOFF, Schedule::Exponential);
    assert_eq!(plain.peak_per_slot, FAULT.clients);
    assert_eq!(plain.calls, 1250);
    assert_eq!(plain.last_success_ms, 10440);
    let full = fleet::run(&FAULT, &BACKOFF, Schedule::FullJitter);
    assert!(full.peak_per_slot <= FAULT.capacity_per_slot);
    assert!(full.last_success_ms < plain.last_success_ms / 4);
}

// Pins the reveal of the editable setup: a server that can take all 100 at
// once absorbs the single wave, and no jitter then beats both jitters.
#[test]
fn a_big_enough_server_absorbs_the_wave() {
    let roomy = Fault {
        capacity_per_slot: 100,
        ..FAULT
    };
    let run = |s| fleet::run(&roomy, &BACKOFF, s);
    let plain = run(Schedule::Exponential);
    assert_eq!((plain.calls, plain.last_success_ms), (800, 1350));
    let immediate = run(Schedule::Immediate);
    assert_eq!((immediate.calls, immediate.last_success_ms), (10100, 1010));
    assert_eq!(run(Schedule::FullJitter).calls, 923);
    assert_eq!(run(Schedule::EqualJitter).calls, 843);
    assert_eq!(run(Schedule::FullJitter).last_success_ms, 1827);
}

// Pins: immediate retries call every round trip through the whole outage.
#[test]
fn immediate_retries_hammer_the_outage() {
    let r = fleet::run(&FAULT, &BACKOFF, Schedule::Immediate);
    let per_client = FAULT.recovers_at_ms / FAULT.round_trip_ms;
    assert_eq!(r.calls_in_outage, u64::from(FAULT.clients) * per_client);
}

// Pins: the same seed gives the same run; every client finishes.
#[test]
fn runs_are_deterministic_and_complete() {
    for schedule in Schedule::ALL {
        let a = fleet::run(&FAULT, &BACKOFF, schedule);
        let b = fleet::run(&FAULT, &BACKOFF, schedule);
        assert_eq!(a, b);
        let successes = a.calls - a.calls_in_outage - a.refused_after_recovery;
        assert_eq!(successes, u64::from(FAULT.clients));
    }
}

// Pins: three layers of 4 attempts make 4^3 = 64 database calls a request.
#[test]
fn three_retrying_layers_multiply_by_64() {
    let mut layers = storm::chain(|| None);
    storm::run(&mut layers, 10, 4);
    let calls: Vec<u64> = layers.iter().map(|l| l.received).collect();
    assert_eq!(calls, [10, 40, 160, 640]);
}

// Pins: with tower's budget (reserve 10 retries, 10% of deposits) each layer
// adds at most 10% plus the reserve.
#[test]
fn a_budget_caps_each_layer() {
    let mut layers =
        storm::chain(|| Some(TpsBudget::new(std::time::Duration::from_secs(10), 1, 0.1)));
    storm::run(&mut layers, 1000, 4);
    let calls: Vec<u64> = layers.iter().map(|l| l.received).collect();
    assert_eq!(calls, [1000, 1110, 1231, 1364]);
}

// Pins: the retry rules of the errors table.
#[test]
fn which_failures_are_retried() {
    let s = |code, retry_after_s| Failure::Status {
        code,
        retry_after_s,
    };
    assert_eq!(
        decide(Failure::ConnectRefused, false, 2000),
        Decision::Backoff
    );
    assert_eq!(decide(Failure::Timeout, true, 2000), Decision::Backoff);
    assert!(matches!(
        decide(Failure::Timeout, false, 2000),
        Decision::GiveUp(_)
    ));
    assert!(matches!(
        decide(s(400, None), true, 2000),
        Decision::GiveUp(_)
    ));
    assert!(matches!(
        decide(s(501, None), true, 2000),
        Decision::GiveUp(_)
    ));
    assert_eq!(
        decide(s(503, Some(1)), true, 2000),
        Decision::WaitAtLeast(1000)
    );
    assert_eq!(
        decide(s(503, Some(2)), true, 2000),
        Decision::WaitAtLeast(2000)
    );
    assert!(matches!(
        decide(s(429, Some(3)), true, 2000),
        Decision::GiveUp(_)
    ));
}
