//! The chapter's figures, as SVG on stdout, from the run `main.rs` prints:
//! `cargo run -p mpsc-backpressure --bin mpsc-backpressure-figures -- queue` draws the
//! messages waiting after each step, `-- wait` how long the messages taken
//! in each step had waited, for `channel()` and `sync_channel(8)`.

use std::process::ExitCode;

use figure::line::{Axis, LineChart, Series, Style};
use figure::scale::Scale;
use mpsc_backpressure::pace::{DEMO_QUEUES, DEMO_RATES, DEMO_STEPS, Report, run};

/// The run's per-step numbers as (step, value) points, keeping only the
/// steps where the line bends: the drawing is the same, the file smaller.
fn corners(per_step: &[usize]) -> Vec<(f64, f64)> {
    let point = |i: usize| ((i + 1) as f64, per_step[i] as f64);
    let slope = |i: usize| per_step[i + 1] as i64 - per_step[i] as i64;
    let mut points = Vec::new();
    for i in 0..per_step.len() {
        let end = i == 0 || i + 1 == per_step.len();
        if end || slope(i - 1) != slope(i) {
            points.push(point(i));
        }
    }
    points
}

/// Which per-step numbers a chart draws.
struct Chart {
    id: &'static str,
    title: &'static str,
    y_title: &'static str,
    per_step: fn(&Report) -> &[usize],
    /// What the chart shows, given the two runs' last values and maxima.
    describe: fn(&[(String, usize, usize)]) -> String,
}

const QUEUE: Chart = Chart {
    id: "queue",
    title: "Messages waiting in the channel after each step, unbounded against bounded",
    y_title: "messages queued",
    per_step: |r| &r.queued_after_step,
    describe: |runs| {
        format!(
            "Messages waiting in the channel after each step, once the consumer has taken its share. With {}, the queue grows by {} every step, the producer's surplus, in a straight line to {} after the last step. With {}, it stays flat at {} or fewer from the start: the bound holds it there, and the producer waits instead.",
            runs[0].0,
            DEMO_RATES.produce_per_step - DEMO_RATES.consume_per_step,
            runs[0].1,
            runs[1].0,
            runs[1].2
        )
    },
};

const WAIT: Chart = Chart {
    id: "wait",
    title: "How long the messages taken in each step had waited, unbounded against bounded",
    y_title: "wait of messages taken (steps)",
    per_step: |r| &r.waited_in_step,
    describe: |runs| {
        format!(
            "The wait, in steps, of the messages the consumer took in each step. With {}, it grows without limit, in a straight line to {} steps at the end. With {}, it stays at {} steps or fewer: the same producer and consumer, with the wait held down by the bound.",
            runs[0].0, runs[0].1, runs[1].0, runs[1].2
        )
    },
};

fn draw(chart: &Chart) -> String {
    let mut series = Vec::new();
    let mut runs = Vec::new();
    let mut top = 1;
    for (colour, queue) in DEMO_QUEUES.into_iter().enumerate() {
        let report = run(queue, DEMO_RATES, DEMO_STEPS);
        let per_step = (chart.per_step)(&report);
        let last = per_step.last().copied().unwrap_or(0);
        let max = per_step.iter().copied().max().unwrap_or(0);
        top = top.max(max);
        runs.push((queue.label(), last, max));
        series.push(Series {
            name: format!("{}: {last} at step {DEMO_STEPS}", queue.label()),
            points: corners(per_step),
            style: Style::Line,
            colour,
        });
    }
    // Round the axis up to the next multiple of 100, and start it a little
    // below 0 so that a line along 0 stays clear of the axis.
    let top = (top.div_ceil(100) * 100) as f64;
    LineChart {
        id: chart.id.into(),
        title: chart.title.into(),
        description: format!(
            "{} The producer offers {} messages a step and the consumer takes {}, for {} steps.",
            (chart.describe)(&runs),
            DEMO_RATES.produce_per_step,
            DEMO_RATES.consume_per_step,
            DEMO_STEPS
        ),
        x: Axis::new(
            Scale::Linear {
                min: 0.0,
                max: DEMO_STEPS as f64,
            },
            &format!(
                "step (producer offers {} a step, consumer takes {})",
                DEMO_RATES.produce_per_step, DEMO_RATES.consume_per_step
            ),
        ),
        y: Axis::new(
            Scale::Linear {
                min: -0.03 * top,
                max: top,
            },
            chart.y_title,
        ),
        series,
    }
    .render()
}

fn main() -> ExitCode {
    let which = std::env::args().nth(1).unwrap_or_default();
    let chart = match which.as_str() {
        "queue" => QUEUE,
        "wait" => WAIT,
        _ => {
            eprintln!("usage: mpsc-backpressure-figures queue|wait");
            return ExitCode::from(2);
        }
    };
    print!("{}", draw(&chart));
    ExitCode::SUCCESS
}
