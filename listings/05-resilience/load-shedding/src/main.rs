//! `cargo run -p load-shedding` prints every part; `-- fifo`, `-- codel` or
//! `-- bulkheads` prints one.

use load_shedding::bulkhead;
use load_shedding::sim::{self, MS, Policy, Workload};
use std::sync::Arc;
use tokio::sync::Semaphore;

// ANCHOR: setup
const WORKLOAD: Workload = Workload {
    seed: 2015,
    workers: 4,
    mean_service: 10 * MS, // capacity: 4 workers / 10 ms = 400 requests/s
    load: 2.0,             // so 800 requests/s arrive
    duration: 10_000 * MS,
    timeout: 100 * MS,
    critical_percent: 25,
};

const FIFO: [(&str, Policy); 3] = [
    ("unbounded FIFO", Policy::Unbounded),
    ("bounded FIFO (16)", Policy::Bounded { capacity: 16 }),
    ("FIFO, drop expired", Policy::DropExpired),
];
// ANCHOR_END: setup

const CODEL: [(&str, Policy); 3] = [
    (
        "FIFO, 20 ms margin",
        Policy::DropUnlikely { margin: 20 * MS },
    ),
    (
        "CoDel + adaptive LIFO",
        Policy::CoDelLifo {
            target: 5 * MS,
            interval: 100 * MS,
        },
    ),
    (
        "priority (16, 8)",
        Policy::Priority {
            capacity: 16,
            best_effort_limit: 8,
        },
    ),
];

fn policies(list: &[(&str, Policy)], by_class: bool) {
    let requests = WORKLOAD.requests();
    let seconds = WORKLOAD.duration / (1000 * MS);
    println!(
        "{} requests in {seconds} s at {}x capacity (4 workers, 10 ms mean service), timeout 100 ms",
        requests.len(),
        WORKLOAD.load
    );
    println!();
    println!(
        "{:<22} {:>7} {:>9} {:>6} {:>8} {:>7} {:>6} {:>6}",
        "policy", "in time", "goodput/s", "late", "rejected", "dropped", "p50 ms", "p99 ms"
    );
    let mut reports = Vec::new();
    for &(name, policy) in list {
        let r = sim::run(&requests, WORKLOAD.workers, policy);
        println!(
            "{name:<22} {:>7} {:>9} {:>6} {:>8} {:>7} {:>6} {:>6}",
            r.in_time,
            r.in_time as u64 / seconds,
            r.late,
            r.rejected,
            r.dropped,
            r.percentile(50) / MS,
            r.percentile(99) / MS,
        );
        reports.push((name, r));
    }
    if by_class {
        println!();
        println!(
            "{:<22} {:>17} {:>17}",
            "answered in time", "critical", "best-effort"
        );
        for (name, r) in &reports {
            let critical = format!("{} of {}", r.in_time_critical, r.offered_critical);
            let best_effort = format!("{} of {}", r.in_time_best_effort, r.offered_best_effort);
            println!("{name:<22} {critical:>17} {best_effort:>17}");
        }
    }
}

async fn bulkheads() {
    println!("1000 calls in 2 s, half to search (10-30 ms), half to reviews (1000 ms)");
    println!();
    println!(
        "{:<26} {:>15} {:>15}",
        "pools", "search ok/shed", "reviews ok/shed"
    );
    // ANCHOR: pools
    let shared = Arc::new(Semaphore::new(20));
    let one_pool = bulkhead::run(shared.clone(), shared).await;
    let two_pools = bulkhead::run(Arc::new(Semaphore::new(10)), Arc::new(Semaphore::new(10))).await;
    // ANCHOR_END: pools
    for (name, r) in [
        ("one shared pool of 20", one_pool),
        ("two pools of 10", two_pools),
    ] {
        let search = format!("{}/{}", r.search.answered, r.search.shed);
        let reviews = format!("{}/{}", r.reviews.answered, r.reviews.shed);
        println!("{name:<26} {search:>15} {reviews:>15}");
    }
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let part = std::env::args().nth(1);
    let all = [FIFO.as_slice(), CODEL.as_slice()].concat();
    match part.as_deref() {
        Some("fifo") => policies(&FIFO, false),
        Some("codel") => policies(&all, true),
        Some("bulkheads") => bulkheads().await,
        _ => {
            policies(&all, true);
            println!();
            bulkheads().await;
        }
    }
}
