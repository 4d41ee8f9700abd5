//! The tests for `DrainTracker`. If this file and the chapter disagree,
//! this file is right. They run on tokio's paused clock: sleeps take no
//! real time and `Instant` differences are exact.

use std::time::Duration;

use drain_tracker::{DrainTracker, Drained};
use tokio::time::{Instant, sleep, timeout};

const MS: Duration = Duration::from_millis(1);

/// Holds a guard for `ms` milliseconds, as a request that takes that long.
fn request(t: &DrainTracker, ms: u64) -> tokio::task::JoinHandle<()> {
    let guard = t.try_enter().expect("admitted");
    tokio::spawn(async move {
        sleep(MS * ms as u32).await;
        drop(guard);
    })
}

/// Runs `shutdown` with a watchdog, so a tracker that never resolves fails
/// the test instead of hanging it. Returns the result and when it came.
async fn shutdown(t: &DrainTracker, deadline_ms: u64) -> (Drained, Duration) {
    let start = Instant::now();
    let d = timeout(
        Duration::from_secs(3600),
        t.shutdown(MS * deadline_ms as u32),
    )
    .await
    .expect("shutdown never resolved");
    (d, start.elapsed())
}

// Pins: guards are counted while alive and uncounted when dropped.
#[tokio::test(start_paused = true)]
async fn counts_guards_in_flight() {
    let t = DrainTracker::new();
    let a = t.try_enter().unwrap();
    let b = t.clone().try_enter().unwrap();
    assert_eq!(t.in_flight(), 2);
    drop(a);
    assert_eq!(t.in_flight(), 1);
    drop(b);
    assert_eq!(t.in_flight(), 0);
}

// Pins: nothing in flight, nothing to wait for.
#[tokio::test(start_paused = true)]
async fn idle_shutdown_is_clean_at_once() {
    let t = DrainTracker::new();
    assert_eq!(shutdown(&t, 5_000).await, (Drained::Clean, Duration::ZERO));
}

// Catches: a tracker that keeps admitting after shutdown began.
#[tokio::test(start_paused = true)]
async fn refuses_new_requests_once_shutdown_starts() {
    let t = DrainTracker::new();
    request(&t, 100);
    let t2 = t.clone();
    let late = tokio::spawn(async move {
        sleep(MS * 10).await;
        t2.try_enter().is_some()
    });
    shutdown(&t, 5_000).await;
    assert!(
        !late.await.unwrap(),
        "a request arriving during the drain was admitted"
    );
    assert!(t.try_enter().is_none(), "admitted after the drain finished");
}

// Catches: a shutdown that returns before the requests are done.
#[tokio::test(start_paused = true)]
async fn waits_for_the_slowest_request() {
    let t = DrainTracker::new();
    request(&t, 100);
    request(&t, 257);
    request(&t, 40);
    assert_eq!(shutdown(&t, 5_000).await, (Drained::Clean, MS * 257));
}

// Catches: a shutdown that sleeps the whole deadline, then looks, or one
// that polls the count on a timer (313 ms is on no round tick).
#[tokio::test(start_paused = true)]
async fn resolves_when_the_last_guard_drops_not_at_the_deadline() {
    let t = DrainTracker::new();
    request(&t, 313);
    let (d, took) = shutdown(&t, 30_000).await;
    assert_eq!(d, Drained::Clean);
    assert_eq!(
        took,
        MS * 313,
        "resolved at {took:?}, not when the request finished"
    );
}

// Catches: a drain with no deadline, and one that miscounts what it abandons.
#[tokio::test(start_paused = true)]
async fn deadline_bounds_the_drain() {
    let t = DrainTracker::new();
    request(&t, 100);
    request(&t, 10_000);
    let _stuck = t.try_enter().unwrap(); // never dropped
    assert_eq!(
        shutdown(&t, 1_000).await,
        (Drained::DeadlineHit { abandoned: 2 }, MS * 1_000)
    );
}

// Catches: a count that is only checked once, or a wake-up that is lost
// when guards finish one after another.
#[tokio::test(start_paused = true)]
async fn many_requests_finishing_at_different_times() {
    let t = DrainTracker::new();
    for i in 1..=50 {
        request(&t, i * 7 + 3);
    }
    assert_eq!(shutdown(&t, 5_000).await, (Drained::Clean, MS * 353));
    assert_eq!(t.in_flight(), 0);
}
