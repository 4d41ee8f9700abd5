//! Real timings, not recorded (they depend on the machine):
//! `cargo run --release -p performance --bin performance-timing`.
//! Times the two joins on the heavy user's data, then the four plans on
//! the course's PostgreSQL, and prints each as a ratio to the fastest.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use performance::load::HEAVY;
use performance::pg::{self, PgPlan};
use performance::shop::{Shop, distinct_products, join_hash, join_scan};

/// The median of `runs` timings of `f`, after `runs / 10` untimed ones.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    for _ in 0..runs / 10 {
        f();
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let shop = Shop::new(&[HEAVY, 10]);
    let orders = shop.orders[&1].clone();
    let products = distinct_products(&shop, &orders);
    let scan = median(200, || {
        std::hint::black_box(join_scan(
            std::hint::black_box(&orders),
            std::hint::black_box(&products),
        ));
    });
    let hash = median(200, || {
        std::hint::black_box(join_hash(
            std::hint::black_box(&orders),
            std::hint::black_box(&products),
        ));
    });
    println!(
        "join of {HEAVY} orders: scan {:?}, hash {:?}: the scan takes {:.0}x as long",
        scan,
        hash,
        scan.as_secs_f64() / hash.as_secs_f64()
    );
    let db = match pg::connect(&shop).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut rows = Vec::new();
    for plan in PgPlan::ALL {
        let mut times = Vec::new();
        for i in 0..33 {
            let start = Instant::now();
            if let Err(e) = pg::get_orders(&db, 1, plan).await {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
            if i >= 3 {
                times.push(start.elapsed());
            }
        }
        times.sort();
        rows.push((plan, times[times.len() / 2]));
    }
    let fastest = rows
        .iter()
        .map(|r| r.1)
        .min()
        .unwrap_or(Duration::from_nanos(1));
    println!("GET /orders/1 ({HEAVY} orders) on PostgreSQL, median of 30 runs:");
    for (plan, t) in rows {
        println!(
            "  {:<14} {:>10.2?}  {:>6.1}x the fastest",
            plan.name(),
            t,
            t.as_secs_f64() / fastest.as_secs_f64()
        );
    }
    ExitCode::SUCCESS
}
