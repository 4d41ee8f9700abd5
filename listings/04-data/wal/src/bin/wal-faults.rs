//! The write-ahead log under crashes, over many seeds:
//! `cargo run --release -p wal --bin wal-faults -- wal --seeds 1000` sweeps
//! seeds 0 to 999 (each workload crashed at every moment with every tail);
//! `-- no-checksum --seed 3` replays one seed and prints its workload, its
//! crash points and the first violation.
//!
//! It prints the lines `cargo xtask test --step faults` reads, like the
//! `fault-sweep` crate's binaries, but needs no network simulation.

use std::process::ExitCode;

use wal::Variant;
use wal::crash::{self, Report, Tail, Workload};

const USAGE: &str = "usage: wal-faults <variant> [--seeds N | --seed S]";
const PROPERTY: &str = "crash-safe";

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

fn replay_command(variant: Variant, seed: u64) -> String {
    format!(
        "cargo run --release -p wal --bin wal-faults -- {} --seed {seed}",
        variant.name()
    )
}

/// Every seed on every core; a broken variant stops each seed at its first
/// violation, the correct one checks every image.
fn sweep(variant: Variant, seeds: u64) {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get() as u64);
    let stop_at_first = variant != Variant::Wal;
    let results: Vec<(u64, Report)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                scope.spawn(move || {
                    (worker..seeds)
                        .step_by(workers as usize)
                        .map(|seed| {
                            let workload = Workload::generate(seed);
                            (seed, crash::check(&workload, variant, stop_at_first))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a seed's check panicked"))
            .collect()
    });
    let mut results = results;
    results.sort_by_key(|(seed, _)| *seed);
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
