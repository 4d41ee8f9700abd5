//! Runs every experiment of the chapter on a seeded simulated network and
//! prints what each side saw. Same seed, same output: run it twice.
//!
//! `cargo run -p lossy-rpc` runs them all; pass one section to run only it:
//! `observe`, `naive`, `retry`, `ids`, `one-timeout` or `partition`.

use std::time::Duration;

use lossy_rpc::client::RetryPolicy;
use lossy_rpc::ledger::Mode;
use lossy_rpc::scenarios::{
    self, Cut, DEPOSIT_AMOUNT, DepositRun, Network, across_partition, one_timeout,
};

// ANCHOR: network
const LOSSY: Network = Network {
    seed: 7,
    fail_rate: 0.1, // chance that a send breaks the link
    min_latency: Duration::from_millis(5),
    max_latency: Duration::from_millis(200),
};
const POLICY: RetryPolicy = RetryPolicy {
    timeout: Duration::from_millis(250), // per attempt
    max_attempts: 5,
};
// ANCHOR_END: network
const DATAGRAMS: u32 = 20;
const DEPOSITS: u32 = 20;

/// The sections, in the order a full run prints them.
const SECTIONS: [&str; 6] = [
    "observe",
    "naive",
    "retry",
    "ids",
    "one-timeout",
    "partition",
];

fn main() {
    let wanted: Vec<&str> = match std::env::args().nth(1) {
        None => SECTIONS.to_vec(),
        Some(arg) => match SECTIONS.iter().find(|s| **s == arg) {
            Some(section) => vec![*section],
            None => {
                eprintln!("unknown section {arg:?}; expected one of {SECTIONS:?}");
                std::process::exit(2);
            }
        },
    };
    let lossy = wanted
        .iter()
        .any(|s| ["observe", "naive", "retry", "ids"].contains(s));
    if lossy {
        println!(
            "Network: seed {}, one-way latency {} to {} ms",
            LOSSY.seed,
            LOSSY.min_latency.as_millis(),
            LOSSY.max_latency.as_millis()
        );
        println!(
            "a send breaks the link with probability {}, dropping it and every datagram in flight",
            LOSSY.fail_rate
        );
    }
    let mut deposits_header = false;
    // A blank line between sections, none before the first line printed.
    let mut printed = lossy;
    for section in wanted {
        let continues_deposits = matches!(section, "naive" | "retry" | "ids") && deposits_header;
        if printed && !continues_deposits {
            println!();
        }
        printed = true;
        match section {
            "observe" => observe_section(),
            "naive" | "retry" | "ids" => {
                if !deposits_header {
                    deposits_header = true;
                    let expected = u64::from(DEPOSITS) * DEPOSIT_AMOUNT;
                    println!(
                        "2. {DEPOSITS} deposits of {DEPOSIT_AMOUNT}, expected balance {expected}"
                    );
                }
                deposits_row(section);
            }
            "one-timeout" => one_timeout_section(),
            _ => partition_section(),
        }
    }
}

fn observe_section() {
    println!("1. {DATAGRAMS} numbered datagrams, sent 1 ms apart");
    let arrivals = scenarios::observe(LOSSY, DATAGRAMS);
    let order: Vec<String> = arrivals.iter().map(|a| a.seq.to_string()).collect();
    let lost: Vec<String> = (1..=DATAGRAMS)
        .filter(|seq| !arrivals.iter().any(|a| a.seq == *seq))
        .map(|seq| seq.to_string())
        .collect();
    let overtaken = arrivals
        .windows(2)
        .filter(|pair| pair[1].seq < pair[0].seq)
        .count();
    let latencies = arrivals.iter().map(|a| a.latency_ms);
    println!("   arrival order: {}", order.join(" "));
    println!(
        "   lost: {}",
        if lost.is_empty() {
            "none".into()
        } else {
            lost.join(" ")
        }
    );
    println!("   arrivals after a higher number: {overtaken}");
    println!(
        "   latency: min {} ms, max {} ms",
        latencies.clone().min().unwrap_or(0),
        latencies.max().unwrap_or(0)
    );
}

fn deposits_row(section: &str) {
    match section {
        "naive" => print_run(
            "naive (no timeout)",
            &scenarios::run_naive(LOSSY, DEPOSITS, Duration::from_secs(60)),
        ),
        "retry" => print_run(
            "timeout + retry",
            &scenarios::run_with_retry(LOSSY, DEPOSITS, POLICY, Mode::ApplyEvery),
        ),
        _ => print_run(
            "retry + request ids",
            &scenarios::run_with_retry(LOSSY, DEPOSITS, POLICY, Mode::ApplyOnce),
        ),
    }
}

fn one_timeout_section() {
    println!(
        "3. One deposit, one attempt of {} ms, one direction cut",
        POLICY.timeout.as_millis()
    );
    let once = RetryPolicy {
        max_attempts: 1,
        ..POLICY
    };
    for (label, cut) in [("request lost", Cut::Request), ("reply lost", Cut::Reply)] {
        let seen = one_timeout(cut, once);
        println!(
            "   {label:<13} client saw: {:<32} ledger applied it: {} time(s)",
            seen.client_saw, seen.applied
        );
    }
}

fn partition_section() {
    println!("4. A partition that outlasts the retries, then heals");
    let run = across_partition(POLICY);
    println!("   during:       {}", run.during);
    println!("   after repair: {}", run.after_repair);
}

fn print_run(label: &str, run: &DepositRun) {
    let ending = match (&run.hung_after, &run.gave_up) {
        (Some(limit), _) => format!("still waiting at the {} s limit", limit.as_secs()),
        (None, Some(why)) => format!("gave up on {why}"),
        (None, None) => "finished".to_string(),
    };
    println!(
        "   {label:<20} receipts {:>2}/{DEPOSITS}, attempts {:>2}, applied {:>2}, balance {:>3}: {ending}",
        run.completed, run.attempts, run.applied, run.balance
    );
}
