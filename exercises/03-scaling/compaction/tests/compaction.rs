use compaction::{Entry, Unsorted, compact};

fn put(key: u64, value: &str) -> Entry {
    (key, Some(value.to_string()))
}

fn del(key: u64) -> Entry {
    (key, None)
}

/// Keys from every run, in order.
#[test]
fn runs_merge_in_key_order() {
    let runs = vec![
        vec![put(1, "a"), put(5, "e")],
        vec![put(3, "c"), put(7, "g")],
    ];
    assert_eq!(
        compact(&runs, false).unwrap(),
        [put(1, "a"), put(3, "c"), put(5, "e"), put(7, "g")]
    );
}

/// The newest run's value wins, whichever order the runs' keys interleave.
#[test]
fn the_newest_value_wins() {
    let runs = vec![
        vec![put(1, "old"), put(2, "old")],
        vec![put(2, "mid")],
        vec![put(1, "new")],
    ];
    assert_eq!(
        compact(&runs, false).unwrap(),
        [put(1, "new"), put(2, "mid")]
    );
}

/// Above the bottom, a tombstone stays: older runs elsewhere may hold the key.
#[test]
fn tombstones_stay_above_the_bottom() {
    let runs = vec![vec![put(1, "a"), put(2, "b")], vec![del(1)]];
    assert_eq!(compact(&runs, false).unwrap(), [del(1), put(2, "b")]);
}

/// At the bottom, a tombstone and what it deletes both go.
#[test]
fn tombstones_go_at_the_bottom() {
    let runs = vec![vec![put(1, "a"), put(2, "b")], vec![del(1), del(9)]];
    assert_eq!(compact(&runs, true).unwrap(), [put(2, "b")]);
}

/// A key written again after its deletion is alive.
#[test]
fn a_write_after_a_delete_wins() {
    let runs = vec![vec![put(1, "a")], vec![del(1)], vec![put(1, "again")]];
    assert_eq!(compact(&runs, true).unwrap(), [put(1, "again")]);
}

/// A run out of order, or with a key twice, is refused and named.
#[test]
fn unsorted_runs_are_refused() {
    let runs = vec![vec![put(1, "a")], vec![put(3, "c"), put(2, "b")]];
    assert_eq!(compact(&runs, false), Err(Unsorted { run: 1 }));
    let runs = vec![vec![put(1, "a"), put(1, "b")]];
    assert_eq!(compact(&runs, false), Err(Unsorted { run: 0 }));
}

/// Nothing in, nothing out.
#[test]
fn no_runs() {
    assert_eq!(compact(&[], true), Ok(vec![]));
}
