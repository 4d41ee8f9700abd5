use opaque_cursor::{CursorError, MAX_LIMIT, Row, decode, encode, page};

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
        assert!(rows_on_page.len() <= limit.min(MAX_LIMIT));
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
    assert_eq!(decode(&encode(row)), Ok(row));
    let max = Row {
        created_ms: u64::MAX,
        id: u64::MAX,
    };
    assert_eq!(decode(&encode(max)), Ok(max));
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

/// A cursor with any one character edited, cut short, or the right length
/// but not a cursor at all, is refused, never a panic.
#[test]
fn a_tampered_cursor_is_refused() {
    let cursor = encode(Row {
        created_ms: 1_005,
        id: 20,
    });
    for at in 0..cursor.len() {
        let mut edited = cursor.clone().into_bytes();
        edited[at] = if edited[at] == b'0' { b'1' } else { b'0' };
        let edited = String::from_utf8(edited).expect("ascii");
        assert_eq!(decode(&edited), Err(CursorError::Invalid), "character {at}");
    }
    let n = cursor.len();
    let same_length = |pair: &str, pad: &str| pair.repeat(n / 2) + &pad.repeat(n % 2);
    // Two-byte characters, starting at an even and an odd byte: slicing
    // two bytes at a time would split one.
    assert_eq!(decode(&same_length("é", "a")), Err(CursorError::Invalid));
    let odd = "0".to_string() + &"é".repeat((n - 1) / 2) + &"0".repeat((n - 1) % 2);
    assert_eq!(odd.len(), n);
    assert_eq!(decode(&odd), Err(CursorError::Invalid));
    // `u8::from_str_radix` accepts a leading `+`.
    assert_eq!(decode(&same_length("+0", "0")), Err(CursorError::Invalid));
    assert_eq!(decode(&same_length("zz", "z")), Err(CursorError::Invalid));
    assert_eq!(decode(&cursor[..n - 2]), Err(CursorError::Invalid));
    assert_eq!(decode(""), Err(CursorError::Invalid));
    assert_eq!(
        page(&rows(), Some("not-a-cursor"), 5),
        Err(CursorError::Invalid)
    );
}

/// A page size of 0 is refused (an empty page with no cursor would end
/// the walk early), and a huge one is capped at `MAX_LIMIT`.
#[test]
fn the_page_size_is_bounded() {
    assert_eq!(page(&rows(), None, 0), Err(CursorError::ZeroLimit));
    let many: Vec<Row> = (1..=250)
        .map(|id| Row {
            created_ms: 1_000 + id / 7,
            id,
        })
        .collect();
    let (first, next) = page(&many, None, usize::MAX).expect("no cursor");
    assert_eq!(first.len(), MAX_LIMIT);
    assert!(next.is_some());
    let expected: Vec<u64> = (1..=250).rev().collect();
    assert_eq!(read_all(&many, 1_000), expected);
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
