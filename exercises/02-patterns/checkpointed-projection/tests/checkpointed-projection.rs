use checkpointed_projection::{ApplyError, DailySales, Sale};

fn log() -> Vec<Sale> {
    let days = ["mon", "mon", "tue", "wed", "tue", "wed", "wed"];
    days.iter()
        .enumerate()
        .map(|(i, &day)| Sale {
            seq: i as u64 + 1,
            day,
            cents: (i as u64 + 1) * 100,
        })
        .collect()
}

/// Applying the log in order sums each day and moves the checkpoint.
#[test]
fn applies_the_log_in_order() {
    let view = DailySales::rebuild(&log()).expect("no gaps");
    assert_eq!(view.totals["mon"], 300);
    assert_eq!(view.totals["tue"], 800);
    assert_eq!(view.totals["wed"], 1700);
    assert_eq!(view.checkpoint, 7);
}

/// A redelivered stretch changes nothing, whatever it is.
#[test]
fn redelivered_events_change_nothing() {
    let log = log();
    let clean = DailySales::rebuild(&log).expect("no gaps");
    for crash_after in 1..=log.len() {
        for resume_from in 0..crash_after {
            let mut view = DailySales::default();
            for sale in log[..crash_after].iter().chain(&log[resume_from..]) {
                view.apply(sale).expect("duplicates are not errors");
            }
            assert_eq!(
                view, clean,
                "crash after {crash_after}, resume from {resume_from}"
            );
        }
    }
}

/// A missing event is refused, naming where the gap is, and the view is
/// left as it was, so the same event can be applied once it arrives.
#[test]
fn a_gap_is_refused_and_changes_nothing() {
    let log = log();
    let mut view = DailySales::default();
    view.apply(&log[0]).expect("first");
    view.apply(&log[1]).expect("second");
    assert_eq!(
        view.apply(&log[3]),
        Err(ApplyError::Gap {
            checkpoint: 2,
            got: 4
        })
    );
    assert_eq!(view.checkpoint, 2);
    assert_eq!(view.totals.get("wed"), None);
    view.apply(&log[2]).expect("the missing one");
    view.apply(&log[3]).expect("now in order");
    assert_eq!(view.checkpoint, 4);
}

/// A log that does not start at 1 is a gap too.
#[test]
fn a_log_that_starts_late_is_refused() {
    let log = log();
    assert_eq!(
        DailySales::rebuild(&log[1..]),
        Err(ApplyError::Gap {
            checkpoint: 0,
            got: 2
        })
    );
}

/// A hole in the middle of a log is refused by `rebuild` too, and a gap
/// on a day that already has a total leaves that total as it was.
#[test]
fn a_log_with_a_hole_is_refused() {
    let mut holed = log();
    holed.remove(3);
    assert_eq!(
        DailySales::rebuild(&holed),
        Err(ApplyError::Gap {
            checkpoint: 3,
            got: 5
        })
    );
    let mut view = DailySales::default();
    view.apply(&log()[0]).expect("first");
    let early = Sale {
        seq: 3,
        day: "mon",
        cents: 999,
    };
    assert_eq!(
        view.apply(&early),
        Err(ApplyError::Gap {
            checkpoint: 1,
            got: 3
        })
    );
    assert_eq!(view.totals["mon"], 100);
}
