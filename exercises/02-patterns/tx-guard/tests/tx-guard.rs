use std::panic::{self, AssertUnwindSafe};
use tx_guard::Store;

/// Committed rows reach the store, and the log shows one begin and one
/// commit, with no rollback after it.
#[test]
fn commit_makes_the_rows_visible() {
    let mut store = Store::default();
    let mut tx = store.begin();
    tx.insert("order 1");
    tx.insert("order 2");
    assert_eq!(tx.pending(), 2);
    tx.commit();
    assert_eq!(store.rows, ["order 1", "order 2"]);
    assert_eq!(store.log, ["begin", "commit"]);
}

/// Dropping a transaction without committing throws its rows away.
#[test]
fn drop_without_commit_rolls_back() {
    let mut store = Store::default();
    {
        let mut tx = store.begin();
        tx.insert("order 1");
    }
    assert!(store.rows.is_empty());
    assert_eq!(store.log, ["begin", "rollback"]);
}

/// A transaction that wrote nothing still ends: dropped, it rolls back;
/// committed, it commits. Whether rows are pending decides nothing.
#[test]
fn an_empty_transaction_still_ends() {
    let mut store = Store::default();
    drop(store.begin());
    store.begin().commit();
    assert_eq!(store.log, ["begin", "rollback", "begin", "commit"]);
}

fn import(store: &mut Store, rows: &[&str]) -> Result<(), String> {
    let mut tx = store.begin();
    for row in rows {
        if row.is_empty() {
            return Err("empty row".to_string());
        }
        tx.insert(row);
    }
    tx.commit();
    Ok(())
}

/// An early return in the middle of a transaction rolls it back; the rows
/// written before the error do not reach the store.
#[test]
fn an_early_return_rolls_back() {
    let mut store = Store::default();
    assert!(import(&mut store, &["a", "b"]).is_ok());
    assert!(import(&mut store, &["c", "", "d"]).is_err());
    assert_eq!(store.rows, ["a", "b"]);
    assert_eq!(store.log, ["begin", "commit", "begin", "rollback"]);
}

/// A panic inside a transaction unwinds through `drop`, which rolls it back.
#[test]
fn a_panic_rolls_back() {
    let mut store = Store::default();
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        let mut tx = store.begin();
        tx.insert("order 1");
        panic!("bug while importing");
    }));
    assert!(outcome.is_err());
    assert!(store.rows.is_empty());
    assert_eq!(store.log, ["begin", "rollback"]);
}

/// Each transaction starts empty, whatever the one before it did.
#[test]
fn each_transaction_starts_empty() {
    let mut store = Store::default();
    {
        let mut tx = store.begin();
        tx.insert("x");
    }
    let tx = store.begin();
    assert_eq!(tx.pending(), 0);
    tx.commit();
    assert!(store.rows.is_empty());
    assert_eq!(store.log, ["begin", "rollback", "begin", "commit"]);
}
