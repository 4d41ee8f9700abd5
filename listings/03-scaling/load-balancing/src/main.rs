//! The five balancers on the chapter's fleet, side by side; with `slower`,
//! the same balancers after the slow server has become four times slower
//! still; with `stale`, the two adaptive balancers deciding on counts that
//! are refreshed only every 70 requests. Deterministic: a virtual clock and
//! seeded random numbers, so every figure is the same on every run.

use load_balancing::fleet::{FLEET, Fleet, LOAD_PER_SECOND, run};
use load_balancing::policy::{
    Balancer, LeastConnections, PowerOfTwo, Random, RoundRobin, Stale, Weighted,
};

const REQUESTS: usize = 100_000;
const SEED: u64 = 11;
/// For `stale`: the counts are copied once every this many requests, about
/// every 10 ms at 7,000 requests a second.
const STALE_EVERY: usize = 70;

fn main() {
    let mode = std::env::args().nth(1);
    let fleet = match mode.as_deref() {
        None | Some("stale") => FLEET,
        Some("slower") => Fleet {
            slow_factor: 20.0,
            ..FLEET
        },
        Some(other) => {
            eprintln!("unknown argument {other:?}: run with no argument, `slower` or `stale`");
            std::process::exit(2);
        }
    };
    println!(
        "{} servers, server {} is {}x slower; {} requests a second ({:.0}% of capacity)",
        fleet.servers,
        fleet.slow,
        fleet.slow_factor,
        LOAD_PER_SECOND,
        100.0 * LOAD_PER_SECOND / fleet.capacity_per_second()
    );
    if mode.as_deref() == Some("stale") {
        let fresh: Vec<Box<dyn Balancer>> = vec![Box::new(LeastConnections), Box::new(PowerOfTwo)];
        table(fleet, "counts up to date on every request", fresh);
        let stale: Vec<Box<dyn Balancer>> = vec![
            Box::new(Stale::new(LeastConnections, STALE_EVERY)),
            Box::new(Stale::new(PowerOfTwo, STALE_EVERY)),
        ];
        let title = format!("counts copied every {STALE_EVERY} requests (about 10 ms)");
        table(fleet, &title, stale);
        return;
    }
    // ANCHOR: run
    // Weights in proportion to speed: 5 for a normal server, 1 for the
    // slow one, as an operator would set them for a 5x slower server.
    let mut weights = vec![5; FLEET.servers];
    weights[FLEET.slow] = 1;
    let balancers: Vec<Box<dyn Balancer>> = vec![
        Box::new(RoundRobin::default()),
        Box::new(Random),
        Box::new(Weighted::new(weights)),
        Box::new(LeastConnections),
        Box::new(PowerOfTwo),
    ];
    // ANCHOR_END: run
    table(fleet, "", balancers);
}

/// One row per balancer, under an optional title.
fn table(fleet: Fleet, title: &str, balancers: Vec<Box<dyn Balancer>>) {
    println!();
    if !title.is_empty() {
        println!("{title}");
    }
    println!("balancer               p50 ms    p99 ms  p99.9 ms  to the slow server");
    for mut balancer in balancers {
        let report = run(fleet, balancer.as_mut(), LOAD_PER_SECOND, REQUESTS, SEED);
        println!(
            "{:<21} {:>7.1}  {:>8.1}  {:>8.1}  {:>17.1}%",
            balancer.name(),
            report.p50_ms,
            report.p99_ms,
            report.p999_ms,
            100.0 * report.slow_share
        );
    }
}
