//! `cargo run -p deadlines` runs the same seeded fault with per-hop
//! timeouts and with a propagated deadline, and prints them side by side.
//! `-- choose` picks a timeout from inventory's healthy latencies;
//! `-- skew` shows a 300 ms budget crossing clocks that disagree.

use deadlines::sim::{self, Mode, Report, Scenario, healthy_latency, percentile};
use deadlines::skew::budget_seen;
use seeded::SplitMix64;

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    match std::env::args().nth(1).as_deref() {
        None => side_by_side().await,
        Some("choose") => choose(),
        Some("skew") => skew(),
        Some(other) => eprintln!("unknown argument {other}; try choose or skew"),
    }
}

/// A table row: its label and how to read its cell from a report.
type Row = (&'static str, fn(&Report) -> String);

async fn side_by_side() {
    let scenario = Scenario::default();
    println!(
        "{} requests, one every {} ms; the user waits {} ms",
        scenario.requests,
        scenario.every.as_millis(),
        sim::USER_TIMEOUT.as_millis()
    );
    println!(
        "fault: inventory ({} workers) takes {} ms a call from {} ms to {} ms",
        scenario.inventory_workers,
        scenario.fault_latency.as_millis(),
        scenario.fault.0.as_millis(),
        scenario.fault.1.as_millis()
    );
    let per_hop = sim::run(Mode::PerHop, scenario.clone()).await;
    let deadline = sim::run(Mode::Deadline, scenario).await;
    println!();
    println!("{:<44}{:>14}{:>14}", "", "per-hop", "deadline");
    let rows: [Row; 8] = [
        ("answered in time", |r| {
            format!("{}/{}", r.answered_in_time, r.requests)
        }),
        ("answered in time, sent during the fault", |r| {
            format!("{}/{}", r.answered_during_fault, r.sent_during_fault)
        }),
        ("last failed request was sent at (ms)", |r| {
            r.last_failure_ms.to_string()
        }),
        ("got an error before the user gave up", |r| {
            r.failed_fast.to_string()
        }),
        ("user gave up at 300 ms", |r| r.user_gave_up.to_string()),
        ("user-visible latency p50 (ms)", |r| r.p50_ms.to_string()),
        ("user-visible latency p99 (ms)", |r| r.p99_ms.to_string()),
        ("work after the user gave up (ms)", |r| {
            format!("{}/{}", r.wasted_ms, r.work_ms)
        }),
    ];
    for (label, cell) in rows {
        println!("{label:<44}{:>14}{:>14}", cell(&per_hop), cell(&deadline));
    }
}

fn choose() {
    let mut rng = SplitMix64(2026);
    let mut samples: Vec<u64> = (0..100_000)
        .map(|_| healthy_latency(&mut rng).as_micros() as u64)
        .collect();
    samples.sort_unstable();
    println!("100000 healthy inventory calls (ms):");
    for p in [50.0, 90.0, 99.0, 99.9] {
        println!("  p{p:<5} {:>6.1}", percentile(&samples, p) as f64 / 1000.0);
    }
    println!(
        "  max    {:>6.1}",
        *samples.last().unwrap_or(&0) as f64 / 1000.0
    );
    println!();
    // ANCHOR: choose
    let p99 = percentile(&samples, 99.0);
    let p999 = percentile(&samples, 99.9);
    let candidates = [
        ("p50", percentile(&samples, 50.0)),
        ("p99", p99),
        ("p99 + 50%", p99 * 3 / 2),
        ("p99.9 + 20%", p999 * 6 / 5),
    ];
    println!("timeout           ms   healthy calls it cuts off");
    for (name, t) in candidates {
        let cut = samples.iter().filter(|&&s| s > t).count();
        let pct = cut as f64 * 100.0 / samples.len() as f64;
        println!(
            "{name:<12} {:>7.1}   {cut:>6} ({pct:.2}%)",
            t as f64 / 1000.0
        );
    }
    // ANCHOR_END: choose
}

fn skew() {
    println!("a 300 ms budget, 2 ms in transit; orders' clock is off by the skew");
    println!(
        "{:>10}  {:>22}  {:>22}",
        "skew (ms)", "absolute: left (ms)", "relative: left (ms)"
    );
    for skew in [-250, -50, -5, 0, 5, 50, 250, 400] {
        let (absolute, relative) = budget_seen(300, 2, skew);
        let verdict = if absolute <= 0 { " expired" } else { "" };
        println!("{skew:>10}  {absolute:>14}{verdict:>8}  {relative:>22}");
    }
    println!("true time left on arrival: 298 ms");
}
