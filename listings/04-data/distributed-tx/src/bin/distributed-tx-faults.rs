//! The three protocols under faults, over many seeds:
//! `cargo run --release -p distributed-tx --bin distributed-tx-faults -- 2pc --seeds 1000`
//! sweeps seeds 0 to 999; `-- dual-write --seed 3` replays one seed and
//! prints what happened and the verdict.
//!
//! It prints the lines `cargo xtask test --step faults` reads, like the
//! `fault-sweep` crate's binaries, but runs its own simulation.

use std::process::ExitCode;

use seeded::sweep::{self, Mode};

use distributed_tx::{Variant, run};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let names: Vec<&str> = Variant::ALL.iter().map(|v| v.name()).collect();
    let parsed = sweep::parse_variant(&args, Variant::from_name);
    match parsed {
        Ok((variant, Mode::Sweep(seeds))) => sweep(variant, seeds),
        Ok((variant, Mode::Replay(seed))) => replay(variant, seed),
        Err(message) => return sweep::usage_error("distributed-tx-faults", &message, &names),
    }
    ExitCode::SUCCESS
}

fn sweep(variant: Variant, seeds: u64) {
    let broken: Vec<(u64, String)> =
        sweep::every_seed(seeds, |seed| run(variant, seed).verdict.err())
            .into_iter()
            .filter_map(|(seed, error)| error.map(|e| (seed, e)))
            .collect();
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
