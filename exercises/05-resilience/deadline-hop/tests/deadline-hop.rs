//! The tests for one hop of a deadline. If this file and the chapter
//! disagree, this file is right.

use deadline_hop::{HopError, forward, outgoing_budget, parse_budget};
use std::future::pending;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::time::{Instant, advance, sleep};

const MS: Duration = Duration::from_millis(1);

// Pins: the budget is digits only, 1 to 8 of them.
#[test]
fn parses_only_plain_digits() {
    assert_eq!(parse_budget("250"), Ok(250 * MS));
    assert_eq!(parse_budget("0"), Ok(Duration::ZERO));
    assert_eq!(parse_budget("99999999"), Ok(99_999_999 * MS));
    for bad in ["", "-5", "+5", " 5", "5 ", "1e3", "2.5", "5ms", "٣"] {
        assert_eq!(parse_budget(bad), Err(HopError::Malformed), "{bad:?}");
    }
}

// Pins: a value too long to be a budget is refused, not wrapped or panicked on.
#[test]
fn refuses_overflowing_budgets() {
    assert_eq!(parse_budget("123456789"), Err(HopError::Malformed));
    assert_eq!(
        parse_budget("18446744073709551616"),
        Err(HopError::Malformed)
    );
    let huge = "9".repeat(400);
    assert_eq!(outgoing_budget(&huge, MS, MS, MS), Err(HopError::Malformed));
}

// Pins: the next hop gets the budget minus what we spent and our reserve.
#[test]
fn passes_on_what_is_left() {
    assert_eq!(
        outgoing_budget("300", 40 * MS, 10 * MS, 5 * MS),
        Ok("250".to_string())
    );
    assert_eq!(
        outgoing_budget("300", Duration::ZERO, Duration::ZERO, MS),
        Ok("300".to_string())
    );
}

// Pins: partial milliseconds are dropped, never rounded up into budget we lack.
#[test]
fn rounds_down() {
    let spent = Duration::from_micros(40_600);
    assert_eq!(
        outgoing_budget("300", spent, Duration::ZERO, MS),
        Ok("259".to_string())
    );
}

// Pins: a spent budget is refused, with no underflow panic.
#[test]
fn refuses_when_expired() {
    assert_eq!(
        outgoing_budget("300", 400 * MS, Duration::ZERO, MS),
        Err(HopError::Expired)
    );
    assert_eq!(
        outgoing_budget("300", 290 * MS, 20 * MS, MS),
        Err(HopError::Expired)
    );
    assert_eq!(
        outgoing_budget("0", Duration::ZERO, Duration::ZERO, MS),
        Err(HopError::Expired)
    );
}

// Pins: too little left for the next hop is a refusal; exactly enough is not.
#[test]
fn refuses_below_the_minimum() {
    assert_eq!(
        outgoing_budget("100", 90 * MS, Duration::ZERO, 20 * MS),
        Err(HopError::Expired)
    );
    assert_eq!(
        outgoing_budget("100", 80 * MS, Duration::ZERO, 20 * MS),
        Ok("20".to_string())
    );
}

// Pins: time since arrival is spent budget, and downstream gets the rest.
#[tokio::test(start_paused = true)]
async fn forward_counts_time_since_arrival() {
    let arrived = Instant::now();
    advance(100 * MS).await;
    let seen = forward(
        arrived,
        "300",
        50 * MS,
        10 * MS,
        pending(),
        |budget| async move { budget },
    )
    .await;
    assert_eq!(seen, Ok("150".to_string()));
}

// Pins: a downstream call that outlives the budget is stopped at it.
#[tokio::test(start_paused = true)]
async fn forward_stops_waiting_at_the_budget() {
    let start = Instant::now();
    let result = forward(start, "200", Duration::ZERO, MS, pending(), |_| {
        sleep(10_000 * MS)
    })
    .await;
    assert_eq!(result, Err(HopError::Expired));
    assert_eq!(start.elapsed(), 200 * MS);
}

// Pins: the wait ends at the outgoing budget, not the incoming one: time
// already spent and the reserve come out of it.
#[tokio::test(start_paused = true)]
async fn forward_waits_only_what_it_passed_on() {
    let arrived = Instant::now();
    advance(100 * MS).await;
    let result = forward(arrived, "300", 50 * MS, MS, pending(), |_| {
        sleep(10_000 * MS)
    })
    .await;
    assert_eq!(result, Err(HopError::Expired));
    assert_eq!(arrived.elapsed(), 250 * MS);
}

// Pins: a refused request never calls downstream.
#[tokio::test(start_paused = true)]
async fn forward_does_not_call_when_refused() {
    let called = AtomicBool::new(false);
    let result = forward(
        Instant::now(),
        "5",
        Duration::ZERO,
        10 * MS,
        pending(),
        |_| {
            called.store(true, Ordering::SeqCst);
            async {}
        },
    )
    .await;
    assert_eq!(result, Err(HopError::Expired));
    assert!(!called.load(Ordering::SeqCst));
}

// Pins: when the caller goes away, the hop returns at once and drops downstream work.
#[tokio::test(start_paused = true)]
async fn forward_obeys_the_callers_cancellation() {
    let finished = Arc::new(AtomicBool::new(false));
    let done = finished.clone();
    let start = Instant::now();
    let result = forward(
        start,
        "1000",
        Duration::ZERO,
        MS,
        sleep(30 * MS),
        move |_| async move {
            sleep(500 * MS).await;
            done.store(true, Ordering::SeqCst);
        },
    )
    .await;
    assert_eq!(result, Err(HopError::Cancelled));
    assert_eq!(start.elapsed(), 30 * MS);
    sleep(1000 * MS).await;
    assert!(
        !finished.load(Ordering::SeqCst),
        "the downstream work went on"
    );
}
