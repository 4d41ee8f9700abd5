//! The chapter's figure, as SVG on stdout:
//! `cargo run -p rate-limiting --bin rate-limiting-figures -- passed`
//! draws the requests each limiter passed on per 100 ms around the first
//! burst of the recorded trace.

use std::convert::Infallible;
use std::process::ExitCode;

use figure::line::{Axis, LineChart, Series, Style};
use figure::scale::Scale;
use rate_limiting::algorithms::{
    FixedWindow, LeakyQueue, Limiter, MS, SECOND, SlidingLog, TokenBucket,
};
use rate_limiting::trace::{self, LIMIT};

const BIN: u64 = 100 * MS;
const FROM: u64 = 2 * SECOND;
const TO: u64 = 4 * SECOND;

fn passed() -> Result<String, Infallible> {
    let arrivals = trace::bursty(7);
    let limiters: Vec<(Box<dyn Limiter>, Style, usize)> = vec![
        (Box::new(FixedWindow::new(LIMIT, SECOND)), Style::Solid, 1),
        (Box::new(TokenBucket::new(LIMIT, LIMIT)), Style::Solid, 0),
        (
            Box::new(SlidingLog::new(LIMIT as usize, SECOND)),
            Style::Dashed,
            2,
        ),
        (Box::new(LeakyQueue::new(LIMIT, LIMIT)), Style::Solid, 3),
    ];
    let bins = ((TO - FROM) / BIN) as usize;
    let mut series = Vec::new();
    for (mut limiter, style, colour) in limiters {
        let report = trace::run(limiter.as_mut(), &arrivals);
        let mut counts = vec![0u32; bins];
        for &t in &report.passed_at {
            if (FROM..TO).contains(&t) {
                counts[((t - FROM) / BIN) as usize] += 1;
            }
        }
        let points = counts
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let mid = FROM + i as u64 * BIN + BIN / 2;
                (mid as f64 / SECOND as f64, f64::from(c))
            })
            .collect();
        series.push(Series {
            name: report.name.into(),
            points,
            style,
            colour,
        });
    }
    let mut sent = vec![0u32; bins];
    for &t in &arrivals {
        if (FROM..TO).contains(&t) {
            sent[((t - FROM) / BIN) as usize] += 1;
        }
    }
    series.push(Series {
        name: "sent by the client".into(),
        points: sent
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let mid = FROM + i as u64 * BIN + BIN / 2;
                (mid as f64 / SECOND as f64, f64::from(c))
            })
            .collect(),
        style: Style::Dots,
        colour: 5,
    });
    Ok(LineChart {
        id: "passed".into(),
        title: "Requests passed on per 100 ms around the burst at 3 s, limit 10 a second".into(),
        description: "From 2 s to 4 s of the recorded trace: the client sends 12 requests in each of the 100 ms before and after 3 s. The fixed window passes 10 in each of those two bins, 20 in 200 ms; the token bucket passes 10, then one more per token it refills; the sliding log passes 10 and then nothing until a second has passed; the leaky bucket queue passes one request per 100 ms for the next second.".into(),
        x: Axis::new(Scale::Linear { min: 2.0, max: 4.0 }, "time (s)"),
        y: Axis::new(Scale::Linear { min: 0.0, max: 12.0 }, "requests per 100 ms"),
        series,
    }
    .render())
}

fn main() -> ExitCode {
    figure::main(env!("CARGO_BIN_NAME"), &[("passed", passed as fn() -> _)])
}
