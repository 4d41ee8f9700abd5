//! `cargo run -p retries -- backoff`: four retry schedules on one outage.
//! `cargo run -p retries -- storm`: three retrying layers, without and with
//! a retry budget.
//! `cargo run -p retries -- errors`: which failures are retried, and when.
//! With no argument, all three.

use std::time::Duration;

use retries::backoff::Schedule;
use retries::classify::{self, Failure};
use retries::fleet;
use retries::setup::{BACKOFF, FAULT};
use retries::storm;
use tower::retry::budget::TpsBudget;

fn backoff() {
    println!(
        "{} clients fail at 0 ms; the server is down until {} ms, then serves {} calls per {} ms",
        FAULT.clients, FAULT.recovers_at_ms, FAULT.capacity_per_slot, FAULT.slot_ms
    );
    println!(
        "backoff base {} ms, cap {} ms; every call takes {} ms; clients retry until they succeed",
        BACKOFF.base_ms, BACKOFF.cap_ms, FAULT.round_trip_ms
    );
    println!();
    println!(
        "{:<24}{:>7}{:>11}{:>10}{:>13}{:>14}",
        "schedule", "calls", "in outage", "refused", "peak/10 ms", "all done at"
    );
    for schedule in Schedule::ALL {
        let r = fleet::run(&FAULT, &BACKOFF, schedule);
        println!(
            "{:<24}{:>7}{:>11}{:>10}{:>13}{:>11} ms",
            schedule.name(),
            r.calls,
            r.calls_in_outage,
            r.refused_after_recovery,
            r.peak_per_slot,
            r.last_success_ms
        );
    }
}

const REQUESTS: u64 = 1000;
const ATTEMPTS: u32 = 4;

// ANCHOR: budget
/// tower's budget: deposits count for 10 s, a reserve of 1 retry per
/// second, and 10% of the requests deposited may be retried.
fn budget() -> Option<TpsBudget> {
    Some(TpsBudget::new(Duration::from_secs(10), 1, 0.1))
}
// ANCHOR_END: budget

fn print_chain(title: &str, layers: &[storm::Layer]) {
    println!("{title}");
    println!(
        "{:<12}{:>10}{:>14}{:>18}",
        "layer", "calls", "per request", "budget said no"
    );
    for layer in layers {
        println!(
            "{:<12}{:>10}{:>14.2}{:>18}",
            layer.name,
            layer.received,
            layer.received as f64 / REQUESTS as f64,
            layer.retries_refused
        );
    }
}

fn storm() {
    println!(
        "{REQUESTS} user requests; api -> orders -> inventory -> database; the database is down"
    );
    println!("each of api, orders and inventory makes up to {ATTEMPTS} attempts per call");
    println!();
    let mut plain = storm::chain(|| None);
    storm::run(&mut plain, REQUESTS, ATTEMPTS);
    print_chain("no budget:", &plain);
    println!();
    let mut budgeted = storm::chain(budget);
    storm::run(&mut budgeted, REQUESTS, ATTEMPTS);
    print_chain(
        "tower TpsBudget at every layer (10 s, 1 retry/s reserve, 10%):",
        &budgeted,
    );
    let bottom = |layers: &[storm::Layer]| layers.last().map_or(0, |l| l.received);
    println!();
    println!(
        "database calls: {} without a budget, {} with one ({:.1}x fewer)",
        bottom(&plain),
        bottom(&budgeted),
        bottom(&plain) as f64 / bottom(&budgeted) as f64
    );
}

fn errors() {
    let deadline_left_ms = 2000;
    println!("deadline left: {deadline_left_ms} ms");
    println!("{:<24}{:<36}plain write", "failure", "read or keyed write");
    let cases = [
        ("connection refused", Failure::ConnectRefused),
        ("timeout", Failure::Timeout),
        ("500", status(500, None)),
        ("503", status(503, None)),
        ("503, Retry-After: 1", status(503, Some(1))),
        ("429, Retry-After: 30", status(429, Some(30))),
        ("400", status(400, None)),
        ("404", status(404, None)),
    ];
    for (name, failure) in cases {
        let safe = classify::decide(failure, true, deadline_left_ms);
        let unsafe_write = classify::decide(failure, false, deadline_left_ms);
        println!("{:<24}{:<36}{}", name, show(safe), show(unsafe_write));
    }
}

fn status(code: u16, retry_after_s: Option<u64>) -> Failure {
    Failure::Status {
        code,
        retry_after_s,
    }
}

fn show(decision: classify::Decision) -> String {
    match decision {
        classify::Decision::Backoff => "retry, backoff".to_string(),
        classify::Decision::WaitAtLeast(ms) => format!("retry after {ms} ms"),
        classify::Decision::GiveUp(why) => format!("give up: {why}"),
    }
}

// The paused clock never moves here (nothing awaits), so the budget's
// deposits never expire during the run and every number repeats exactly.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("backoff") => backoff(),
        Some("storm") => storm(),
        Some("errors") => errors(),
        None => {
            backoff();
            println!();
            storm();
            println!();
            errors();
        }
        Some(other) => {
            eprintln!("unknown argument {other:?}; usage: retries [backoff|storm|errors]");
            std::process::exit(2);
        }
    }
}
