use opaque_cursor::{CursorError, Row, decode, encode, page};

/// 25 rows, many sharing a timestamp, in no particular order.
fn rows() -> Vec<Row> {
    (1..=25)
        .rev()
        .map(|id| Row {
            created_ms: 1_000 + id / 4,
            id,
        })
        .collect()
}

fn read_all(rows: &[Row], limit: usize) -> Vec<u64> {
    let mut ids = Vec::new();
    let mut cursor = None;
    loop {
        let (rows_on_page, next) = page(rows, cursor.as_deref(), limit).expect("valid cursor");
        assert!(rows_on_page.len() <= limit);
        ids.extend(rows_on_page.iter().map(|r| r.id));
        match next {
            Some(next) => cursor = Some(next),
            None => return ids,
        }
    }
}

/// A cursor decodes to the row it was made from.
#[test]
fn a_cursor_round_trips() {
    let row = Row {
        created_ms: 1_733_400_000_123,
        id: 42,
    };
    let cursor = encode(row);
    assert_eq!(cursor.len(), 48);
    assert_eq!(decode(&cursor), Ok(row));
}

/// Paging visits every row once, newest first, even where timestamps are
/// equal, whatever the page size.
#[test]
fn pages_visit_every_row_once_in_order() {
    let expected: Vec<u64> = (1..=25).rev().collect();
    for limit in [1, 2, 3, 4, 7, 25, 100] {
        assert_eq!(read_all(&rows(), limit), expected, "limit {limit}");
    }
}

/// The last page says so with no cursor, and an empty table is one empty
/// page.
#[test]
fn the_last_page_has_no_cursor() {
    let (first, next) = page(&rows(), None, 25).expect("no cursor");
    assert_eq!((first.len(), next), (25, None));
    assert_eq!(page(&[], None, 10), Ok((Vec::new(), None)));
}

/// Rows inserted between two pages (newer than everything) neither appear
/// twice nor push old rows off the walk.
#[test]
fn new_rows_between_pages_do_not_shift_the_walk() {
    let mut table = rows();
    let (first, next) = page(&table, None, 10).expect("no cursor");
    table.push(Row {
        created_ms: 9_999,
        id: 26,
    });
    table.push(Row {
        created_ms: 9_999,
        id: 27,
    });
    let (second, _) = page(&table, next.as_deref(), 10).expect("valid");
    assert_eq!(first.last().map(|r| r.id), Some(16));
    assert_eq!(second.first().map(|r| r.id), Some(15));
}

/// A cursor that was edited, cut short or is not hex is refused.
#[test]
fn a_tampered_cursor_is_refused() {
    let cursor = encode(Row {
        created_ms: 1_005,
        id: 20,
    });
    // One digit changed in the timestamp, the id or the checksum.
    for at in [10, 31, 47] {
        let mut edited = cursor.clone().into_bytes();
        edited[at] = if edited[at] == b'0' { b'1' } else { b'0' };
        let edited = String::from_utf8(edited).expect("ascii");
        assert_eq!(decode(&edited), Err(CursorError::Invalid), "digit {at}");
    }
    // Not hex, though 48 bytes long: never a panic.
    assert_eq!(decode(&"é".repeat(24)), Err(CursorError::Invalid));
    assert_eq!(decode(&"+0".repeat(24)), Err(CursorError::Invalid));
    assert_eq!(decode(&cursor[..40]), Err(CursorError::Invalid));
    assert_eq!(decode(&"zz".repeat(24)), Err(CursorError::Invalid));
    assert_eq!(
        page(&rows(), Some("not-a-cursor"), 5),
        Err(CursorError::Invalid)
    );
}

/// The order is by timestamp first: a backfilled row with a small id but
/// a new timestamp comes before old rows with larger ids.
#[test]
fn timestamps_order_the_walk_not_ids() {
    let table = [
        Row {
            created_ms: 1_000,
            id: 90,
        },
        Row {
            created_ms: 2_000,
            id: 1,
        },
        Row {
            created_ms: 1_500,
            id: 50,
        },
        Row {
            created_ms: 2_000,
            id: 3,
        },
    ];
    for limit in [1, 2, 3] {
        assert_eq!(read_all(&table, limit), [3, 1, 50, 90], "limit {limit}");
    }
}

/// The row a cursor points at may be deleted before the next page; the
/// walk goes on from the next older row, because the cursor holds values,
/// not a position.
#[test]
fn the_cursor_row_may_be_deleted() {
    let mut table = rows();
    let (first, next) = page(&table, None, 10).expect("no cursor");
    assert_eq!(first.last().map(|r| r.id), Some(16));
    table.retain(|r| r.id != 16);
    let (second, _) = page(&table, next.as_deref(), 10).expect("valid");
    assert_eq!(second.first().map(|r| r.id), Some(15));
}
