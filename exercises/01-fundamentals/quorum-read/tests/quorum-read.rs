//! Tests for the quorum-read exercise.

use quorum_read::{QuorumError, QuorumRead, Stamp, Verdict, Versioned};

fn copy(value: &str, counter: u64, replica: u8) -> Option<Versioned> {
    Some(Versioned {
        value: value.into(),
        stamp: Stamp { counter, replica },
    })
}

// Pins: a majority is more than half, for odd and even numbers of replicas.
#[test]
fn majority_is_more_than_half() {
    let sizes: Vec<usize> = [1, 2, 3, 4, 5]
        .iter()
        .map(|n| QuorumRead::new(*n).unwrap().majority())
        .collect();
    assert_eq!(sizes, [1, 2, 2, 3, 3]);
}

// Pins: no replicas is an error, not a division by zero later.
#[test]
fn no_replicas_is_refused() {
    assert_eq!(QuorumRead::new(0).unwrap_err(), QuorumError::NoReplicas);
}

// Pins: no verdict before a majority; the verdict on the reply that makes one.
#[test]
fn verdict_comes_at_the_majority() {
    let mut read = QuorumRead::new(5).unwrap();
    assert_eq!(read.offer(1, copy("a", 1, 1)), None);
    assert_eq!(read.offer(2, copy("a", 1, 1)), None);
    let verdict = read.offer(4, copy("a", 1, 1)).expect("3 of 5 answered");
    assert_eq!(verdict.newest, copy("a", 1, 1));
}

// Pins: a replica that answers twice counts once.
#[test]
fn a_repeated_reply_counts_once() {
    let mut read = QuorumRead::new(3).unwrap();
    assert_eq!(read.offer(2, copy("a", 1, 1)), None);
    assert_eq!(read.offer(2, copy("a", 1, 1)), None);
    assert!(read.offer(3, copy("a", 1, 1)).is_some());
}

// Pins: the first reply of a replica is the one that counts, not a later one.
#[test]
fn the_first_reply_of_a_replica_counts() {
    let mut read = QuorumRead::new(3).unwrap();
    assert_eq!(read.offer(1, copy("old", 1, 1)), None);
    assert_eq!(read.offer(1, copy("new", 2, 1)), None);
    let verdict = read.offer(2, copy("old", 1, 1)).unwrap();
    assert_eq!(verdict.newest, copy("old", 1, 1));
    assert!(verdict.repair.is_empty());
}

// Pins: a reply from a replica that does not exist is ignored.
#[test]
fn strangers_are_ignored() {
    let mut read = QuorumRead::new(3).unwrap();
    assert_eq!(read.offer(0, copy("x", 9, 9)), None);
    assert_eq!(read.offer(7, copy("x", 9, 9)), None);
    assert_eq!(read.offer(1, copy("a", 1, 1)), None);
    assert_eq!(read.offer(2, None).unwrap().newest, copy("a", 1, 1));
}

// Pins: the newest copy is the highest stamp, whatever order replies come in.
#[test]
fn newest_is_the_highest_stamp() {
    let mut read = QuorumRead::new(5).unwrap();
    read.offer(5, copy("new", 3, 1));
    read.offer(1, copy("old", 2, 2));
    let verdict = read.offer(3, copy("older", 1, 3)).unwrap();
    assert_eq!(verdict.newest, copy("new", 3, 1));
}

// Pins: on equal counters the stamp's replica number decides, as in the
// listing, whichever replica holds the copy and in whatever order they reply.
#[test]
fn ties_break_by_replica() {
    let mut read = QuorumRead::new(3).unwrap();
    read.offer(1, copy("blue", 1, 1));
    let verdict = read.offer(2, copy("green", 1, 2)).unwrap();
    assert_eq!(verdict.newest, copy("green", 1, 2));
    assert_eq!(verdict.repair, [1]);

    let mut read = QuorumRead::new(3).unwrap();
    read.offer(3, copy("blue", 1, 1));
    let verdict = read.offer(1, copy("green", 1, 2)).unwrap();
    assert_eq!(verdict.newest, copy("green", 1, 2));
    assert_eq!(verdict.repair, [3]);
}

// Pins: every replica of the quorum with an older copy, or none, is repaired,
// in ascending order, and no replica outside the quorum is.
#[test]
fn older_and_empty_replicas_are_repaired() {
    let mut read = QuorumRead::new(5).unwrap();
    read.offer(4, None);
    read.offer(2, copy("new", 2, 3));
    let verdict = read.offer(1, copy("old", 1, 1)).unwrap();
    assert_eq!(
        verdict,
        Verdict {
            newest: copy("new", 2, 3),
            repair: vec![1, 4],
        }
    );
}

// Pins: when the quorum agrees, nothing needs writing back (answer at once).
#[test]
fn agreement_needs_no_write_back() {
    let mut read = QuorumRead::new(3).unwrap();
    read.offer(3, copy("a", 4, 2));
    let verdict = read.offer(1, copy("a", 4, 2)).unwrap();
    assert!(verdict.repair.is_empty());
}

// Pins: a register nobody wrote reads as empty, with nothing to repair.
#[test]
fn an_empty_register_reads_empty() {
    let mut read = QuorumRead::new(3).unwrap();
    read.offer(1, None);
    assert_eq!(
        read.offer(2, None),
        Some(Verdict {
            newest: None,
            repair: vec![],
        })
    );
}

// Pins: the verdict comes once; late replies get no second one.
#[test]
fn late_replies_get_no_second_verdict() {
    let mut read = QuorumRead::new(3).unwrap();
    read.offer(1, copy("a", 1, 1));
    assert!(read.offer(2, copy("a", 1, 1)).is_some());
    assert_eq!(read.offer(3, copy("b", 9, 3)), None);
}
