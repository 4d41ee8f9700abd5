//! Measures the "latency numbers every engineer should know" on this
//! machine and prints them beside the published reference figures.
//!
//! Run it optimized: `cargo run --release -p estimates --bin latency`.
//! With `-- --svg ladder.svg` it also writes the measurements beside the
//! reference as a chart, to open in a browser.
//! The numbers vary from run to run, so this output is never recorded.

use std::process::ExitCode;

use estimates::ladder::{
    DATACENTER_ROUND_TRIP, L1_CACHE, L2_CACHE, MAIN_MEMORY, MUTEX, Measured, READ_1MB, Reference,
    measured_chart, short_ns,
};
use estimates::latency::{
    L1_BYTES, L2_BYTES, MEMORY_BYTES, SWEEP_BYTES, chase_ns, format_ns, loopback_round_trip_ns,
    mutex_ns, read_1mb_ns, spawn_ns, syscall_ns,
};

/// Repetitions of each measurement; the fastest is kept.
const TRIALS: u32 = 3;
/// Dependent loads per pointer-chase trial.
const CHASE_STEPS: usize = 2_000_000;

/// One row of the comparison, beside its reference figures (see
/// `estimates::ladder` for the sources).
struct Row {
    operation: &'static str,
    /// Its name in the chart, where the space is shorter.
    label: &'static str,
    yours: Result<f64, String>,
    reference: Option<Reference>,
    /// The reference measures something else (marked `*`).
    footnote: bool,
}

/// Where `--svg PATH` asks the chart to go, if it does.
fn svg_path() -> Result<Option<String>, String> {
    let mut args = std::env::args().skip(1);
    match (args.next().as_deref(), args.next(), args.next()) {
        (None, _, _) => Ok(None),
        (Some("--svg"), Some(path), None) => Ok(Some(path)),
        _ => Err("usage: latency [--svg PATH]".into()),
    }
}

fn main() -> ExitCode {
    let svg = match svg_path() {
        Ok(svg) => svg,
        Err(usage) => {
            eprintln!("{usage}");
            return ExitCode::from(2);
        }
    };
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
    let at = |size: usize| {
        let ns = chase.iter().find(|(b, _)| *b == size).map(|(_, ns)| *ns);
        ns.ok_or_else(|| "-".to_string())
    };
    let io = |r: std::io::Result<f64>| r.map_err(|e| format!("failed: {e}"));

    let rows = [
        Row {
            operation: "L1 cache reference (16 KiB chase)",
            label: "L1 cache (16 KiB chase)",
            yours: at(L1_BYTES),
            reference: Some(L1_CACHE),
            footnote: false,
        },
        Row {
            operation: "L2 cache reference (128 KiB chase)",
            label: "L2 cache (128 KiB chase)",
            yours: at(L2_BYTES),
            reference: Some(L2_CACHE),
            footnote: false,
        },
        Row {
            operation: "main memory reference (256 MiB chase)",
            label: "main memory (256 MiB chase)",
            yours: at(MEMORY_BYTES),
            reference: Some(MAIN_MEMORY),
            footnote: false,
        },
        Row {
            operation: "mutex lock/unlock (uncontended)",
            label: "mutex lock/unlock",
            yours: Ok(mutex_ns(10_000_000, TRIALS)),
            reference: Some(MUTEX),
            footnote: false,
        },
        Row {
            operation: "system call (stat)",
            label: "system call (stat)",
            yours: io(syscall_ns(200_000, TRIALS)),
            reference: None,
            footnote: false,
        },
        Row {
            operation: "thread spawn + join",
            label: "thread spawn + join",
            yours: Ok(spawn_ns(2_000, TRIALS)),
            reference: None,
            footnote: false,
        },
        Row {
            operation: "TCP round trip on 127.0.0.1, 1 byte",
            label: "TCP round trip *",
            yours: io(loopback_round_trip_ns(20_000, TRIALS)),
            reference: Some(DATACENTER_ROUND_TRIP),
            footnote: true,
        },
        Row {
            operation: "read 1 MB sequentially from memory",
            label: "read 1 MB from memory",
            yours: Ok(read_1mb_ns(MEMORY_BYTES, TRIALS)),
            reference: Some(READ_1MB),
            footnote: false,
        },
    ];

    println!();
    println!(
        "{:<40} {:>10} {:>10} {:>10}",
        "operation", "yours", "Dean 2009", "Scott 2020"
    );
    for row in &rows {
        let yours = row
            .yours
            .as_ref()
            .map_or_else(Clone::clone, |ns| format_ns(*ns));
        let mark = if row.footnote { " *" } else { "" };
        let reference = |ns: fn(&Reference) -> f64| {
            row.reference
                .as_ref()
                .map_or("-".to_string(), |r| format!("{}{mark}", short_ns(ns(r))))
        };
        println!(
            "{:<40} {:>10} {:>10} {:>10}",
            row.operation,
            yours,
            reference(|r| r.dean_2009_ns),
            reference(|r| r.scott_2020_ns),
        );
    }
    println!();
    println!("* the reference is a round trip within one datacenter, through real switches;");
    println!("  a loopback round trip never leaves this machine.");

    if let Some(path) = svg {
        let measured: Vec<Measured> = rows
            .iter()
            .map(|row| Measured {
                label: row.label,
                ns: row.yours.as_ref().ok().copied(),
                reference: row.reference,
            })
            .collect();
        let footnote = "log scale; * reference: a datacenter round trip, here: 127.0.0.1";
        if let Err(e) = std::fs::write(&path, measured_chart(&measured, footnote)) {
            eprintln!("could not write {path}: {e}");
            return ExitCode::FAILURE;
        }
        println!();
        println!("wrote the ladder as a chart to {path}; open it in a browser");
    }
    ExitCode::SUCCESS
}

/// A size in KiB or MiB, as the sweep's sizes are powers of two.
fn kib(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MiB", bytes / (1024 * 1024))
    } else {
        format!("{} KiB", bytes / 1024)
    }
}
