//! The chapter's figure, as SVG on stdout:
//! `cargo run -p failure-detection --bin failure-detection-figures -- tradeoff`
//! draws false suspicions per hour against the time to suspect a crash on
//! the noisy link, for fixed timeouts and for phi thresholds.

use std::process::ExitCode;

use failure_detection::detector::{self, FixedTimeout, HEARTBEATS, NOISY, PhiAccrual};
use figure::line::{Axis, LineChart, Series, Style};
use figure::scale::Scale;

fn tradeoff() -> Result<String, String> {
    let trace = detector::arrivals(&NOISY, 7, HEARTBEATS);
    // A log axis cannot show zero: points with no false suspicion are left out.
    let point = |s: detector::Score| {
        (s.false_suspicions_per_hour > 0.0)
            .then_some((s.mean_detection_ms / 1000.0, s.false_suspicions_per_hour))
    };
    let fixed: Vec<(f64, f64)> = [
        1250.0, 1500.0, 1750.0, 2000.0, 2500.0, 3000.0, 4000.0, 5000.0,
    ]
    .into_iter()
    .filter_map(|t| point(detector::score(&mut FixedTimeout(t), &trace)))
    .collect();
    let phi: Vec<(f64, f64)> = [0.5, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 10.0, 12.0, 16.0]
        .into_iter()
        .filter_map(|t| {
            point(detector::score(
                &mut PhiAccrual::new(t, 1000, 100.0),
                &trace,
            ))
        })
        .collect();
    Ok(LineChart {
        id: "tradeoff".into(),
        title: "False suspicions per hour against time to suspect a crash, noisy link".into(),
        description: "Both detectors trace the same falling curve: waiting longer before suspecting a node cuts false suspicions by orders of magnitude, from hundreds an hour at about 1.3 s to a few at 2 to 3 s and well under one at 5 s. On one link, a phi threshold behaves like a well-chosen timeout.".into(),
        x: Axis::new(Scale::Linear { min: 1.0, max: 5.5 }, "mean time to suspect a crashed node (s)"),
        y: Axis::new(Scale::Log10 { min: 0.1, max: 1000.0 }, "false suspicions per hour (log scale)"),
        series: vec![
            Series { name: "fixed timeout".into(), points: fixed, style: Style::Solid, colour: 0 },
            Series { name: "phi accrual".into(), points: phi, style: Style::Solid, colour: 1 },
        ],
    }
    .render())
}

fn main() -> ExitCode {
    figure::main(
        env!("CARGO_BIN_NAME"),
        &[("tradeoff", tradeoff as fn() -> _)],
    )
}
