//! The kettle and the toast on tokio: the same poll log, written by a
//! wrapper future, with tokio's own sleep and tokio's clock paused.
//! Deterministic: current-thread runtime, and a paused clock that tokio
//! moves to the next timer whenever no task is ready.

use tiny_executor::log::Log;
use tiny_executor::traced::Traced;
use tokio::time::{Duration, Instant, sleep};

/// When the runtime started, so log lines show milliseconds since then.
static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

fn now_ms() -> u64 {
    START.get().expect("set in main").elapsed().as_millis() as u64
}

// ANCHOR: breakfast
async fn boil_kettle(log: Log) {
    log.write(now_ms(), "kettle: on");
    sleep(Duration::from_millis(30)).await;
    log.write(now_ms(), "kettle: boiled");
}

async fn make_toast(log: Log) {
    log.write(now_ms(), "toast: in");
    sleep(Duration::from_millis(20)).await;
    log.write(now_ms(), "toast: flipped");
    sleep(Duration::from_millis(20)).await;
    log.write(now_ms(), "toast: done");
}
// ANCHOR_END: breakfast

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    START.get_or_init(Instant::now);
    let log = Log::default();
    let kettle = Traced::new("kettle", boil_kettle(log.clone()), log.clone(), now_ms);
    let toast = Traced::new("toast", make_toast(log.clone()), log.clone(), now_ms);
    // tokio::spawn makes each future a task, as Executor::spawn does.
    let kettle = tokio::spawn(kettle);
    let toast = tokio::spawn(toast);
    kettle.await.expect("kettle task panicked");
    toast.await.expect("toast task panicked");
    for line in log.lines() {
        println!("{line}");
    }
}
// ANCHOR_END: main
