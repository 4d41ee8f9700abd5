//! Hand-made histories with known verdicts, and invalid input.

use consistency_checker::classic;
use consistency_checker::{
    History, HistoryError, Op, Verdict, causally_consistent, linearizable, reads_written_values,
    sequentially_consistent,
};

fn history(ops: Vec<Op>) -> History {
    History::new(ops).expect("valid test history")
}

fn verdict(l: bool, s: bool, c: bool, w: bool) -> Verdict {
    Verdict {
        linearizable: l,
        sequential: s,
        causal: c,
        written_values: w,
    }
}

// Pins the chapter's table: each classic history drops exactly one more model.
#[test]
fn classic_histories_have_the_chapter_verdicts() {
    let got: Vec<Verdict> = classic::all()
        .iter()
        .map(|c| Verdict::of(&c.history))
        .collect();
    assert_eq!(
        got,
        [
            verdict(true, true, true, true),
            verdict(false, true, true, true),
            verdict(false, false, true, true),
            verdict(false, false, false, true),
            verdict(false, false, false, false),
        ]
    );
}

// Pins the witness orders the chapter prints for histories (1) and (2).
#[test]
fn witness_orders_are_the_ones_printed() {
    let cases = classic::all();
    assert_eq!(linearizable(&cases[0].history), Some(vec![0, 1, 2]));
    assert_eq!(sequentially_consistent(&cases[1].history), Some(vec![1, 0]));
}

// Pins that the empty history satisfies every model.
#[test]
fn empty_history_satisfies_everything() {
    assert_eq!(
        Verdict::of(&history(vec![])),
        verdict(true, true, true, true)
    );
}

// Pins that a read of the initial value before any write is linearizable.
#[test]
fn reading_zero_before_any_write_is_linearizable() {
    let h = history(vec![Op::read(0, 0, 0, 5), Op::write(1, 3, 10, 20)]);
    assert!(linearizable(&h).is_some());
}

// Pins that a read overlapping a write may return the old value too.
#[test]
fn an_overlapping_read_may_return_the_old_value() {
    let h = history(vec![Op::write(0, 1, 0, 10), Op::read(1, 0, 5, 15)]);
    assert!(linearizable(&h).is_some());
}

// Pins real time between reads: once a read returned the new value, a
// later read (another client's) must not return the old one.
#[test]
fn new_then_old_across_clients_is_not_linearizable() {
    let h = history(vec![
        Op::write(0, 1, 0, 100),
        Op::read(1, 1, 10, 20),
        Op::read(2, 0, 30, 40),
    ]);
    assert!(linearizable(&h).is_none());
    assert!(sequentially_consistent(&h).is_some());
}

// Pins that the search backtracks: the first write tried must be undone.
#[test]
fn search_backtracks_over_concurrent_writes() {
    let h = history(vec![
        Op::write(0, 1, 0, 10),
        Op::write(1, 2, 0, 10),
        Op::read(2, 1, 20, 30),
    ]);
    assert_eq!(linearizable(&h), Some(vec![1, 0, 2]));
}

// Pins causal order through reads-from: B read A's write, so C, who saw B's
// later write, must not read the value from before A's write.
#[test]
fn causality_through_a_read_is_enforced() {
    let h = history(vec![
        Op::write(0, 1, 0, 10),
        Op::read(1, 1, 20, 25),
        Op::write(1, 2, 30, 35),
        Op::read(2, 2, 40, 45),
        Op::read(2, 1, 50, 55),
    ]);
    assert!(!causally_consistent(&h));
    assert!(reads_written_values(&h));
}

// Pins every kind of invalid input the constructor refuses.
#[test]
fn invalid_histories_are_refused() {
    assert_eq!(
        History::new(vec![Op::write(0, 1, 10, 5)]),
        Err(HistoryError::ReturnsBeforeInvoke { op: 0 })
    );
    assert_eq!(
        History::new(vec![Op::write(0, 0, 0, 5)]),
        Err(HistoryError::WritesInitialValue { op: 0 })
    );
    assert_eq!(
        History::new(vec![Op::write(0, 1, 0, 5), Op::write(1, 1, 0, 5)]),
        Err(HistoryError::DuplicateWrite { op: 1 })
    );
    assert_eq!(
        History::new(vec![Op::write(0, 1, 0, 10), Op::read(0, 1, 10, 20)]),
        Err(HistoryError::ClientOverlaps { op: 1 })
    );
    let too_many: Vec<Op> = (0..65).map(|i| Op::read(i, 0, 0, 1)).collect();
    assert_eq!(
        History::new(too_many),
        Err(HistoryError::TooManyOps { len: 65 })
    );
}

// Pins the 64-operation limit from the inside: exactly 64 is accepted and
// checked without overflowing the bit set.
#[test]
fn sixty_four_operations_are_checked() {
    let ops: Vec<Op> = (0..64).map(|i| Op::read(i, 0, 0, 1)).collect();
    assert!(linearizable(&history(ops)).is_some());
}

// A write whose answer never came may have happened or not: either reading
// it or never seeing it is linearizable, but once a read has returned it, a
// later read must not go back to the older value.
#[test]
fn unanswered_writes_are_optional_but_not_undone() {
    use consistency_checker::NO_ANSWER;
    let never_seen = history(vec![
        Op::write(0, 1, 0, 10),
        Op::unanswered_write(1, 2, 5),
        Op::read(2, 1, 20, 30),
    ]);
    assert!(linearizable(&never_seen).is_some());
    let seen_late = history(vec![
        Op::write(0, 1, 0, 10),
        Op::unanswered_write(1, 2, 5),
        Op::read(2, 1, 20, 30),
        Op::read(2, 2, 40, 50),
    ]);
    assert!(linearizable(&seen_late).is_some());
    let seen_then_undone = history(vec![
        Op::write(0, 1, 0, 10),
        Op::unanswered_write(1, 2, 5),
        Op::read(2, 2, 20, 30),
        Op::read(3, 1, 40, 50),
    ]);
    assert_eq!(linearizable(&seen_then_undone), None);
    // It cannot take effect before it was sent.
    let seen_too_early = history(vec![
        Op::write(0, 1, 0, 10),
        Op::read(2, 2, 20, 30),
        Op::unanswered_write(1, 2, 35),
    ]);
    assert_eq!(linearizable(&seen_too_early), None);
    assert_eq!(
        History::new(vec![Op::read(0, 1, 0, NO_ANSWER)]),
        Err(HistoryError::UnansweredRead { op: 0 })
    );
    // Only a write may be unanswered: a client that never heard back
    // cannot send its next operation under the same name.
    assert_eq!(
        History::new(vec![Op::unanswered_write(0, 1, 0), Op::read(0, 1, 5, 6)]),
        Err(HistoryError::ClientOverlaps { op: 1 })
    );
}
