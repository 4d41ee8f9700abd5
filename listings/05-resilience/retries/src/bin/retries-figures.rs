//! The chapter's figure, as SVG on stdout:
//! `cargo run -p retries --bin retries-figures -- waves` draws the calls
//! that reach the recovering server in each 10 ms slot, with and without
//! jitter, on the outage of `cargo run -p retries -- backoff`.

use std::process::ExitCode;

use figure::line::{Axis, LineChart, Series, Style};
use figure::scale::Scale;
use retries::backoff::Schedule;
use retries::fleet;
use retries::setup::{BACKOFF, FAULT};

const FROM_MS: u64 = 900;
const TO_MS: u64 = 4000;

/// Calls per slot from `FROM_MS` to `TO_MS`, as (ms, calls).
fn load(schedule: Schedule) -> Vec<(f64, f64)> {
    let report = fleet::run(&FAULT, &BACKOFF, schedule);
    (FROM_MS / FAULT.slot_ms..TO_MS / FAULT.slot_ms)
        .map(|slot| {
            let calls = report.load.get(slot as usize).copied().unwrap_or(0);
            ((slot * FAULT.slot_ms) as f64, f64::from(calls))
        })
        .collect()
}

fn waves() -> Result<String, String> {
    let capacity = f64::from(FAULT.capacity_per_slot);
    Ok(LineChart {
        id: "waves".into(),
        title: "Calls reaching the recovering server per 10 ms, with and without jitter".into(),
        description: "Without jitter, all 100 clients arrive in one slot at 1340 ms and the 90 refused come back together every 1010 ms, spikes far above the capacity of 10 calls per slot. With full jitter the same clients arrive a few per slot, under the capacity line, and are all served by 1827 ms.".into(),
        x: Axis::new(
            Scale::Linear {
                min: FROM_MS as f64,
                max: TO_MS as f64,
            },
            "virtual time (ms); the server is back at 1000 ms",
        ),
        y: Axis::new(Scale::Linear { min: 0.0, max: 100.0 }, "calls per 10 ms slot"),
        series: vec![
            Series {
                name: "no jitter".into(),
                points: load(Schedule::Exponential),
                style: Style::Line,
                colour: 1,
            },
            Series {
                name: "full jitter".into(),
                points: load(Schedule::FullJitter),
                style: Style::Line,
                colour: 0,
            },
            Series {
                name: "capacity".into(),
                points: vec![(FROM_MS as f64, capacity), (TO_MS as f64, capacity)],
                style: Style::Dashed,
                colour: 2,
            },
        ],
    }
    .render())
}

fn main() -> ExitCode {
    figure::main(env!("CARGO_BIN_NAME"), &[("waves", waves as fn() -> _)])
}
