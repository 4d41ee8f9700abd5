//! The chapter's figure, as SVG on stdout:
//! `cargo run -p load-shedding --bin load-shedding-figures -- goodput`
//! draws the answers sent in time, per second, over the ten seconds of the
//! overload, for four of the queue policies.

use std::convert::Infallible;
use std::process::ExitCode;

use figure::line::{Axis, LineChart, Series, Style};
use figure::scale::Scale;
use load_shedding::sim::{self, MS, Policy, Workload};

const WINDOW: u64 = 500 * MS;

fn goodput() -> Result<String, Infallible> {
    let workload = Workload {
        seed: 2015,
        workers: 4,
        mean_service: 10 * MS,
        load: 2.0,
        duration: 10_000 * MS,
        timeout: 100 * MS,
        critical_percent: 25,
    };
    let requests = workload.requests();
    let policies = [
        ("bounded FIFO (16)", Policy::Bounded { capacity: 16 }, 0),
        (
            "CoDel + adaptive LIFO",
            Policy::CoDelLifo {
                target: 5 * MS,
                interval: 100 * MS,
            },
            2,
        ),
        ("FIFO, drop expired", Policy::DropExpired, 3),
        ("unbounded FIFO", Policy::Unbounded, 1),
    ];
    let windows = (workload.duration / WINDOW) as usize;
    let series = policies
        .iter()
        .map(|&(name, policy, colour)| {
            let report = sim::run(&requests, workload.workers, policy);
            let mut counts = vec![0u32; windows];
            for &t in &report.in_time_at {
                if let Some(c) = counts.get_mut((t / WINDOW) as usize) {
                    *c += 1;
                }
            }
            let per_second = 1000.0 * MS as f64 / WINDOW as f64;
            let points = counts
                .iter()
                .enumerate()
                .map(|(i, &c)| ((i as f64 + 0.5) * 0.5, f64::from(c) * per_second))
                .collect();
            Series {
                name: name.into(),
                points,
                style: Style::Solid,
                colour,
            }
        })
        .collect();
    Ok(LineChart {
        id: "goodput".into(),
        title: "Answers sent within the 100 ms timeout, per second, at twice the capacity".into(),
        description: "Over ten seconds of arrivals at 800 a second to a server that can do 400: the bounded FIFO queue and CoDel with adaptive LIFO stay near 400 answers in time per second throughout; FIFO that drops only already expired requests falls under 150 after the first half second; the unbounded queue gives about 200 in the first half second and then none.".into(),
        x: Axis::new(Scale::Linear { min: 0.0, max: 10.0 }, "time (s)"),
        y: Axis::new(Scale::Linear { min: 0.0, max: 700.0 }, "answered in time per second"),
        series,
    }
    .render())
}

fn main() -> ExitCode {
    figure::main(env!("CARGO_BIN_NAME"), &[("goodput", goodput as fn() -> _)])
}
