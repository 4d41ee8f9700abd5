//! Tests for the cas-register exercise. Times are milliseconds; the
//! register starts at 0.

use cas_register::{Op, OpKind, is_linearizable};

fn op(client: usize, kind: OpKind, invoke: u64, ret: u64) -> Op {
    Op {
        client,
        kind,
        invoke,
        ret,
    }
}

fn cas(expected: u64, new: u64, ok: bool) -> OpKind {
    OpKind::Cas { expected, new, ok }
}

use OpKind::{Read, Write};

// Pins that nothing happened is trivially linearizable.
#[test]
fn empty_history_is_linearizable() {
    assert!(is_linearizable(&[]));
}

// Pins plain reads and writes still work: a read after a write sees it.
#[test]
fn reads_and_writes_in_sequence() {
    assert!(is_linearizable(&[
        op(0, Write(1), 0, 10),
        op(1, Read(1), 20, 30)
    ]));
    assert!(!is_linearizable(&[
        op(0, Write(1), 0, 10),
        op(1, Read(0), 20, 30)
    ]));
}

// Pins a successful swap: it changes the value that later reads see.
#[test]
fn a_successful_cas_changes_the_value() {
    assert!(is_linearizable(&[
        op(0, Write(1), 0, 10),
        op(1, cas(1, 2, true), 20, 30),
        op(2, Read(2), 40, 50),
    ]));
}

// Pins that a swap may only report success when the value matched.
#[test]
fn a_cas_cannot_succeed_on_the_wrong_value() {
    assert!(!is_linearizable(&[
        op(0, Write(1), 0, 10),
        op(1, cas(5, 2, true), 20, 30),
    ]));
}

// Pins both sides of failure: legal when the value differs, and it then
// leaves the value alone; illegal when the value matched.
#[test]
fn a_failed_cas_changes_nothing_and_needs_a_mismatch() {
    assert!(is_linearizable(&[
        op(0, Write(1), 0, 10),
        op(1, cas(5, 2, false), 20, 30),
        op(2, Read(1), 40, 50),
    ]));
    assert!(!is_linearizable(&[
        op(0, Write(1), 0, 10),
        op(1, cas(1, 2, false), 20, 30),
    ]));
}

// Pins the lock-service bug: two clients cannot both win the same swap.
#[test]
fn two_concurrent_cas_cannot_both_win() {
    assert!(!is_linearizable(&[
        op(0, cas(0, 1, true), 0, 10),
        op(1, cas(0, 2, true), 0, 10),
    ]));
    assert!(is_linearizable(&[
        op(0, cas(0, 1, true), 0, 10),
        op(1, cas(0, 2, false), 0, 10),
    ]));
}

// Pins overlap: a concurrent write may take effect first and explain a
// failed swap, and the search must find that order.
#[test]
fn a_concurrent_write_can_explain_a_failed_cas() {
    assert!(is_linearizable(&[
        op(0, cas(0, 2, false), 10, 20),
        op(1, Write(1), 0, 100),
    ]));
}

// Pins real time: a read that returned before the write was sent cannot
// see it.
#[test]
fn real_time_order_is_respected() {
    assert!(!is_linearizable(&[
        op(0, Read(1), 0, 5),
        op(1, Write(1), 10, 20)
    ]));
}

// Pins that the search backtracks across a chain of swaps in any listed
// order: 0 -> 1 -> 2 -> 3, listed backwards and all overlapping.
#[test]
fn a_chain_of_swaps_is_found_in_any_listed_order() {
    assert!(is_linearizable(&[
        op(2, cas(2, 3, true), 0, 50),
        op(1, cas(1, 2, true), 0, 50),
        op(0, cas(0, 1, true), 0, 50),
        op(3, Read(3), 60, 70),
    ]));
}

// Pins that the search undoes a choice that fit: placing the first write
// first works until the read, which needs the other order.
#[test]
fn a_choice_that_fits_may_have_to_be_undone() {
    assert!(is_linearizable(&[
        op(0, Write(1), 0, 10),
        op(1, Write(2), 0, 10),
        op(2, Read(1), 20, 30),
    ]));
}
