//! Fencing under faults, over many seeds:
//! `cargo run --release -p failure-detection --bin failure-detection-faults -- fencing --seeds 1000`
//! sweeps seeds 0 to 999 (pauses, partitions from the lock service, slow
//! writes, drifting clocks); `-- client-clock --seed 3` replays one seed
//! and prints its faults, its trace and the verdict.
//!
//! It prints the lines `cargo xtask test --step faults` reads, like the
//! `fault-sweep` crate's binaries, with a simulation of its own.

use std::process::ExitCode;

use failure_detection::fencing::{self, Schedule, Variant};

const USAGE: &str = "usage: failure-detection-faults <variant> [--seeds N | --seed S]";
const PROPERTY: &str = "fenced";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse(&args) {
        Ok((variant, Mode::Sweep(seeds))) => sweep(variant, seeds),
        Ok((variant, Mode::Replay(seed))) => replay(variant, seed),
        Err(message) => {
            let names: Vec<&str> = Variant::ALL.iter().map(|v| v.name()).collect();
            eprintln!("error: {message}\n{USAGE}\nvariants: {}", names.join(", "));
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

enum Mode {
    Sweep(u64),
    Replay(u64),
}

fn parse(args: &[String]) -> Result<(Variant, Mode), String> {
    let name = args.first().ok_or("no variant given")?;
    let variant = Variant::from_name(name).ok_or(format!("unknown variant `{name}`"))?;
    let number = |i: usize| -> Result<u64, String> {
        let text = args.get(i).ok_or("a number must follow the flag")?;
        text.parse().map_err(|_| format!("not a number: `{text}`"))
    };
    match args.get(1).map(String::as_str) {
        None => Ok((variant, Mode::Sweep(1000))),
        Some("--seeds") if args.len() == 3 => Ok((variant, Mode::Sweep(number(2)?))),
        Some("--seed") if args.len() == 3 => Ok((variant, Mode::Replay(number(2)?))),
        Some(other) => Err(format!("unexpected `{other}`")),
    }
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
