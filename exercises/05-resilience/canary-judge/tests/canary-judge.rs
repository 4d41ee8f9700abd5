//! The tests for `CanaryJudge`. If this file and the chapter disagree,
//! this file is right.

use canary_judge::{CanaryJudge, Counts, JudgeError, Verdict};

fn c(requests: u64, failures: u64) -> Counts {
    Counts { requests, failures }
}

fn judge() -> CanaryJudge {
    CanaryJudge::new(100, 5).expect("a valid judge")
}

// Pins: a judge that needs no requests, or a threshold above 100 points, is refused.
#[test]
fn bad_settings_are_rejected() {
    assert_eq!(CanaryJudge::new(0, 5).err(), Some(JudgeError::ZeroMinimum));
    assert_eq!(
        CanaryJudge::new(10, 101).err(),
        Some(JudgeError::ThresholdAbove100)
    );
    assert!(CanaryJudge::new(1, 100).is_ok());
}

// Pins: 3 failed requests of 3 are not evidence; the judge waits until the canary has 100.
#[test]
fn waits_for_enough_canary_requests() {
    assert_eq!(judge().judge(c(10_000, 100), c(3, 3)), Verdict::Wait);
    assert_eq!(judge().judge(c(10_000, 100), c(99, 99)), Verdict::Wait);
    assert_eq!(judge().judge(c(10_000, 100), c(100, 99)), Verdict::Rollback);
}

// Pins: the baseline needs enough requests too; its rate over 10 is noise.
#[test]
fn waits_for_enough_baseline_requests() {
    assert_eq!(judge().judge(c(10, 0), c(1_000, 100)), Verdict::Wait);
}

// Pins: rates, not counts. 10 of 100 is far worse than 100 of 10,000, and
// 50 of 10,000 is far better than 10 of 100.
#[test]
fn compares_rates_not_counts() {
    assert_eq!(judge().judge(c(10_000, 100), c(100, 10)), Verdict::Rollback);
    assert_eq!(judge().judge(c(100, 10), c(10_000, 50)), Verdict::Promote);
}

// Pins: exactly the threshold above the baseline passes; more rolls back.
#[test]
fn the_threshold_is_more_than() {
    // 6% against 1%: 5 points, not more.
    assert_eq!(judge().judge(c(10_000, 100), c(100, 6)), Verdict::Promote);
    assert_eq!(judge().judge(c(10_000, 100), c(100, 7)), Verdict::Rollback);
    // 16.7% against 10.0% of 3,000: 6.7 points.
    assert_eq!(judge().judge(c(3_000, 300), c(300, 50)), Verdict::Rollback);
    // A canary better than the baseline passes.
    assert_eq!(judge().judge(c(1_000, 100), c(1_000, 0)), Verdict::Promote);
}

// Pins: no overflow on a year of traffic at a million requests a second,
// nor at 10^18 requests a side with every request failed and a threshold
// of 100 points, the largest products the goals allow.
#[test]
fn huge_counts_do_not_overflow() {
    let year = 31_536_000_000_000u64;
    assert_eq!(
        judge().judge(c(year, year / 100), c(year, year / 100 * 6 + 1)),
        Verdict::Rollback
    );
    assert_eq!(
        judge().judge(c(year, year / 100), c(year, year / 100 * 6)),
        Verdict::Promote
    );
    let most = 1_000_000_000_000_000_000u64;
    let lenient = CanaryJudge::new(100, 100).expect("a valid judge");
    assert_eq!(
        lenient.judge(c(most, most), c(most, most)),
        Verdict::Promote
    );
}

// Pins: the comparison is exact. At 2^60 requests an f64 cannot tell
// 5% plus one failure from 5%, so a judge that divides in floats promotes.
#[test]
fn counts_beyond_f64_precision_do_not_round() {
    let n = 1u64 << 60;
    assert_eq!(judge().judge(c(n, 0), c(n, n / 20 + 1)), Verdict::Rollback);
    assert_eq!(judge().judge(c(n, 0), c(n, n / 20)), Verdict::Promote);
}
