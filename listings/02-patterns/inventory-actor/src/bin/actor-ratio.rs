//! The three designs on real time, with no simulated work: how much does
//! each request cost when the state itself is cheap to change? Timing-
//! dependent, so nothing is recorded; run it with
//! `cargo run --release -p inventory-actor --bin actor-ratio`.

use inventory_actor::Inventory;
use inventory_actor::actor;
use inventory_actor::locked::Locked;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CLIENTS: usize = 8;
const EACH: usize = 20_000;

/// Runs `CLIENTS` tasks of `EACH` calls; returns the wall time and the
/// 99th-percentile time of one call.
async fn measure<F, Fut>(call: F) -> (Duration, Duration)
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        let call = call.clone();
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::with_capacity(EACH);
            for _ in 0..EACH {
                let begun = Instant::now();
                call().await;
                times.push(begun.elapsed());
            }
            times
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.expect("a client panicked"));
    }
    all.sort();
    (start.elapsed(), all[all.len() * 99 / 100])
}

#[tokio::main]
async fn main() {
    if cfg!(debug_assertions) {
        println!("note: built without --release; run it with --release for meaningful ratios.");
    }
    let stock = || Inventory::with_stock(&[("mug", u32::MAX)]);

    let plain = Arc::new(Mutex::new(stock()));
    let (std_total, std_p99) = measure(move || {
        let plain = Arc::clone(&plain);
        async move {
            let _ = plain.lock().expect("not poisoned").reserve("mug", 1);
        }
    })
    .await;

    let locked = Locked::new(stock(), Duration::ZERO);
    let (lock_total, lock_p99) = measure(move || {
        let locked = locked.clone();
        async move {
            let _ = locked.reserve("mug", 1).await;
        }
    })
    .await;

    let (handle, _task) = actor::spawn(stock(), 1024, Duration::ZERO);
    let (actor_total, actor_p99) = measure(move || {
        let handle = handle.clone();
        async move {
            let _ = handle.reserve("mug", 1).await;
        }
    })
    .await;

    let calls = (CLIENTS * EACH) as f64;
    println!("{CLIENTS} tasks x {EACH} reservations, no simulated work");
    println!(
        "{:<22} {:>12} {:>10} {:>14}",
        "design", "calls/s", "p99", "time vs std"
    );
    for (name, total, p99) in [
        ("std::sync::Mutex", std_total, std_p99),
        ("tokio::sync::Mutex", lock_total, lock_p99),
        ("actor (mpsc+oneshot)", actor_total, actor_p99),
    ] {
        println!(
            "{name:<22} {:>12.0} {:>10?} {:>13.1}x",
            calls / total.as_secs_f64(),
            p99,
            total.as_secs_f64() / std_total.as_secs_f64()
        );
    }
}
