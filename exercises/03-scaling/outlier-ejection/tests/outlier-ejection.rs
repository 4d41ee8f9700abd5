use outlier_ejection::{Outliers, Rules};

const RULES: Rules = Rules {
    failures: 3,
    base_ejection_ms: 1_000,
    max_ejected_percent: 50,
};

/// Three failures in a row eject a backend; it is back when the time is up.
#[test]
fn consecutive_failures_eject() {
    let mut o = Outliers::new(4, RULES);
    assert!(!o.record(0, false, 0));
    assert!(!o.record(0, false, 1));
    assert!(o.record(0, false, 2));
    assert!(!o.available(0, 2));
    assert!(!o.available(0, 1_001));
    assert!(o.available(0, 1_002));
}

/// A success in between resets the count.
#[test]
fn a_success_resets_the_streak() {
    let mut o = Outliers::new(4, RULES);
    o.record(1, false, 0);
    o.record(1, false, 1);
    o.record(1, true, 2);
    o.record(1, false, 3);
    assert!(!o.record(1, false, 4));
    assert!(o.available(1, 4));
}

/// The second ejection lasts twice as long, the third three times.
#[test]
fn repeat_offenders_stay_out_longer() {
    let mut o = Outliers::new(4, RULES);
    let eject =
        |o: &mut Outliers, at: u64| (0..3).map(|i| o.record(2, false, at + i)).last().unwrap();
    assert!(eject(&mut o, 0));
    assert!(eject(&mut o, 5_000));
    assert!(!o.available(2, 5_002 + 1_999));
    assert!(o.available(2, 5_002 + 2_000));
    assert!(eject(&mut o, 20_000));
    assert!(!o.available(2, 20_002 + 2_999));
    assert!(o.available(2, 20_002 + 3_000));
}

/// Failures reported while a backend is out (late answers) do not extend it.
#[test]
fn failures_while_ejected_change_nothing() {
    let mut o = Outliers::new(4, RULES);
    for i in 0..3 {
        o.record(0, false, i);
    }
    for i in 10..20 {
        assert!(!o.record(0, false, i));
    }
    assert!(o.available(0, 1_002));
    // Back in with a fresh streak: it takes three new failures again.
    assert!(!o.record(0, false, 1_002));
    assert!(!o.record(0, false, 1_003));
    assert!(o.record(0, false, 1_004));
}

/// With 4 backends and 50%, at most 2 are out at once, however many fail.
#[test]
fn never_too_many_out() {
    let mut o = Outliers::new(4, RULES);
    for b in 0..4 {
        for i in 0..3 {
            o.record(b, false, i);
        }
    }
    let out = (0..4).filter(|&b| !o.available(b, 10)).count();
    assert_eq!(out, 2);
}

/// The cap rounds down: 50% of 3 backends is 1.
#[test]
fn the_cap_rounds_down() {
    let mut o = Outliers::new(3, RULES);
    for b in 0..3 {
        for i in 0..3 {
            o.record(b, false, i);
        }
    }
    assert_eq!((0..3).filter(|&b| !o.available(b, 10)).count(), 1);
}

/// A backend whose ejection ended no longer counts against the cap.
#[test]
fn a_returned_backend_frees_its_slot() {
    let mut o = Outliers::new(4, RULES);
    for b in 0..2 {
        for i in 0..3 {
            assert_eq!(o.record(b, false, i), i == 2);
        }
    }
    // Both are back at 1_002; two others can now be ejected.
    for b in 2..4 {
        for i in 0..3 {
            assert_eq!(o.record(b, false, 2_000 + i), i == 2);
        }
    }
    assert!(o.available(0, 2_010) && o.available(1, 2_010));
    assert!(!o.available(2, 2_010) && !o.available(3, 2_010));
}

/// Whatever the percentage, one backend always stays in.
#[test]
fn one_backend_always_stays() {
    let rules = Rules {
        max_ejected_percent: 100,
        ..RULES
    };
    let mut o = Outliers::new(2, rules);
    for b in 0..2 {
        for i in 0..3 {
            o.record(b, false, i);
        }
    }
    assert_eq!((0..2).filter(|&b| o.available(b, 10)).count(), 1);
    let single = Outliers::new(1, rules);
    assert!(single.available(0, 0));
}
