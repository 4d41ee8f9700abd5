//! Tests for the sibling-register exercise.

use sibling_register::SiblingRegister;

/// Two replicas that both saw "start", then each wrote on its own side of
/// a partition.
fn diverged() -> (SiblingRegister, SiblingRegister) {
    let mut r1 = SiblingRegister::new(1);
    let mut r2 = SiblingRegister::new(2);
    r1.write("start");
    r2.merge(&r1);
    r1.write("blue");
    r2.write("green");
    (r1, r2)
}

// Pins: a write replaces the replica's value; an empty register has none.
#[test]
fn a_write_replaces_the_value() {
    let mut r1 = SiblingRegister::new(1);
    assert!(r1.values().is_empty());
    r1.write("a");
    r1.write("b");
    assert_eq!(r1.values(), ["b"]);
}

// Pins: a later write (it had seen the earlier one) wins the merge, in
// either direction: no false siblings.
#[test]
fn a_later_write_supersedes_an_earlier_one() {
    let mut r1 = SiblingRegister::new(1);
    r1.write("old");
    let mut r2 = SiblingRegister::new(2);
    r2.merge(&r1);
    r2.write("new");
    let mut into_r1 = r1.clone();
    into_r1.merge(&r2);
    assert_eq!(into_r1.values(), ["new"]);
    r2.merge(&r1);
    assert_eq!(r2.values(), ["new"]);
}

// Pins: concurrent writes are both kept, and the common ancestor is gone.
#[test]
fn concurrent_writes_become_siblings() {
    let (mut r1, r2) = diverged();
    r1.merge(&r2);
    assert_eq!(r1.values(), ["blue", "green"]);
}

// Pins: merge order does not matter, and merging twice changes nothing.
#[test]
fn merge_is_commutative_and_idempotent() {
    let (r1, r2) = diverged();
    let mut a = r1.clone();
    a.merge(&r2);
    let mut b = r2.clone();
    b.merge(&r1);
    assert_eq!(a.values(), b.values());
    let before = a.siblings().len();
    a.merge(&r2);
    a.merge(&b);
    assert_eq!(a.siblings().len(), before);
    assert_eq!(a.values(), ["blue", "green"]);
}

// Pins: a write after seeing the siblings resolves them into one value,
// and that value wins at a replica that still holds the siblings.
#[test]
fn the_next_write_resolves_siblings() {
    let (mut r1, mut r2) = diverged();
    r1.merge(&r2);
    r2.merge(&r1);
    r1.write("teal");
    assert_eq!(r1.values(), ["teal"]);
    r2.merge(&r1);
    assert_eq!(r2.values(), ["teal"]);
}

// Pins: a write replaces siblings from three replicas, and wins at each
// replica that still holds them, not only over the first or last sibling.
#[test]
fn a_write_supersedes_siblings_from_three_replicas() {
    let (mut r1, mut r2) = diverged();
    let mut r3 = SiblingRegister::new(3);
    r3.write("red");
    r1.merge(&r2);
    r1.merge(&r3);
    assert_eq!(r1.values(), ["blue", "green", "red"]);
    r2.merge(&r1);
    r3.merge(&r1);
    r1.write("teal");
    r2.merge(&r1);
    r3.merge(&r1);
    assert_eq!(r2.values(), ["teal"]);
    assert_eq!(r3.values(), ["teal"]);
}

// Pins: merging into an empty replica copies everything; merging an empty
// one changes nothing.
#[test]
fn merging_with_an_empty_replica() {
    let (mut r1, r2) = diverged();
    r1.merge(&r2);
    let mut r3 = SiblingRegister::new(3);
    r3.merge(&r1);
    assert_eq!(r3.values(), ["blue", "green"]);
    r1.merge(&SiblingRegister::new(4));
    assert_eq!(r1.values(), ["blue", "green"]);
}
