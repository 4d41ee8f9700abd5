//! Measures the "latency numbers every engineer should know" on this
//! machine and prints them beside the published reference figures.
//!
//! Run it optimized: `cargo run --release -p estimates --bin latency`.
//! The numbers vary from run to run, so this output is never recorded.

use estimates::latency::{
    L1_BYTES, L2_BYTES, MEMORY_BYTES, SWEEP_BYTES, chase_ns, format_ns, loopback_round_trip_ns,
    mutex_ns, read_1mb_ns, spawn_ns, syscall_ns,
};

/// Repetitions of each measurement; the fastest is kept.
const TRIALS: u32 = 3;
/// Dependent loads per pointer-chase trial.
const CHASE_STEPS: usize = 2_000_000;

/// One row of the comparison. The reference figures are from Jeff Dean's
/// "Numbers everyone should know" slide (LADIS 2009 keynote) and Colin
/// Scott's interactive "Latency numbers every programmer should know"
/// (its 2020 setting, extrapolated from hardware trends, not measured).
struct Row {
    operation: &'static str,
    yours: String,
    dean_2009: &'static str,
    scott_2020: &'static str,
}

fn main() {
    if cfg!(debug_assertions) {
        eprintln!("warning: a debug build is many times slower; use `cargo run --release`");
    }

    println!("Pointer chase over a random cycle: time per dependent load");
    let mut chase = Vec::new();
    for bytes in SWEEP_BYTES {
        let ns = chase_ns(bytes, CHASE_STEPS, TRIALS);
        println!("  {:>8}  {:>8}", kib(bytes), format_ns(ns));
        chase.push((bytes, ns));
    }
    let at = |size: usize| chase.iter().find(|(b, _)| *b == size).map(|(_, ns)| *ns);
    let shown = |ns: Option<f64>| ns.map_or("-".to_string(), format_ns);
    let io = |r: std::io::Result<f64>| r.map_or_else(|e| format!("failed: {e}"), format_ns);

    let rows = [
        Row {
            operation: "L1 cache reference (16 KiB chase)",
            yours: shown(at(L1_BYTES)),
            dean_2009: "0.5 ns",
            scott_2020: "1 ns",
        },
        Row {
            operation: "L2 cache reference (128 KiB chase)",
            yours: shown(at(L2_BYTES)),
            dean_2009: "7 ns",
            scott_2020: "4 ns",
        },
        Row {
            operation: "main memory reference (256 MiB chase)",
            yours: shown(at(MEMORY_BYTES)),
            dean_2009: "100 ns",
            scott_2020: "100 ns",
        },
        Row {
            operation: "mutex lock/unlock (uncontended)",
            yours: format_ns(mutex_ns(10_000_000, TRIALS)),
            dean_2009: "25 ns",
            scott_2020: "17 ns",
        },
        Row {
            operation: "system call (stat)",
            yours: io(syscall_ns(200_000, TRIALS)),
            dean_2009: "-",
            scott_2020: "-",
        },
        Row {
            operation: "thread spawn + join",
            yours: format_ns(spawn_ns(2_000, TRIALS)),
            dean_2009: "-",
            scott_2020: "-",
        },
        Row {
            operation: "TCP round trip on 127.0.0.1, 1 byte",
            yours: io(loopback_round_trip_ns(20_000, TRIALS)),
            dean_2009: "500 µs *",
            scott_2020: "500 µs *",
        },
        Row {
            operation: "read 1 MB sequentially from memory",
            yours: format_ns(read_1mb_ns(MEMORY_BYTES, TRIALS)),
            dean_2009: "250 µs",
            scott_2020: "3 µs",
        },
    ];

    println!();
    println!(
        "{:<40} {:>10} {:>10} {:>10}",
        "operation", "yours", "Dean 2009", "Scott 2020"
    );
    for row in &rows {
        println!(
            "{:<40} {:>10} {:>10} {:>10}",
            row.operation, row.yours, row.dean_2009, row.scott_2020
        );
    }
    println!();
    println!("* the reference is a round trip within one datacenter, through real switches;");
    println!("  a loopback round trip never leaves this machine.");
}

/// A size in KiB or MiB, as the sweep's sizes are powers of two.
fn kib(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MiB", bytes / (1024 * 1024))
    } else {
        format!("{} KiB", bytes / 1024)
    }
}
