//! The chapter's figure, as SVG on stdout:
//! `cargo run -p estimates --bin estimates-figures -- reference` draws the published
//! latency ladder the chapter cites, Dean 2009 beside Scott 2020, on a log
//! scale. What this machine measures is drawn by
//! `cargo run --release -p estimates --bin latency -- --svg PATH`, which is
//! never recorded.

use std::process::ExitCode;

use estimates::ladder::reference_chart;

fn main() -> ExitCode {
    match std::env::args().nth(1).as_deref() {
        Some("reference") => {
            print!("{}", reference_chart());
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: estimates-figures reference");
            ExitCode::from(2)
        }
    }
}
