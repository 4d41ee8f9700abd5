//! `cargo run -p circuit-breaker`: one outage of the payments service, met
//! first by a bare caller and then by a caller behind a circuit breaker,
//! with both timelines and the numbers that separate them.
//!
//! `cargo run -p circuit-breaker -- naive`: the bare caller alone.

use std::time::Duration;

use circuit_breaker::Config;
use circuit_breaker::scenario::{self, Report, Scenario};

// ANCHOR: demo
// ANCHOR: outage
const OUTAGE: Scenario = Scenario {
    requests: 60,
    interval: Duration::from_millis(100),
    timeout: Duration::from_millis(450),
    latency: Duration::from_millis(20),
    outage_from: Duration::from_millis(1000),
    outage_to: Duration::from_millis(4000),
};
// ANCHOR_END: outage

// ANCHOR: breaker_config
const BREAKER: Config = Config {
    failure_threshold: 5,
    cool_down: Duration::from_millis(1000),
    half_open_max_probes: 1,
};
// ANCHOR_END: breaker_config
// ANCHOR_END: demo

fn print_timeline(report: &Report, config: Option<Config>) {
    for line in scenario::timeline(report, config) {
        println!("{line}");
    }
}

fn print_header() {
    println!(
        "payments is down from {} ms to {} ms; one charge every {} ms, {} in all; timeout {} ms",
        OUTAGE.outage_from.as_millis(),
        OUTAGE.outage_to.as_millis(),
        OUTAGE.interval.as_millis(),
        OUTAGE.requests,
        OUTAGE.timeout.as_millis(),
    );
    println!();
}

// The paused clock jumps straight to the next timer whenever every task is
// waiting, so the virtual seconds below pass in a few real milliseconds.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let naive_only = match std::env::args().nth(1).as_deref() {
        None => false,
        Some("naive") => true,
        Some(other) => {
            eprintln!("unknown argument {other:?}; usage: circuit-breaker [naive]");
            std::process::exit(2);
        }
    };
    let naive = scenario::run(&OUTAGE, None)
        .await
        .expect("no breaker, no config");
    print_header();
    println!("without a breaker:");
    print_timeline(&naive, None);
    println!();
    if naive_only {
        println!(
            "calls that reached payments while it was down: {}",
            naive.reached_while_down
        );
        println!("time callers spent waiting: {} ms", naive.waited_ms());
        return;
    }

    let guarded = scenario::run(&OUTAGE, Some(BREAKER))
        .await
        .expect("BREAKER is a valid config");
    println!(
        "with a breaker (trips after {} failures in a row, cool-down {} ms, {} probe):",
        BREAKER.failure_threshold,
        BREAKER.cool_down.as_millis(),
        BREAKER.half_open_max_probes,
    );
    print_timeline(&guarded, Some(BREAKER));
    println!();
    println!("same outage, both callers:");
    println!(
        "calls that reached payments while it was down: naive {}, breaker {}",
        naive.reached_while_down, guarded.reached_while_down
    );
    println!(
        "time callers spent waiting: naive {} ms, breaker {} ms",
        naive.waited_ms(),
        guarded.waited_ms()
    );
    println!(
        "calls answered at once without touching payments: naive {}, breaker {}",
        naive.failed_fast(),
        guarded.failed_fast()
    );
    let fewer = f64::from(naive.reached_while_down) / f64::from(guarded.reached_while_down.max(1));
    println!("the breaker sent {fewer:.1}x fewer calls into the outage");
}

/// The outage and the breaker above, for `src/bin/figures.rs`: it compiles
/// this file as a module, so its timeline draws this very scenario.
#[allow(dead_code)]
pub(crate) const DEMO: (Scenario, Config) = (OUTAGE, BREAKER);
