//! Prints one section of the chapter per argument (`join`, `race`,
//! `compose`, `cancel`, `shutdown`, `limit`, `blocking`), or every section without
//! one. Deterministic: one runtime thread and a paused clock, so every time
//! printed is virtual and the same on every run.

use async_coordination::blocking::{Wait, three_requests};
use async_coordination::bound::{fetch_all_bounded, fetch_all_unbounded};
use async_coordination::cancel::{Caller, Worker, impatient_transfer, shut_down_at_250_ms};
use async_coordination::join::{load_page_joined, load_page_sequential};
use async_coordination::ms;
use async_coordination::race::{
    call_with_timeout, first_answer, handle_for_100_ms, profile_and_search, send_every,
};
use async_coordination::timeline::Timeline;

const SECTIONS: [&str; 7] = [
    "join", "race", "compose", "cancel", "shutdown", "limit", "blocking",
];

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let wanted: Vec<String> = std::env::args().skip(1).collect();
    if let Some(unknown) = wanted.iter().find(|w| !SECTIONS.contains(&w.as_str())) {
        eprintln!("unknown section {unknown:?}; choose from {SECTIONS:?}");
        std::process::exit(2);
    }
    for section in SECTIONS {
        if wanted.is_empty() || wanted.iter().any(|w| w == section) {
            match section {
                "join" => join().await,
                "race" => race().await,
                "compose" => compose().await,
                "cancel" => cancel().await,
                "shutdown" => shutdown().await,
                "limit" => limit().await,
                _ => blocking().await,
            }
        }
    }
}

fn print_timeline(timeline: &Timeline) {
    for line in timeline.lines() {
        println!("  {line}");
    }
}

async fn join() {
    println!("Two independent calls of 100 ms each.");
    let timeline = Timeline::start();
    load_page_sequential(&timeline).await;
    println!("awaited one after the other:");
    print_timeline(&timeline);
    println!("  page ready after {} ms", timeline.elapsed_ms());
    let timeline = Timeline::start();
    load_page_joined(&timeline).await;
    println!("with join!:");
    print_timeline(&timeline);
    println!("  page ready after {} ms", timeline.elapsed_ms());
}

async fn race() {
    println!("select! between replica-east (80 ms) and replica-west (30 ms):");
    let timeline = Timeline::start();
    let answer = first_answer(&timeline).await;
    print_timeline(&timeline);
    println!("  select! returned: {answer}");
    for latency in [80, 20] {
        println!("timeout of 50 ms around a call that takes {latency} ms:");
        let timeline = Timeline::start();
        let result = call_with_timeout(ms(latency), ms(50), &timeline).await;
        print_timeline(&timeline);
        println!("  timeout returned: {result:?}");
    }
}

/// The quiz's two programs: a timeout inside `join!`, and a sleep inside a
/// `select!` loop.
async fn compose() {
    println!("join! of a 100 ms call and a 50 ms timeout around an 80 ms call:");
    let timeline = Timeline::start();
    let (_profile, search) = profile_and_search(&timeline).await;
    print_timeline(&timeline);
    println!(
        "  join! returned after {} ms; search: {search:?}",
        timeline.elapsed_ms()
    );
    println!("select! in a loop, with a message every 60 ms for 600 ms:");
    let timeline = Timeline::start();
    let (outbox, inbox) = tokio::sync::mpsc::channel(16);
    let sender = tokio::spawn(send_every(outbox, 10, ms(60)));
    let handled = handle_for_100_ms(inbox).await;
    sender.await.expect("the sender does not panic");
    println!(
        "  handle_for_100_ms returned after {} ms; messages handled: {handled}",
        timeline.elapsed_ms()
    );
}

async fn cancel() {
    println!("Move 60 from checking (100) to savings (0); the caller waits 50 ms.");
    let callers = [
        (Caller::AwaitInPlace, "timeout around the transfer"),
        (Caller::Spawned, "timeout around a spawned transfer"),
    ];
    for (caller, label) in callers {
        println!("{label}:");
        let timeline = Timeline::start();
        let accounts = impatient_transfer(caller, &timeline).await;
        print_timeline(&timeline);
        println!(
            "  at 150 ms: checking {}, savings {}, total {}",
            accounts.checking,
            accounts.savings,
            accounts.total()
        );
    }
}

async fn shutdown() {
    println!("A worker runs 100 ms jobs; shutdown is requested at 250 ms.");
    let workers = [
        (Worker::Abrupt, "select! on the token around each job"),
        (Worker::Graceful, "token checked between jobs"),
    ];
    for (worker, label) in workers {
        println!("{label}:");
        let timeline = Timeline::start();
        let done = shut_down_at_250_ms(worker, &timeline).await;
        print_timeline(&timeline);
        println!("  jobs finished: {done}");
    }
}

async fn limit() {
    println!("Ten backend calls of 100 ms each.");
    let unbounded = fetch_all_unbounded(10).await;
    println!(
        "no limit:                  {:>4} ms, at most {:>2} in flight",
        unbounded.elapsed_ms, unbounded.peak_in_flight
    );
    let bounded = fetch_all_bounded(10, 3).await;
    println!(
        "Semaphore with 3 permits:  {:>4} ms, at most {:>2} in flight",
        bounded.elapsed_ms, bounded.peak_in_flight
    );
}

async fn blocking() {
    println!("Three requests on one runtime thread, each waiting 100 ms.");
    for wait in Wait::ALL {
        let peak = three_requests(wait).await;
        println!("{:<27} at most {peak} in flight", wait.label());
    }
}
