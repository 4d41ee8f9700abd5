//! The chapter's figure, as SVG on stdout:
//! `cargo run -p circuit-breaker --bin circuit-breaker-figures -- timeline` draws every
//! charge of the outage on one time axis, once without a breaker and once
//! with one: which succeeded, which timed out, which the breaker rejected
//! at once, and which were its probes.

use std::process::ExitCode;

use circuit_breaker::ConfigError;
use circuit_breaker::scenario::{self, CallResult, Report};
use figure::line::Axis;
use figure::scale::Scale;
use figure::timeline::{Kind, Lane, Shape, Timeline};

// `main.rs` as a module, for its scenario and breaker settings (`DEMO`), so
// the figure and the recorded output come from the same run. Its `main` and
// printing helpers go unused here.
#[allow(dead_code)]
#[path = "../main.rs"]
mod listing;

/// Event kinds, in legend order.
const OK: usize = 0;
const TIMED_OUT: usize = 1;
const REJECTED: usize = 2;
const PROBE_FAILED: usize = 3;
const PROBE_OK: usize = 4;

/// One event per call at the time it was sent. A probe is the call the
/// breaker let through as it went from Open to HalfOpen, in that same
/// millisecond.
fn events(report: &Report) -> Vec<(f64, usize)> {
    let probe_times: Vec<u64> = report
        .transitions
        .iter()
        .filter(|t| (t.from, t.to) == ("Open", "HalfOpen"))
        .map(|t| t.at_ms)
        .collect();
    report
        .calls
        .iter()
        .map(|call| {
            let probe = probe_times.contains(&call.sent_ms);
            let kind = match (call.result, probe) {
                (CallResult::Rejected(_), _) => REJECTED,
                (CallResult::Ok, false) => OK,
                (CallResult::Ok, true) => PROBE_OK,
                (CallResult::TimedOut, false) => TIMED_OUT,
                (CallResult::TimedOut, true) => PROBE_FAILED,
            };
            (call.sent_ms as f64, kind)
        })
        .collect()
}

fn count(events: &[(f64, usize)], kind: usize) -> usize {
    events.iter().filter(|(_, k)| *k == kind).count()
}

async fn timeline() -> Result<String, ConfigError> {
    let (outage, breaker) = listing::DEMO;
    let naive = scenario::run(&outage, None).await?;
    let guarded = scenario::run(&outage, Some(breaker)).await?;
    let (bare, with) = (events(&naive), events(&guarded));
    let ms = |d: std::time::Duration| d.as_millis();
    let last_sent = outage.interval * (outage.requests - 1);
    // The axis ends on a whole second after the last call.
    let end = ms(last_sent + outage.latency).div_ceil(1000) * 1000;
    let kind = |name: String, colour, shape| Kind {
        name,
        colour,
        shape,
    };
    let transitions: Vec<String> = guarded
        .transitions
        .iter()
        .map(|t| format!("{} at {} ms", t.to, t.at_ms))
        .collect();
    Ok(Timeline {
        id: "timeline".into(),
        title: "Calls through a payments outage, without and with a circuit breaker".into(),
        description: format!(
            "Two lanes on one time axis from 0 to {end} ms, one mark per charge at the time it was sent, one every {} ms; payments is down from {} to {} ms, shaded. Without a breaker, every charge sent during the outage ({} of them) waits out its {} ms timeout. With a breaker that trips after {} failures in a row and cools down for {} ms, {} charges time out before it opens, then {} are rejected at once without reaching payments; its first probe, still inside the outage, times out, and the second succeeds after payments has recovered. The breaker goes {}.",
            ms(outage.interval),
            ms(outage.outage_from),
            ms(outage.outage_to),
            count(&bare, TIMED_OUT),
            ms(outage.timeout),
            breaker.failure_threshold,
            ms(breaker.cool_down),
            count(&with, TIMED_OUT),
            count(&with, REJECTED),
            transitions.join(", "),
        ),
        axis: Axis::new(
            Scale::Linear {
                min: 0.0,
                max: end as f64,
            },
            "time charge sent (ms)",
        ),
        kinds: vec![
            kind("succeeded".into(), 2, Shape::Dot),
            kind(format!("timed out ({} ms)", ms(outage.timeout)), 1, Shape::Cross),
            kind("rejected by the breaker".into(), 3, Shape::Square),
            kind("probe, timed out".into(), 1, Shape::Diamond),
            kind("probe, succeeded".into(), 2, Shape::Diamond),
        ],
        lanes: vec![
            Lane {
                name: "without breaker".into(),
                events: bare,
            },
            Lane {
                name: "with breaker".into(),
                events: with,
            },
        ],
        spans: vec![(
            ms(outage.outage_from) as f64,
            ms(outage.outage_to) as f64,
            "payments down".into(),
        )],
    }
    .render())
}

// The paused clock runs the virtual seconds of both outages at once.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() -> ExitCode {
    let which = std::env::args().nth(1).unwrap_or_default();
    let drawn = match which.as_str() {
        "timeline" => timeline().await,
        _ => {
            eprintln!("usage: circuit-breaker-figures timeline");
            return ExitCode::from(2);
        }
    };
    match drawn {
        Ok(svg) => {
            print!("{svg}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
