//! The tests for `FailureRateWindow`. If this file and the chapter
//! disagree, this file is right.

use failure_rate_window::{FailureRateWindow, WindowError};

fn window(size: usize, minimum_calls: usize, threshold_percent: u32) -> FailureRateWindow {
    FailureRateWindow::new(size, minimum_calls, threshold_percent).expect("valid window")
}

/// Records `outcomes` ("F" failed, "S" succeeded) and returns the last verdict.
fn record_all(window: &mut FailureRateWindow, outcomes: &str) -> bool {
    let mut trip = false;
    for outcome in outcomes.chars() {
        trip = window.record(outcome == 'F');
    }
    trip
}

// Pins: a window of zero calls is refused.
#[test]
fn zero_size_is_rejected() {
    let result = FailureRateWindow::new(0, 1, 50);
    assert_eq!(result.err(), Some(WindowError::ZeroSize));
}

// Pins: a minimum of zero calls is refused (a rate over no calls is 0/0).
#[test]
fn zero_minimum_calls_is_rejected() {
    let result = FailureRateWindow::new(10, 0, 50);
    assert_eq!(result.err(), Some(WindowError::ZeroMinimumCalls));
}

// Pins: a minimum larger than the window is refused, since it could never be reached.
#[test]
fn minimum_above_size_is_rejected() {
    let result = FailureRateWindow::new(10, 11, 50);
    assert_eq!(result.err(), Some(WindowError::MinimumCallsAboveSize));
}

// Pins: thresholds outside 1..=100 percent are refused; both ends of the range are accepted.
#[test]
fn threshold_must_be_a_percentage() {
    for bad in [0, 101, 1000] {
        let result = FailureRateWindow::new(10, 5, bad);
        assert_eq!(
            result.err(),
            Some(WindowError::ThresholdOutOfRange),
            "{bad}"
        );
    }
    assert!(FailureRateWindow::new(10, 5, 1).is_ok());
    assert!(FailureRateWindow::new(10, 5, 100).is_ok());
}

// Pins: a new window is empty and has no rate yet.
#[test]
fn starts_empty() {
    let window = window(4, 2, 50);
    assert!(window.is_empty());
    assert_eq!(window.failure_rate_percent(), None);
}

// Pins: below the minimum number of calls it never trips, even when every call failed.
#[test]
fn no_verdict_below_minimum_calls() {
    let mut window = window(10, 5, 50);
    assert!(!record_all(&mut window, "FFFF"));
    assert_eq!(window.failure_rate_percent(), None);
    assert!(
        record_all(&mut window, "F"),
        "the fifth failure reaches the minimum"
    );
}

// Pins: a rate exactly at the threshold trips (at least, not more than).
#[test]
fn trips_at_exactly_the_threshold() {
    let mut window = window(4, 4, 50);
    assert!(record_all(&mut window, "SFSF"));
    assert_eq!(window.failure_rate_percent(), Some(50));
}

// Pins: a rate just under the threshold does not trip.
#[test]
fn does_not_trip_below_the_threshold() {
    let mut window = window(4, 4, 50);
    assert!(!record_all(&mut window, "SSSF"));
    assert_eq!(window.failure_rate_percent(), Some(25));
}

// Pins: the comparison is exact: 1 failure in 3 trips a 33% threshold but not 34%.
#[test]
fn boundary_has_no_rounding_error() {
    let mut at_33 = window(3, 3, 33);
    assert!(record_all(&mut at_33, "SSF"));
    let mut at_34 = window(3, 3, 34);
    assert!(!record_all(&mut at_34, "SSF"));
    assert_eq!(at_34.failure_rate_percent(), Some(33));
}

// Pins: the window holds at most `size` outcomes.
#[test]
fn length_is_capped_at_size() {
    let mut window = window(4, 1, 50);
    record_all(&mut window, "SSSSSSSSSS");
    assert_eq!(window.len(), 4);
}

// Pins: old outcomes slide out: failures older than the window no longer count.
#[test]
fn old_failures_slide_out() {
    let mut window = window(4, 4, 50);
    assert!(record_all(&mut window, "FFFF"));
    assert!(record_all(&mut window, "SS"), "FFSS is still 50%");
    assert!(!record_all(&mut window, "S"), "FSSS is 25%");
    assert_eq!(window.failure_rate_percent(), Some(25));
    record_all(&mut window, "S");
    assert_eq!(window.failure_rate_percent(), Some(0));
}

// Pins: unlike a count of failures in a row, the rate catches a dependency that fails 4 calls in 5.
#[test]
fn catches_failures_broken_up_by_successes() {
    let mut window = window(10, 10, 50);
    assert!(record_all(&mut window, "FFFFSFFFFS"));
    assert_eq!(window.failure_rate_percent(), Some(80));
}

// Pins: a 100% threshold trips only when every call in the window failed.
#[test]
fn full_threshold_needs_every_call_to_fail() {
    let mut window = window(3, 3, 100);
    assert!(!record_all(&mut window, "FFS"));
    assert!(!record_all(&mut window, "FF"), "FSF then SFF");
    assert!(record_all(&mut window, "F"), "FFF");
}

// Pins: reset forgets everything, so old failures cannot trip a freshly closed breaker.
#[test]
fn reset_forgets_every_outcome() {
    let mut window = window(4, 2, 50);
    record_all(&mut window, "FFFF");
    window.reset();
    assert!(window.is_empty());
    assert_eq!(window.failure_rate_percent(), None);
    // Without the reset the window would read FFSS (50%) and trip.
    assert!(!record_all(&mut window, "SS"));
}
