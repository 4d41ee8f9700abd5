//! Raft under random faults, over many seeds:
//! `cargo run --release -p raft --bin raft-faults -- raft --seeds 1000`
//! sweeps seeds 0 to 999 (partitions, crashes and restarts, loss,
//! duplication, delay, five clients); `-- commit-by-counting --seed 3`
//! replays one seed and prints its faults, its elections, the clients'
//! operations and the verdict. `--crash-before-send` after `--seeds N`,
//! or the suffix `+crash-before-send` on the variant's name (the form the
//! faults step runs), makes every crash fall after a step's write to disk
//! and before its messages leave.
//!
//! A seed is safe when at most one node won each term, no two nodes
//! applied different entries at one index, and each key's history is
//! linearizable. It prints the lines `cargo xtask test --step faults`
//! reads, like the `fault-sweep` crate's binaries, without turmoil: the
//! crate simulates its own network.

use std::process::ExitCode;

use raft::faults::{self, Schedule};
use raft::node::{Event, Variant, name};

const USAGE: &str =
    "usage: raft-faults <variant>[+crash-before-send] [--seeds N [--crash-before-send] | --seed S]";
const PROPERTY: &str = "safe";
/// A variant named with this suffix sweeps with every crash between a
/// step's write to disk and its messages.
const BEFORE_SEND: &str = "+crash-before-send";

