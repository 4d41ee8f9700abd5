//! The three protocols under faults, over many seeds:
//! `cargo run --release -p distributed-tx --bin distributed-tx-faults -- 2pc --seeds 1000`
//! sweeps seeds 0 to 999; `-- dual-write --seed 3` replays one seed and
//! prints what happened and the verdict.
//!
//! It prints the lines `cargo xtask test --step faults` reads, like the
//! `fault-sweep` crate's binaries, but runs its own simulation.

use std::process::ExitCode;

use distributed_tx::{Variant, run};

const USAGE: &str = "usage: distributed-tx-faults <variant> [--seeds N | --seed S]";

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
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get() as u64);
    let mut broken: Vec<(u64, String)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                scope.spawn(move || {
                    (worker..seeds)
                        .step_by(workers as usize)
                        .filter_map(|seed| run(variant, seed).verdict.err().map(|e| (seed, e)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a seed panicked"))
            .collect()
    });
    broken.sort();
    for (seed, what) in broken.iter().take(3) {
        println!("violation at seed {seed}: {what}");
        println!(
            "  replay: cargo run --release -p distributed-tx --bin distributed-tx-faults -- {} --seed {seed}",
            variant.name()
        );
    }
    println!(
        "summary: {}: {seeds} seeds, {} not {}",
        variant.name(),
        broken.len(),
        variant.property()
    );
}

fn replay(variant: Variant, seed: u64) {
    let r = run(variant, seed);
    println!("{}, seed {seed}: {}", variant.name(), r.setup);
    for line in &r.trace {
        println!("{line}");
    }
    match r.verdict {
        Ok(()) => println!("verdict: {}", variant.property()),
        Err(e) => println!("verdict: not {}: {e}", variant.property()),
    }
}
