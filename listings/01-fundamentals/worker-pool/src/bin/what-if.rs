//! Simulates the thumbnail pipeline (decode 1 tick, resize 3, upload 2) with
//! the worker counts given on the command line, for example
//! `cargo run -p worker-pool --bin what-if -- 1 2 1`, and prints the model's
//! and the simulation's ticks per item. Deterministic: simulated clock only.

use std::process::ExitCode;

use worker_pool::pipeline::Stage;
use worker_pool::sim::{bottleneck, simulate};

const ITEMS: usize = 24;
const CAPACITY: usize = 2;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let workers: Option<Vec<usize>> = args
        .iter()
        .map(|a| a.parse().ok().filter(|&w| w > 0))
        .collect();
    let Some([d, r, u]) = workers
        .as_deref()
        .map(<[usize]>::to_vec)
        .and_then(|w| <[usize; 3]>::try_from(w).ok())
    else {
        eprintln!(
            "usage: what-if <decode workers> <resize workers> <upload workers>, each at least 1"
        );
        return ExitCode::FAILURE;
    };
    let stages = [
        Stage {
            name: "decode",
            workers: d,
            cost_ticks: 1,
        },
        Stage {
            name: "resize",
            workers: r,
            cost_ticks: 3,
        },
        Stage {
            name: "upload",
            workers: u,
            cost_ticks: 2,
        },
    ];
    let (slowest, per_item) = bottleneck(&stages);
    let names: Vec<&str> = slowest.iter().map(|s| s.name).collect();
    let sim = simulate(&stages, ITEMS, CAPACITY);
    println!("workers d/r/u: {d}/{r}/{u}");
    println!(
        "slowest stage: {}, {per_item:.2} ticks per item (model)",
        names.join(", ")
    );
    println!(
        "simulated: {:.2} ticks per item, {} ticks for {ITEMS} items",
        sim.ticks_per_item.expect("more than one item"),
        sim.total_ticks
    );
    ExitCode::SUCCESS
}
