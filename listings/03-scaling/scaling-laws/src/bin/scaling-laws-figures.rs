//! The chapter's figure, as SVG on stdout:
//! `cargo run -p scaling-laws --bin scaling-laws-figures -- curves` draws the
//! simulated throughput against workers, with the fitted USL, Amdahl's law
//! and the service with its lock split in four.

use std::process::ExitCode;

use figure::line::{Axis, LineChart, Series, Style};
use figure::scale::Scale;
use scaling_laws::laws::{FitError, amdahl, fit_usl};
use scaling_laws::sim::{CHAPTER, Service, WORKERS, measure};

fn curves() -> Result<String, FitError> {
    let measured = measure(CHAPTER, &WORKERS);
    let fit = fit_usl(&measured)?;
    let sharded = measure(
        Service {
            shards: 4,
            ..CHAPTER
        },
        &WORKERS,
    );
    let serial = CHAPTER.locked_us / (CHAPTER.parallel_us + CHAPTER.locked_us);
    let every: Vec<u32> = (1..=32).collect();
    let points = |values: &[(u32, f64)]| -> Vec<(f64, f64)> {
        values.iter().map(|&(n, x)| (f64::from(n), x)).collect()
    };
    Ok(LineChart {
        id: "curves".into(),
        title: "Throughput against workers: the simulated service, the fitted USL and Amdahl's law".into(),
        description: "The simulated service with one lock rises almost linearly to about 6,800 requests a second at 8 workers, peaks near 12 and falls to about 6,200 at 32. The fitted universal scalability law follows it closely. Amdahl's law with 10% serial work starts below the simulation and keeps rising towards 10,000. With the lock split in four, throughput keeps rising to about 25,000 at 32 workers.".into(),
        x: Axis::new(Scale::Linear { min: 0.0, max: 32.0 }, "workers"),
        y: Axis::new(Scale::Linear { min: 0.0, max: 26_000.0 }, "requests per second"),
        series: vec![
            Series {
                name: "one lock, simulated".into(),
                points: points(&measured),
                style: Style::Solid,
                colour: 0,
            },
            Series {
                name: "USL fitted to it".into(),
                points: every.iter().map(|&n| (f64::from(n), fit.throughput(n))).collect(),
                style: Style::Dashed,
                colour: 0,
            },
            Series {
                name: "Amdahl, 10% serial".into(),
                points: every
                    .iter()
                    .map(|&n| (f64::from(n), fit.single * amdahl(1.0 - serial, n)))
                    .collect(),
                style: Style::Dashed,
                colour: 1,
            },
            Series {
                name: "lock split in 4, simulated".into(),
                points: points(&sharded),
                style: Style::Solid,
                colour: 2,
            },
        ],
    }
    .render())
}

fn main() -> ExitCode {
    figure::main(env!("CARGO_BIN_NAME"), &[("curves", curves as fn() -> _)])
}
