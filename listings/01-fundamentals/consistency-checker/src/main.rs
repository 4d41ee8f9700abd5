//! Prints the chapter's classic histories with their verdicts, then how
//! many of many seeded workloads pass each check when reads go to the
//! primary and when they go to a lagging replica. Deterministic: the
//! workloads come from a fixed seed, and no real threads or clocks run.
//!
//! `cargo run -p consistency-checker -- network` runs the turmoil scenario
//! instead: a primary and a replica on a simulated network, checked once
//! with reads served by each.

use consistency_checker::classic;
use consistency_checker::history::History;
use consistency_checker::network;
use consistency_checker::rng::SplitMix64;
use consistency_checker::simulate::{ReadsFrom, run};
use consistency_checker::{Verdict, linearizable, sequentially_consistent};

const SEED: u64 = 1990;
const WORKLOADS: usize = 1_000;
const CLIENTS: usize = 3;
const OPS_PER_CLIENT: usize = 4;
const LAG: u64 = 8;

fn yes_no(ok: bool) -> &'static str {
    if ok { "yes" } else { "no" }
}

fn order_text(history: &History, order: &[usize]) -> String {
    let steps: Vec<String> = order
        .iter()
        .map(|&i| {
            let text = history.describe(i);
            text[..text.find(" [").unwrap_or(text.len())].to_string()
        })
        .collect();
    steps.join(", ")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => classic_and_workloads(),
        ["network"] => network_scenario(),
        _ => {
            eprintln!("usage: consistency-checker [network]");
            std::process::exit(2);
        }
    }
}

fn classic_and_workloads() {
    println!("Classic histories (register starts at 0; [invoke,return] in ms):");
    let mut verdicts = Vec::new();
    for (number, case) in classic::all().iter().enumerate() {
        println!();
        println!("({}) {}", number + 1, case.name);
        for i in 0..case.history.ops().len() {
            println!("    {}", case.history.describe(i));
        }
        match linearizable(&case.history) {
            Some(order) => println!("  linearizable as: {}", order_text(&case.history, &order)),
            None => match sequentially_consistent(&case.history) {
                Some(order) => {
                    println!("  sequential as: {}", order_text(&case.history, &order))
                }
                None => println!("  no single order explains it"),
            },
        }
        verdicts.push(Verdict::of(&case.history));
    }

    println!();
    println!(
        "{:<8} {:>12} {:>11} {:>7} {:>15}",
        "history", "linearizable", "sequential", "causal", "written values"
    );
    for (number, v) in verdicts.iter().enumerate() {
        println!(
            "{:<8} {:>12} {:>11} {:>7} {:>15}",
            format!("({})", number + 1),
            yes_no(v.linearizable),
            yes_no(v.sequential),
            yes_no(v.causal),
            yes_no(v.written_values)
        );
    }

    println!();
    println!(
        "{WORKLOADS} seeded workloads (seed {SEED}): {CLIENTS} clients, {OPS_PER_CLIENT} reads or writes each."
    );
    println!(
        "{:<24} {:>12} {:>11} {:>7} {:>15}",
        "reads served by", "linearizable", "sequential", "causal", "written values"
    );
    for (label, reads_from) in [
        ("the primary".to_string(), ReadsFrom::Primary),
        (
            format!("a replica {LAG} ticks behind"),
            ReadsFrom::Replica { lag: LAG },
        ),
    ] {
        let mut rng = SplitMix64::new(SEED);
        let mut counts = [0usize; 4];
        for _ in 0..WORKLOADS {
            let history = run(CLIENTS, OPS_PER_CLIENT, reads_from, &mut |n| rng.below(n));
            let v = Verdict::of(&history);
            for (count, ok) in
                counts
                    .iter_mut()
                    .zip([v.linearizable, v.sequential, v.causal, v.written_values])
            {
                *count += usize::from(ok);
            }
        }
        println!(
            "{:<24} {:>12} {:>11} {:>7} {:>15}",
            label, counts[0], counts[1], counts[2], counts[3]
        );
    }
}

fn network_scenario() {
    let (cut, healed) = network::PARTITION_MS;
    println!(
        "Primary and replica on a simulated network (turmoil, seed {}).",
        network::SEED
    );
    println!(
        "Datagrams take {} to {} ms. A send from primary to replica breaks the link",
        network::MIN_LATENCY.as_millis(),
        network::MAX_LATENCY.as_millis()
    );
    println!(
        "with chance {} (what is in flight is lost); the link is cut from {cut} to {healed} ms.",
        network::LOSS_PER_SEND
    );
    println!(
        "The primary re-sends its state every {} ms. {} clients, {} operations each.",
        network::RESEND_EVERY.as_millis(),
        network::CLIENTS,
        network::OPS_PER_CLIENT
    );

    let runs = [
        ("the primary", network::run(network::ReadsFrom::Primary)),
        ("the replica", network::run(network::ReadsFrom::Replica)),
    ];
    let (_, replica_run) = &runs[1];
    let history = &replica_run.history;
    let stale = network::stale_reads(history);
    println!();
    println!("Reads served by the replica ([invoke,return] in virtual ms):");
    for i in 0..history.ops().len() {
        let op = history.ops()[i];
        let during = op.invoke < healed && op.ret > cut;
        let mut notes = Vec::new();
        if during {
            notes.push("during the partition");
        }
        if stale.contains(&i) {
            notes.push("stale");
        }
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!("  <- {}", notes.join(", "))
        };
        println!("    {}{notes}", history.describe(i));
    }

    println!();
    println!(
        "{:<16} {:>12} {:>11} {:>7} {:>15} {:>12}",
        "reads served by", "linearizable", "sequential", "causal", "written values", "stale reads"
    );
    for (label, run) in &runs {
        let v = Verdict::of(&run.history);
        println!(
            "{:<16} {:>12} {:>11} {:>7} {:>15} {:>12}",
            label,
            yes_no(v.linearizable),
            yes_no(v.sequential),
            yes_no(v.causal),
            yes_no(v.written_values),
            network::stale_reads(&run.history).len()
        );
    }
}
