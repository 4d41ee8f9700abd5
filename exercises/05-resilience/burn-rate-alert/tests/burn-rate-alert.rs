//! The tests for `BurnRateRule`. If this file and the chapter disagree,
//! this file is right.

use burn_rate_alert::{BurnRateRule, Minute};

const RULE: BurnRateRule = BurnRateRule::FAST_PAGE;

fn minute(bad: u64, valid: u64) -> Minute {
    Minute { valid, bad }
}

/// `n` minutes of 100 requests with no failure.
fn quiet(n: usize) -> Vec<Minute> {
    vec![minute(0, 100); n]
}

// Pins: a window of n minutes holds minutes now-n+1 ..= now, no more, no less.
#[test]
fn window_holds_exactly_the_last_n_minutes() {
    let minutes: Vec<Minute> = (0..8).map(|i| minute(1 << i, 1_000)).collect();
    let w = BurnRateRule::window(&minutes, 5, 3);
    assert_eq!(w.bad, 8 + 16 + 32, "minutes 3, 4 and 5");
    assert_eq!(w.valid, 3_000);
}

// Pins: near the start of the log a window holds the minutes there are.
#[test]
fn window_at_the_start_holds_what_exists() {
    let minutes: Vec<Minute> = (0..8).map(|i| minute(1 << i, 1_000)).collect();
    assert_eq!(BurnRateRule::window(&minutes, 1, 5), minute(3, 2_000));
    assert_eq!(BurnRateRule::window(&minutes, 0, 1), minute(1, 1_000));
}

// Pins: the burn rate is bad / valid over the budget, strictly above the
// threshold: exactly 1.44% errors is 14.4x and does not fire, one more does.
#[test]
fn threshold_is_exact_and_strict() {
    assert!(!RULE.burns_too_fast(minute(1_440, 100_000)));
    assert!(RULE.burns_too_fast(minute(1_441, 100_000)));
    assert!(
        !RULE.burns_too_fast(minute(0, 0)),
        "no requests burn nothing"
    );
}

// Pins: the rate of a window is its failures over all its valid requests,
// not the mean of each minute's rate. One failed request in a quiet minute
// does not outweigh 10,000 good ones.
#[test]
fn rate_is_over_the_whole_window() {
    let mut minutes = vec![minute(0, 2_000); 60];
    minutes[57] = minute(1, 1);
    assert!(!RULE.burns_too_fast(BurnRateRule::window(&minutes, 59, 5)));
    assert!(!RULE.fires(&minutes, 59));
}

// Pins: after recovery the long window is still high but the short one is
// clean, so the rule stops firing.
#[test]
fn long_window_alone_does_not_fire() {
    let mut minutes = quiet(120);
    for m in &mut minutes[40..70] {
        *m = minute(20, 100);
    }
    assert!(RULE.fires(&minutes, 69));
    assert!(!RULE.fires(&minutes, 80), "30 minutes of errors, 11 clean");
}

// Pins: a two-minute blip trips the short window but not the long one.
#[test]
fn short_window_alone_does_not_fire() {
    let mut minutes = quiet(120);
    minutes[100] = minute(6, 100);
    minutes[101] = minute(6, 100);
    assert!(RULE.burns_too_fast(BurnRateRule::window(&minutes, 101, 5)));
    assert_eq!(RULE.first_page(&minutes), None);
}

// Pins: a jump to 20% errors at minute 100 pages at the end of minute
// 104: 14.4 x 0.1% / 20% x 60 min = 4.3 minutes of it.
#[test]
fn pages_at_the_right_minute() {
    let mut minutes = quiet(200);
    for m in &mut minutes[100..] {
        *m = minute(20, 100);
    }
    assert_eq!(RULE.first_page(&minutes), Some(104));
}

// Pins: a log where nothing fails never pages.
#[test]
fn a_clean_log_never_pages() {
    assert_eq!(RULE.first_page(&quiet(500)), None);
    assert_eq!(RULE.first_page(&[]), None);
}
