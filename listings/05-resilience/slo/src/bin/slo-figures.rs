//! The chapter's figure, as SVG on stdout:
//! `cargo run -p slo --bin slo-figures -- burn` draws the burn rate of the
//! month's availability SLI over a 5-minute, a 1-hour and a 6-hour window,
//! minute by minute around the incident, with the workbook's two paging
//! thresholds.

use std::process::ExitCode;

use figure::line::{Axis, LineChart, Series, Style};
use figure::scale::Scale;
use slo::alert::Series as Counts;
use slo::log::{EVENTS, Month, SEED};
use slo::{Slo, burn_rate};

const SLO: Slo = Slo {
    target_ppm: 999_000,
    days: 30,
};
/// From an hour before the incident to seven after its start.
const FROM_MIN: i64 = -60;
const TO_MIN: i64 = 420;
/// A log axis has no 0: a clean window is drawn at this burn rate.
const FLOOR: f64 = 0.1;

fn burn() -> Result<String, String> {
    let month = Month::generate(SEED, &EVENTS);
    let series = Counts::new(&month.availability);
    let incident = EVENTS
        .iter()
        .find(|e| e.name == "incident")
        .ok_or("no incident in the month")?;
    let start = incident.start as i64;
    let line = |len: usize, name: &str, colour: usize| Series {
        name: name.into(),
        points: (FROM_MIN..=TO_MIN)
            .map(|t| {
                let now = (start + t) as usize;
                let rate = burn_rate(series.window(now, len), SLO);
                (t as f64, rate.max(FLOOR))
            })
            .collect(),
        style: Style::Line,
        colour,
    };
    let threshold = |value: f64, name: &str, colour: usize| Series {
        name: name.into(),
        points: vec![(FROM_MIN as f64, value), (TO_MIN as f64, value)],
        style: Style::Dashed,
        colour,
    };
    Ok(LineChart {
        id: "burn".into(),
        title: "Burn rate around the incident, over three windows".into(),
        description: format!(
            "Burn rate of the availability SLI (99.9% SLO) at the end of each minute from {} min before to {} min after the start of the {}-minute incident at 20% errors, on a log scale; a clean window is drawn at {FLOOR}. The 5-minute window rises to about 200 within five minutes and falls back to the background level five minutes after the incident ends. The 1-hour window climbs past 14.4 in the fifth minute and stays above it for nearly an hour after the end. The 6-hour window rises past 6 within a quarter of an hour and stays above 6 for almost six hours after the end.",
            -FROM_MIN, TO_MIN, incident.minutes
        ),
        x: Axis::new(
            Scale::Linear {
                min: FROM_MIN as f64,
                max: TO_MIN as f64,
            },
            "minutes since the incident began",
        ),
        y: Axis::new(
            Scale::Log10 {
                min: FLOOR,
                max: 1000.0,
            },
            "burn rate (log scale)",
        ),
        series: vec![
            line(5, "5-minute window", 0),
            line(60, "1-hour window", 1),
            line(360, "6-hour window", 2),
            threshold(14.4, "page: 14.4", 3),
            threshold(6.0, "page: 6", 4),
        ],
    }
    .render())
}

fn main() -> ExitCode {
    figure::main("slo-figures", &[("burn", burn)])
}
