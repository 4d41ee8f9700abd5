//! The write-ahead log under crashes, over many seeds:
//! `cargo run --release -p wal --bin wal-faults -- wal --seeds 1000` sweeps
//! seeds 0 to 999 (each workload crashed at every moment with every tail);
//! `-- no-checksum --seed 3` replays one seed and prints its workload, its
//! crash points and the first violation.
//!
//! It prints the lines `cargo xtask test --step faults` reads, like the
//! `fault-sweep` crate's binaries, but needs no network simulation.

use std::process::ExitCode;

use seeded::sweep::{self, Mode};

use wal::Variant;
use wal::crash::{self, Report, Tail, Workload};

const PROPERTY: &str = "crash-safe";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let names: Vec<&str> = Variant::ALL.iter().map(|v| v.name()).collect();
    let parsed = sweep::parse_variant(&args, Variant::from_name);
    match parsed {
        Ok((variant, Mode::Sweep(seeds))) => sweep(variant, seeds),
        Ok((variant, Mode::Replay(seed))) => replay(variant, seed),
        Err(message) => return sweep::usage_error("wal-faults", &message, &names),
    }
    ExitCode::SUCCESS
}

fn replay_command(variant: Variant, seed: u64) -> String {
    format!(
        "cargo run --release -p wal --bin wal-faults -- {} --seed {seed}",
        variant.name()
    )
}

/// Every seed on every core; a broken variant stops each seed at its first
/// violation, the correct one checks every image.
fn sweep(variant: Variant, seeds: u64) {
    let stop_at_first = variant != Variant::Wal;
    let results: Vec<(u64, Report)> = sweep::every_seed(seeds, |seed| {
        crash::check(&Workload::generate(seed), variant, stop_at_first)
    });
    let points: usize = results.iter().map(|(_, r)| r.moments).sum();
    let images: usize = results.iter().map(|(_, r)| r.images_total()).sum();
    let broken: Vec<&(u64, Report)> = results.iter().filter(|(_, r)| r.first.is_some()).collect();
    for (seed, report) in broken.iter().take(3) {
        let v = report.first.as_ref().expect("filtered");
        println!(
            "violation at seed {seed}: {} at {}: {}",
            v.tail.name(),
            v.keep,
            v.what
        );
        println!("  replay: {}", replay_command(variant, *seed));
    }
    println!(
        "{}: {images} crash images recovered at {points} crash points{}",
        variant.name(),
        if stop_at_first {
            " (each seed until its first violation)"
        } else {
            ""
        }
    );
    println!(
        "summary: {}: {seeds} seeds, {} not {PROPERTY}",
        variant.name(),
        broken.len()
    );
}

fn replay(variant: Variant, seed: u64) {
    let workload = Workload::generate(seed);
    println!("wal {}, seed {seed}: {}", variant.name(), workload.policy);
    for (i, put) in workload.puts.iter().enumerate() {
        println!("  put {}: {}", i + 1, put.describe());
    }
    let report = crash::check(&workload, variant, false);
    println!("crash points (log bytes, synced, acknowledged puts):");
    let points: Vec<String> = report
        .trace
        .iter()
        .map(|m| format!("{}/{}/{}", m.len, m.synced, m.acked))
        .collect();
    for line in points.chunks(8) {
        println!("  {}", line.join(" "));
    }
    print!("wrong images by tail:");
    for (tail, (wrong, images)) in Tail::ALL.iter().zip(report.wrong.iter().zip(report.images)) {
        print!(" {} {wrong}/{images}", tail.name());
    }
    println!();
    match report.first {
        Some(v) => println!(
            "verdict: not {PROPERTY}: first at {}/{}/{}, {} at {}: {}",
            v.moment.len,
            v.moment.synced,
            v.moment.acked,
            v.tail.name(),
            v.keep,
            v.what
        ),
        None => println!("verdict: {PROPERTY}"),
    }
}
