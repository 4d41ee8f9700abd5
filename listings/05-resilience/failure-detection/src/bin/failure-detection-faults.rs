//! Fencing under faults, over many seeds:
//! `cargo run --release -p failure-detection --bin failure-detection-faults -- fencing --seeds 1000`
//! sweeps seeds 0 to 999 (pauses, partitions from the lock service, slow
//! writes, drifting clocks); `-- client-clock --seed 3` replays one seed
//! and prints its faults, its trace and the verdict.
//!
//! It prints the lines `cargo xtask test --step faults` reads, like the
//! `fault-sweep` crate's binaries, with a simulation of its own.

use std::process::ExitCode;

use seeded::sweep::{self, Mode};

use failure_detection::fencing::{self, Schedule, Variant};

const PROPERTY: &str = "fenced";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let names: Vec<&str> = Variant::ALL.iter().map(|v| v.name()).collect();
    let parsed = sweep::parse_variant(&args, Variant::from_name);
    match parsed {
        Ok((variant, Mode::Sweep(seeds))) => sweep(variant, seeds),
        Ok((variant, Mode::Replay(seed))) => replay(variant, seed),
        Err(message) => return sweep::usage_error("failure-detection-faults", &message, &names),
    }
    ExitCode::SUCCESS
}

fn sweep(variant: Variant, seeds: u64) {
    let mut broken = 0;
    let mut stale_total = 0;
    for seed in 0..seeds {
        let outcome = fencing::run(variant, seed, &Schedule::generate(seed));
        if let Some(first) = outcome.stale_accepted.first() {
            if broken < 3 {
                println!(
                    "violation at seed {seed}: at {} ms the storage accepted token {} after a higher one",
                    first.at, first.token
                );
                println!(
                    "  replay: cargo run --release -p failure-detection --bin failure-detection-faults -- {} --seed {seed}",
                    variant.name()
                );
            }
            broken += 1;
            stale_total += outcome.stale_accepted.len();
        }
    }
    println!(
        "{}: {stale_total} stale writes accepted in all",
        variant.name()
    );
    println!(
        "summary: {}: {seeds} seeds, {broken} not {PROPERTY}",
        variant.name()
    );
}

fn replay(variant: Variant, seed: u64) {
    let schedule = Schedule::generate(seed);
    println!("{} seed {seed}: {schedule:?}", variant.name());
    let outcome = fencing::run(variant, seed, &schedule);
    for line in &outcome.trace {
        println!("  {line}");
    }
    match outcome.stale_accepted.first() {
        Some(w) => println!(
            "verdict: not {PROPERTY}: at {} ms the storage accepted token {} after a higher one",
            w.at, w.token
        ),
        None => println!("verdict: {PROPERTY}"),
    }
}
