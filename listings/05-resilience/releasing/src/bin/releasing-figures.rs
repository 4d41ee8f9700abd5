//! The chapter's figure, as SVG on stdout:
//! `cargo run -p releasing --bin releasing-figures -- error-rate` draws the
//! fleet's error rate, 10 s at a time, while the same bad release goes out
//! each of the four ways.

use std::process::ExitCode;

use figure::line::{Axis, LineChart, Series, Style};
use figure::scale::Scale;
use releasing::rollout::{self, RELEASE_AT, Strategy};

// `main.rs` as a module, for the fault, the seed and the judge, so the
// figure and the recorded output come from the same runs.
#[allow(dead_code)]
#[path = "../main.rs"]
mod listing;

const BUCKET: u64 = 10;
const SHOWN: u64 = 200;

fn error_rate() -> Result<String, String> {
    let series = Strategy::ALL
        .iter()
        .enumerate()
        .map(|(k, &s)| {
            let r = rollout::run(s, listing::SEED, listing::BAD, listing::JUDGE);
            let points = (0..SHOWN / BUCKET)
                .map(|b| {
                    let from = (RELEASE_AT + b * BUCKET) as usize;
                    let (n, f) = r.per_second[from..from + BUCKET as usize]
                        .iter()
                        .fold((0, 0), |(n, f), (rn, rf)| (n + rn, f + rf));
                    ((b * BUCKET) as f64, 100.0 * f as f64 / n as f64)
                })
                .collect();
            Series {
                name: s.name().into(),
                points,
                style: Style::Solid,
                colour: k,
            }
        })
        .collect();
    Ok(LineChart {
        id: "error-rate".into(),
        title: "Error rate while one bad release goes out four ways".into(),
        description: "Percent of requests failed in each 10-second window after the release starts. All at once fails every request for two 20-second gaps, the new start and the rollback; rolling fails up to about 15% for 30 seconds and blue-green 20% for 10 seconds; the canary stays near the 1% baseline throughout.".into(),
        x: Axis::new(Scale::Linear { min: 0.0, max: SHOWN as f64 }, "seconds after the release starts"),
        y: Axis::new(Scale::Linear { min: 0.0, max: 100.0 }, "requests failed (%)"),
        series,
    }
    .render())
}

fn main() -> ExitCode {
    figure::main("releasing-figures", &[("error-rate", error_rate)])
}
