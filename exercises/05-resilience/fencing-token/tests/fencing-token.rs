//! The tests for `FencedStore`. If this file and the chapter disagree,
//! this file is right.

use fencing_token::{FencedStore, WriteError};

// Pins: each new holder's higher token is accepted.
#[test]
fn increasing_tokens_are_accepted() {
    let mut store = FencedStore::new();
    assert_eq!(store.write("file", 33, "a"), Ok(()));
    assert_eq!(store.write("file", 34, "b"), Ok(()));
    assert_eq!(store.read("file"), Some("b"));
    assert_eq!(store.highest("file"), Some(34));
}

// Pins: the paused old holder's token is refused after its successor wrote.
#[test]
fn a_lower_token_is_refused() {
    let mut store = FencedStore::new();
    store.write("file", 34, "new primary").unwrap();
    assert_eq!(
        store.write("file", 33, "old primary"),
        Err(WriteError::Stale {
            token: 33,
            highest: 34
        })
    );
}

// Pins: a holder writes many times with the same token (`>=`, not `>`).
#[test]
fn the_current_holder_writes_again() {
    let mut store = FencedStore::new();
    store.write("file", 34, "one").unwrap();
    assert_eq!(store.write("file", 34, "two"), Ok(()));
    assert_eq!(store.read("file"), Some("two"));
}

// Pins: a refused write leaves both the value and the highest token alone.
#[test]
fn a_refused_write_changes_nothing() {
    let mut store = FencedStore::new();
    store.write("file", 34, "kept").unwrap();
    assert!(store.write("file", 12, "lost").is_err());
    assert_eq!(store.read("file"), Some("kept"));
    assert_eq!(store.highest("file"), Some(34));
    assert_eq!(store.write("file", 34, "still mine"), Ok(()));
}

// Pins: tokens jump (holders that never wrote) and still count.
#[test]
fn tokens_may_skip_numbers() {
    let mut store = FencedStore::new();
    store.write("file", 5, "a").unwrap();
    assert_eq!(store.write("file", 9, "b"), Ok(()));
    assert_eq!(
        store.write("file", 7, "c"),
        Err(WriteError::Stale {
            token: 7,
            highest: 9
        })
    );
}

// Pins: each resource has its own lock, so its own highest token.
#[test]
fn tokens_are_per_resource() {
    let mut store = FencedStore::new();
    store.write("orders", 900, "x").unwrap();
    assert_eq!(store.write("invoices", 3, "y"), Ok(()));
    assert_eq!(store.highest("invoices"), Some(3));
    assert_eq!(store.highest("orders"), Some(900));
    assert_eq!(store.highest("users"), None);
    assert_eq!(store.read("users"), None);
}
