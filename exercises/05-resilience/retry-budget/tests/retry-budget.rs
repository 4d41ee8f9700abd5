//! The tests for `RetryBudget` and `send`. If this file and the chapter
//! disagree, this file is right.

use retry_budget::{BudgetError, RetryBudget, send};

fn budget(percent: u32, max_banked: u32) -> RetryBudget {
    RetryBudget::new(percent, max_banked).expect("valid budget")
}

/// Spends retries until the budget refuses; returns how many it allowed.
fn drain(budget: &mut RetryBudget) -> u32 {
    let mut allowed = 0;
    while budget.try_retry() {
        allowed += 1;
        assert!(allowed <= 1_000_000, "the budget never runs out");
    }
    allowed
}

// Pins: a share of requests outside 1..=100 percent is refused.
#[test]
fn percent_out_of_range_is_rejected() {
    assert_eq!(
        RetryBudget::new(0, 10).err(),
        Some(BudgetError::PercentOutOfRange)
    );
    assert_eq!(
        RetryBudget::new(101, 10).err(),
        Some(BudgetError::PercentOutOfRange)
    );
}

// Pins: a budget that can hold no retry is refused.
#[test]
fn zero_max_banked_is_rejected() {
    assert_eq!(
        RetryBudget::new(10, 0).err(),
        Some(BudgetError::ZeroMaxBanked)
    );
}

// Pins: a new budget is empty, so the first failure is not retried.
#[test]
fn starts_empty() {
    let mut b = budget(10, 100);
    assert_eq!(b.available(), 0);
    assert!(!b.try_retry());
}

// Pins: 100 requests at 10% earn exactly 10 retries, and a refused retry
// costs nothing.
#[test]
fn ten_percent_of_requests() {
    let mut b = budget(10, 100);
    for _ in 0..100 {
        b.on_request();
    }
    assert_eq!(b.available(), 10);
    assert_eq!(drain(&mut b), 10);
    assert!(!b.try_retry());
    assert_eq!(b.available(), 0);
}

// Pins: fractions of a retry add up across requests (30% of 4 requests is
// 1.2 retries: one).
#[test]
fn fractions_add_up() {
    let mut b = budget(30, 100);
    for _ in 0..3 {
        b.on_request();
    }
    assert_eq!(b.available(), 0);
    b.on_request();
    assert_eq!(b.available(), 1);
}

// Pins: a drained budget earns retries again from new requests.
#[test]
fn refills_after_running_dry() {
    let mut b = budget(10, 100);
    for _ in 0..20 {
        b.on_request();
    }
    assert_eq!(drain(&mut b), 2);
    for _ in 0..10 {
        b.on_request();
    }
    assert_eq!(b.available(), 1);
    assert!(b.try_retry());
    assert!(!b.try_retry());
}

// Pins: a long quiet spell saves at most `max_banked` retries, so an
// outage after a good day still gets only that many.
#[test]
fn banked_retries_are_capped() {
    let mut b = budget(10, 20);
    for _ in 0..100_000 {
        b.on_request();
    }
    assert_eq!(b.available(), 20);
    assert_eq!(drain(&mut b), 20);
}

// Pins: the cap holds the balance itself, not just what `available` shows:
// after it, 10 requests earn exactly one more retry, no leftover fraction.
#[test]
fn the_cap_leaves_no_hidden_credit() {
    let mut b = budget(30, 1);
    for _ in 0..10 {
        b.on_request();
    }
    assert!(b.try_retry());
    for _ in 0..3 {
        b.on_request();
    }
    assert!(!b.try_retry());
    b.on_request();
    assert!(b.try_retry());
}

// Pins: `send` stops at the first success.
#[test]
fn send_stops_at_the_first_success() {
    let mut b = budget(100, 10);
    b.on_request();
    b.on_request();
    let mut outcomes = [false, true, true].into_iter();
    assert_eq!(send(&mut b, 4, || outcomes.next().unwrap()), 2);
}

// Pins: `send` never makes more than `max_attempts` calls, however rich
// the budget.
#[test]
fn send_respects_max_attempts() {
    let mut b = budget(100, 1000);
    for _ in 0..1000 {
        b.on_request();
    }
    assert_eq!(send(&mut b, 4, || false), 4);
    assert_eq!(send(&mut b, 1, || false), 1);
}

// Pins: only the request deposits, never its retries. At 50%, 100 failing
// requests may make 50 retries: 150 calls. A loop that deposits on every
// attempt pays part of each retry with the retry itself and makes more.
#[test]
fn retries_do_not_earn_retries() {
    let mut b = budget(50, 1000);
    let mut calls = 0;
    for _ in 0..100 {
        calls += send(&mut b, 4, || false);
    }
    assert_eq!(calls, 150);
}

// Pins: a request that succeeds first time still earns its share, and
// `send` spends nothing on it.
#[test]
fn successes_deposit_too() {
    let mut b = budget(10, 100);
    for _ in 0..10 {
        assert_eq!(send(&mut b, 4, || true), 1);
    }
    assert_eq!(b.available(), 1);
}

// Pins: no retry is spent after the last allowed attempt, when there is
// nothing left to retry.
#[test]
fn the_last_attempt_spends_nothing() {
    let mut b = budget(100, 10);
    for _ in 0..4 {
        b.on_request();
    }
    // `send` deposits one more: 5 retries banked, 1 spent on 2 attempts.
    assert_eq!(send(&mut b, 2, || false), 2);
    assert_eq!(b.available(), 4);
}
