//! The reconcile loop under faults, over many seeds:
//! `cargo run --release -p releasing --bin releasing-faults -- level --seeds 1000`
//! sweeps seeds 0 to 999 (crashes, failed starts, lost events, a controller
//! restart); `-- edge --seed 3` replays one seed and prints its faults, its
//! trace and the verdict.
//!
//! It prints the lines `cargo xtask test --step faults` reads.

use std::process::ExitCode;

use seeded::sweep::{self, Mode};

use releasing::reconcile::{self, BOUND, FAULTS_END, Schedule, Variant};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let names: Vec<&str> = Variant::ALL.iter().map(|v| v.name()).collect();
    let parsed = sweep::parse_variant(&args, Variant::from_name);
    match parsed {
        Ok((variant, Mode::Sweep(seeds))) => run_sweep(variant, seeds),
        Ok((variant, Mode::Replay(seed))) => replay(variant, seed),
        Err(message) => return sweep::usage_error("releasing-faults", &message, &names),
    }
    ExitCode::SUCCESS
}

fn run_sweep(variant: Variant, seeds: u64) {
    let broken: Vec<u64> = sweep::every_seed(seeds, |seed| {
        reconcile::holds(&reconcile::run(variant, seed, &Schedule::generate(seed)))
    })
    .into_iter()
    .filter(|(_, held)| !held)
    .map(|(seed, _)| seed)
    .collect();
    for seed in broken.iter().take(3) {
        println!(
            "violation at seed {seed}: not converged by {} s",
            FAULTS_END + BOUND
        );
        println!(
            "  replay: cargo run --release -p releasing --bin releasing-faults -- {} --seed {seed}",
            variant.name()
        );
    }
    println!(
        "summary: {}: {seeds} seeds, {} not converged",
        variant.name(),
        broken.len()
    );
}

fn replay(variant: Variant, seed: u64) {
    let schedule = Schedule::generate(seed);
    println!("{} seed {seed}: {schedule:?}", variant.name());
    let outcome = reconcile::run(variant, seed, &schedule);
    for line in &outcome.trace {
        println!("{line}");
    }
    match outcome.converged_at {
        Some(t) if reconcile::holds(&outcome) => println!("verdict: converged at {t} s"),
        Some(t) => println!(
            "verdict: not converged by {} s (only at {t} s)",
            FAULTS_END + BOUND
        ),
        None => println!("verdict: not converged by the end, {} s", reconcile::END),
    }
}
