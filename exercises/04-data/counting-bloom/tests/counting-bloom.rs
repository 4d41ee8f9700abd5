//! Tests for the counting Bloom filter. `cargo test -p counting-bloom`.

use counting_bloom::{CountingBloom, CountingBloomError};

fn key(i: u32) -> String {
    format!("key-{i}")
}

// Zero counters or zero hashes is reported as an error, not a panic.
#[test]
fn bad_parameters_are_errors() {
    assert_eq!(
        CountingBloom::new(0, 3).unwrap_err(),
        CountingBloomError::ZeroCounters
    );
    assert_eq!(
        CountingBloom::new(64, 0).unwrap_err(),
        CountingBloomError::ZeroHashes
    );
}

// An empty filter says "definitely not" to everything.
#[test]
fn empty_filter_contains_nothing() {
    let filter = CountingBloom::new(1024, 4).unwrap();
    assert!((0..100).all(|i| !filter.contains(key(i).as_bytes())));
}

// Every inserted key is reported present: no false negatives.
#[test]
fn inserted_keys_are_present() {
    let mut filter = CountingBloom::new(10_000, 7).unwrap();
    for i in 0..1_000 {
        filter.insert(key(i).as_bytes());
    }
    assert!((0..1_000).all(|i| filter.contains(key(i).as_bytes())));
}

// Removing the only key makes it absent again, and remove reports success.
#[test]
fn remove_forgets_the_key() {
    let mut filter = CountingBloom::new(1024, 4).unwrap();
    filter.insert(b"alpha");
    assert!(filter.remove(b"alpha"));
    assert!(!filter.contains(b"alpha"));
}

// Removing keys never takes away another key: the survivors all stay present.
#[test]
fn removing_some_keys_keeps_the_others() {
    let mut filter = CountingBloom::new(20_000, 5).unwrap();
    for i in 0..2_000 {
        filter.insert(key(i).as_bytes());
    }
    for i in (0..2_000).step_by(2) {
        assert!(filter.remove(key(i).as_bytes()));
    }
    assert!(
        (1..2_000)
            .step_by(2)
            .all(|i| filter.contains(key(i).as_bytes()))
    );
}

// A key inserted twice needs two removes: the filter counts, it does not just mark.
#[test]
fn duplicates_are_counted() {
    let mut filter = CountingBloom::new(1024, 4).unwrap();
    filter.insert(b"beta");
    filter.insert(b"beta");
    assert!(filter.remove(b"beta"));
    assert!(filter.contains(b"beta"));
    assert!(filter.remove(b"beta"));
    assert!(!filter.contains(b"beta"));
}

// Removing a key that is definitely absent returns false and changes nothing.
#[test]
fn removing_an_absent_key_is_refused() {
    let mut filter = CountingBloom::new(4096, 4).unwrap();
    filter.insert(b"gamma");
    assert!(
        !filter.contains(b"never-inserted"),
        "precondition: not a false positive"
    );
    assert!(!filter.remove(b"never-inserted"));
    assert!(filter.contains(b"gamma"));
    assert!(filter.remove(b"gamma"));
    assert!(!filter.contains(b"gamma"));
}

// A counter that reached 255 has lost count, so it must never be decremented:
// with one shared counter, "y" survives 300 inserts and 300 removes of "x".
#[test]
fn saturated_counters_stick() {
    let mut filter = CountingBloom::new(1, 1).unwrap();
    filter.insert(b"y");
    for _ in 0..300 {
        filter.insert(b"x");
    }
    for _ in 0..300 {
        assert!(filter.remove(b"x"));
    }
    assert!(filter.contains(b"y"));
}

// A refused remove changes no counter. In a crowded filter an absent key's
// first counters are often above 0, so a remove that decrements as it goes and
// stops at the first 0 takes counts that belong to other keys.
#[test]
fn a_refused_remove_changes_nothing() {
    let mut filter = CountingBloom::new(512, 4).unwrap();
    for i in 0..200 {
        filter.insert(key(i).as_bytes());
    }
    let before = format!("{filter:?}");
    let mut refused = 0;
    for i in 1_000..2_000 {
        let absent = key(i);
        if !filter.contains(absent.as_bytes()) {
            assert!(!filter.remove(absent.as_bytes()));
            refused += 1;
        }
    }
    assert!(refused > 0, "precondition: some keys are definitely absent");
    assert_eq!(
        format!("{filter:?}"),
        before,
        "a refused remove changed counters"
    );
    assert!((0..200).all(|i| filter.contains(key(i).as_bytes())));
}