/// The variant's name as the faults step and a replay command spell it.
fn label(variant: Variant, before_send: bool) -> String {
    let suffix = if before_send { BEFORE_SEND } else { "" };
    format!("{}{suffix}", variant.name())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse(&args) {
        Ok((variant, Mode::Sweep(seeds, before_send))) => sweep(variant, seeds, before_send),
        Ok((variant, Mode::Replay(seed, before_send))) => replay(variant, seed, before_send),
        Err(message) => {
            let names: Vec<&str> = Variant::ALL.iter().map(|v| v.name()).collect();
            eprintln!("error: {message}\n{USAGE}\nvariants: {}", names.join(", "));
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

enum Mode {
    /// Seeds, and whether every crash falls between persist and send.
    Sweep(u64, bool),
    /// A seed, and whether every crash falls between persist and send.
    Replay(u64, bool),
}

fn parse(args: &[String]) -> Result<(Variant, Mode), String> {
    let given = args.first().ok_or("no variant given")?;
    let (name, suffix) = match given.strip_suffix(BEFORE_SEND) {
        Some(name) => (name, true),
        None => (given.as_str(), false),
    };
    let variant = Variant::from_name(name).ok_or(format!("unknown variant `{name}`"))?;
    let number = |i: usize| -> Result<u64, String> {
        let text = args.get(i).ok_or("a number must follow the flag")?;
        text.parse().map_err(|_| format!("not a number: `{text}`"))
    };
    match args.get(1).map(String::as_str) {
        None => Ok((variant, Mode::Sweep(1000, suffix))),
        Some("--seeds") if args.len() == 3 => Ok((variant, Mode::Sweep(number(2)?, suffix))),
        Some("--seeds") if args.len() == 4 && args[3] == "--crash-before-send" => {
            Ok((variant, Mode::Sweep(number(2)?, true)))
        }
        Some("--seed") if args.len() == 3 => Ok((variant, Mode::Replay(number(2)?, suffix))),
        Some(other) => Err(format!("unexpected `{other}`")),
    }
}

fn replay_command(variant: Variant, seed: u64, before_send: bool) -> String {
    format!(
        "cargo run --release -p raft --bin raft-faults -- {} --seed {seed}",
        label(variant, before_send)
    )
}

/// Every seed, on every core.
fn sweep(variant: Variant, seeds: u64, before_send: bool) {
    let results = faults::sweep_with(variant, seeds, before_send);
    let broken: Vec<&(u64, faults::Outcome)> = results
        .iter()
        .filter(|(_, o)| !o.violations.is_empty())
        .collect();
    for (seed, outcome) in broken.iter().take(3) {
        println!("violation at seed {seed}: {}", outcome.violations[0]);
        println!("  replay: {}", replay_command(variant, *seed, before_send));
    }
    let answered: usize = results.iter().map(|(_, o)| o.answered).sum();
    let elections: usize = results.iter().map(|(_, o)| o.elections).sum();
    let asked = seeds as usize * faults::CLIENTS * faults::OPS_PER_CLIENT;
    if before_send {
        let crashes: u64 = results.iter().map(|(_, o)| o.crashes_before_send).sum();
        println!("crashes between persist and send: {crashes}");
    }
    println!(
        "{}: {elections} elections won, {answered} of {asked} client operations answered",
        label(variant, before_send)
    );
    let mut kinds = [0usize; 3];
    for (_, o) in &broken {
        for (i, what) in ["two leaders", "applied as", "not linearizable"]
            .iter()
            .enumerate()
        {
            if o.violations.iter().any(|v| v.contains(what)) {
                kinds[i] += 1;
            }
        }
    }
    if !broken.is_empty() {
        println!(
            "seeds with two leaders in a term: {}, different entries applied at an index: {}, a key not linearizable: {}",
            kinds[0], kinds[1], kinds[2]
        );
    }
    println!(
        "summary: {}: {seeds} seeds, {} not {PROPERTY}",
        label(variant, before_send),
        broken.len()
    );
}

fn replay(variant: Variant, seed: u64, before_send: bool) {
    let schedule = Schedule::generate(seed);
    println!("raft-faults {}, seed {seed}", label(variant, before_send));
    println!(
        "network: delay {}..{} ms, loss {:.1}%, duplicates {:.1}%",
        schedule.net.delay_min,
        schedule.net.delay_max,
        schedule.net.loss * 100.0,
        schedule.net.duplicate * 100.0
    );
    let mut faults = Vec::new();
    let (cluster, outcome) = faults::run_with(variant, seed, before_send, |at, what| {
        faults.push((at, what))
    });
    // Faults and elections in time order.
    let mut lines: Vec<(u64, String)> = faults;
    for (at, node, event) in &cluster.events {
        if let Event::Elected { term, votes } = event {
            let votes: Vec<String> = votes.iter().map(|&v| name(v)).collect();
            lines.push((
                *at,
                format!(
                    "{} leads term {term} (votes {})",
                    name(*node),
                    votes.join(" ")
                ),
            ));
        }
    }
    lines.sort_by_key(|(at, _)| *at);
    // A broken run shows the last second before its first violation; a
    // safe one shows everything.
    let from = cluster
        .first_violation_at
        .map_or(0, |at| at.saturating_sub(1_000));
    let to = cluster.first_violation_at.unwrap_or(u64::MAX);
    let earlier = lines.iter().filter(|(at, _)| *at < from).count();
    if earlier > 0 {
        println!("({earlier} faults and elections before {from} ms not shown)");
    }
    for (at, line) in lines.iter().filter(|(at, _)| (from..=to).contains(at)) {
        println!("{at:>5} ms  {line}");
    }
    if let Some(at) = cluster.first_violation_at {
        println!("{at:>5} ms  first violation");
    }
    let bad = cluster.non_linearizable_keys();
    println!(
        "keys whose history is linearizable: {} of {}",
        faults::KEYS.len() - bad.len(),
        faults::KEYS.len()
    );
    for (key, ops) in cluster
        .histories()
        .into_iter()
        .filter(|(k, _)| bad.contains(k))
    {
        let shown: Vec<String> = ops
            .iter()
            .map(|op| {
                let ret = if op.ret == u64::MAX {
                    "?".to_string()
                } else {
                    op.ret.to_string()
                };
                format!("c{} {} [{},{ret}]", op.client + 1, op.kind, op.invoke)
            })
            .collect();
        println!("key {key}: {}", shown.join(", "));
    }
    if outcome.violations.is_empty() {
        println!("verdict: {PROPERTY}");
    } else {
        for v in outcome.violations.iter().take(3) {
            println!("violation: {v}");
        }
        if outcome.violations.len() > 3 {
            println!("({} more violations)", outcome.violations.len() - 3);
        }
        println!("verdict: not {PROPERTY}");
    }
}
