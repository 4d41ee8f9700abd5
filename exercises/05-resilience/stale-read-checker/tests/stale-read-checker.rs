//! The tests for `first_stale_read`. If this file and the chapter
//! disagree, this file is right.

use stale_read_checker::{Op, first_stale_read};

fn write(invoke: u64, ret: Option<u64>, value: u64, version: u64) -> Op {
    Op {
        key: 0,
        invoke,
        ret,
        write: true,
        value,
        version,
    }
}

fn read(invoke: u64, ret: u64, value: u64, version: u64) -> Op {
    Op {
        key: 0,
        invoke,
        ret: Some(ret),
        write: false,
        value,
        version,
    }
}

// Pins: an empty history, and reads alone, are fresh.
#[test]
fn nothing_to_judge() {
    assert_eq!(first_stale_read(&[]), None);
    assert_eq!(
        first_stale_read(&[read(1, 2, 0, 0), read(3, 4, 0, 0)]),
        None
    );
}

// Pins: the chapter's bug, a read of v1 sent after v2 was acknowledged.
#[test]
fn a_read_after_an_acknowledged_write_must_see_it() {
    let ops = [write(10, Some(20), 7, 2), read(25, 27, 5, 1)];
    assert_eq!(first_stale_read(&ops), Some(1));
}

// Catches: a checker that counts writes that never got an answer.
#[test]
fn an_unanswered_write_proves_nothing() {
    let ops = [write(10, None, 7, 2), read(25, 27, 5, 1)];
    assert_eq!(first_stale_read(&ops), None);
}

// Catches: `ret <= invoke` instead of `<`, and comparing with invoke times.
// A read sent at the very moment the answer arrives, or while the write is
// in flight, overlaps it and may see either version.
#[test]
fn overlapping_operations_may_go_either_way() {
    assert_eq!(
        first_stale_read(&[write(10, Some(20), 7, 2), read(20, 22, 5, 1)]),
        None
    );
    assert_eq!(
        first_stale_read(&[write(10, Some(20), 7, 2), read(15, 30, 5, 1)]),
        None
    );
}

// Catches: a checker that counts reads as writes. A read that saw v2 before
// v2's write was acknowledged proves nothing about a later read of v1.
#[test]
fn only_writes_order_reads() {
    let ops = [read(10, 12, 7, 2), read(20, 22, 5, 1)];
    assert_eq!(first_stale_read(&ops), None);
}

// Catches: comparing values instead of versions.
#[test]
fn versions_order_writes_not_values() {
    let newer_smaller = [write(10, Some(20), 3, 2), read(25, 27, 9, 1)];
    assert_eq!(first_stale_read(&newer_smaller), Some(1));
    let older_larger = [write(10, Some(20), 9, 1), read(25, 27, 3, 2)];
    assert_eq!(first_stale_read(&older_larger), None);
}

// Catches: a checker that ignores the key.
#[test]
fn only_writes_of_the_same_key_count() {
    let other = Op {
        key: 1,
        ..write(10, Some(20), 7, 2)
    };
    assert_eq!(first_stale_read(&[other, read(25, 27, 5, 1)]), None);
}

// Catches: a checker that looks only at the latest write, or only at
// writes listed before the read, or returns the last stale read.
#[test]
fn any_acknowledged_write_in_any_position_counts() {
    let ops = [
        read(30, 31, 5, 1),
        write(40, None, 8, 3),
        write(10, Some(20), 7, 2),
        read(35, 36, 5, 1),
    ];
    assert_eq!(first_stale_read(&ops), Some(0));
}
