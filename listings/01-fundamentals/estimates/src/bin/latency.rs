//! Measures the "latency numbers every engineer should know" on this
//! machine and prints them beside the published reference figures, each as
//! a multiple of one L1 cache reference from the same source: a time in
//! nanoseconds says as much about the machine as about the operation, while
//! a ratio measured in one run carries over to an estimate.
//!
//! Run it optimized: `cargo run --release -p estimates --bin latency`.
//! With `-- --reference` it prints only the published figures (recorded in
//! `output-reference.txt`, the one output of this binary that is the same
//! on every machine). With `-- --svg ladder.svg` it also writes the
//! measurements beside the reference as a chart, to open in a browser.
//! The measured numbers vary from run to run, so they are never recorded.

use std::process::ExitCode;

use estimates::ladder::{
    DATACENTER_ROUND_TRIP, L1_CACHE, L2_CACHE, LADDER, MAIN_MEMORY, MUTEX, Measured, READ_1MB,
    Reference, measured_chart,
};
use estimates::latency::{
    L1_BYTES, L2_BYTES, MEMORY_BYTES, SWEEP_BYTES, chase_ns, format_times, loopback_round_trip_ns,
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

/// What the command line asks for.
enum Mode {
    /// Measure, and write the chart to the path if there is one.
    Measure { svg: Option<String> },
    /// Print only the published figures, as multiples of their L1 figure:
    /// nothing is measured, so this output is the same on every machine.
    Reference,
}

fn mode() -> Result<Mode, String> {
    let mut args = std::env::args().skip(1);
    match (args.next().as_deref(), args.next(), args.next()) {
        (None, _, _) => Ok(Mode::Measure { svg: None }),
        (Some("--svg"), Some(path), None) => Ok(Mode::Measure { svg: Some(path) }),
        (Some("--reference"), None, _) => Ok(Mode::Reference),
        _ => Err("usage: latency [--svg PATH | --reference]".into()),
    }
}

/// The published ladder, each row as a multiple of its source's L1 figure.
fn print_reference() {
    println!("Published figures, each as a multiple of one L1 cache reference");
    println!("from the same source (Dean 2009: 0.5 ns; Scott 2020: 1 ns)");
    println!();
    println!(
        "{:<32} {:>12} {:>12}",
        "operation", "Dean 2009", "Scott 2020"
    );
    for r in LADDER {
        println!(
            "{:<32} {:>12} {:>12}",
            r.operation,
            format_times(r.dean_2009_ns, L1_CACHE.dean_2009_ns),
            format_times(r.scott_2020_ns, L1_CACHE.scott_2020_ns)
        );
    }
}

fn main() -> ExitCode {
    let svg = match mode() {
        Ok(Mode::Measure { svg }) => svg,
        Ok(Mode::Reference) => {
            print_reference();
            return ExitCode::SUCCESS;
        }
        Err(usage) => {
            eprintln!("{usage}");
            return ExitCode::from(2);
        }
    };
    if cfg!(debug_assertions) {
        eprintln!("warning: a debug build is many times slower; use `cargo run --release`");
    }

    println!("Pointer chase over a random cycle: time per dependent load,");
    println!("as a multiple of the first (16 KiB) array's");
    let mut chase: Vec<(usize, f64)> = Vec::new();
    for bytes in SWEEP_BYTES {
        let ns = chase_ns(bytes, CHASE_STEPS, TRIALS);
        chase.push((bytes, ns));
        println!("  {:>8}  {:>8}", kib(bytes), format_times(ns, chase[0].1));
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

    let l1 = |source: fn(&Reference) -> f64| source(&L1_CACHE);
    let yours_l1 = chase[0].1;
    println!();
    println!("Each figure is a multiple of one L1 cache reference from the same source");
    println!("(yours: the 16 KiB chase of this run).");
    println!();
    println!(
        "{:<40} {:>9} {:>12} {:>12}",
        "operation", "yours", "Dean 2009", "Scott 2020"
    );
    for row in &rows {
        let yours = row
            .yours
            .as_ref()
            .map_or_else(Clone::clone, |ns| format_times(*ns, yours_l1));
        let mark = if row.footnote { " *" } else { "" };
        let reference = |source: fn(&Reference) -> f64| {
            row.reference.as_ref().map_or("-".to_string(), |r| {
                format!("{}{mark}", format_times(source(r), l1(source)))
            })
        };
        println!(
            "{:<40} {:>9} {:>12} {:>12}",
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
