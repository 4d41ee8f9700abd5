// --- solution ---
//! Reference solution: keyset pagination over orders sorted newest first,
//! with a cursor the client treats as an opaque string.
// --- stub ---
// //! Your turn: keyset pagination over orders sorted newest first, with a
// //! cursor the client treats as an opaque string.
// //!
// //! Run `cargo test -p opaque-cursor` until it passes.
// --- end ---
//!
//! Many orders share a timestamp (a batch import writes hundreds in the
//! same millisecond), and ids do not follow timestamps (a backfill inserts
//! old orders late, with new ids).

// --- stub ---
// // The stub does not call `checksum` yet; delete this line when your code
// // does.
// #![allow(dead_code)]
//
// --- end ---
/// One row, as the list endpoint returns it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub created_ms: u64,
    pub id: u64,
}

#[derive(Debug, PartialEq, Eq)]
pub enum CursorError {
    /// Not a cursor this server made, or one a client edited.
    Invalid,
    /// A page size of 0, which could never reach the end.
    ZeroLimit,
}

/// The most rows one page returns, whatever `limit` the client asks for.
pub const MAX_LIMIT: usize = 100;

/// A page of rows and the cursor for the next one (`None` on the last).
pub type Page = (Vec<Row>, Option<String>);

/// A simple checksum (64-bit FNV-1a). It catches a cursor edited or cut
/// by accident; anyone can recompute it, so it does not stop a forged one
/// (an HMAC with a server secret would).
fn checksum(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

// --- solution ---
/// The first byte of every cursor: a later format gets a new number, and
/// old cursors are then refused rather than misread.
const VERSION: u8 = 1;

// --- end ---
/// An opaque string for the position after `row`.
pub fn encode(row: Row) -> String {
    // --- solution ---
    let mut bytes = vec![VERSION];
    bytes.extend_from_slice(&row.created_ms.to_be_bytes());
    bytes.extend_from_slice(&row.id.to_be_bytes());
    bytes.extend_from_slice(&checksum(&bytes).to_be_bytes());
    bytes.iter().map(|b| format!("{b:02x}")).collect()
    // --- stub ---
    // let _ = row;
    // todo!("encode")
    // --- end ---
}

/// The row a cursor points after, or `Invalid`.
pub fn decode(cursor: &str) -> Result<Row, CursorError> {
    // --- solution ---
    // Check every byte before slicing: a non-ASCII string of the right
    // length would otherwise split a character and panic.
    if cursor.len() != 50 || !cursor.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(CursorError::Invalid);
    }
    let bytes: Vec<u8> = (0..25)
        .map(|i| u8::from_str_radix(&cursor[2 * i..2 * i + 2], 16))
        .collect::<Result<_, _>>()
        .map_err(|_| CursorError::Invalid)?;
    let word = |at: usize| u64::from_be_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
    if bytes[0] != VERSION || word(17) != checksum(&bytes[..17]) {
        return Err(CursorError::Invalid);
    }
    Ok(Row {
        created_ms: word(1),
        id: word(9),
    })
    // --- stub ---
    // let _ = cursor;
    // todo!("decode")
    // --- end ---
}

/// Up to `limit` rows (at most `MAX_LIMIT`) after `cursor` (from the start
/// when `None`), newest first, and the cursor for the next page. `rows` may
/// be in any order and may have changed since the previous page was read.
pub fn page(rows: &[Row], cursor: Option<&str>, limit: usize) -> Result<Page, CursorError> {
    // --- solution ---
    if limit == 0 {
        return Err(CursorError::ZeroLimit);
    }
    let limit = limit.min(MAX_LIMIT);
    let after = cursor.map(decode).transpose()?;
    let mut sorted: Vec<Row> = rows.to_vec();
    // Newest first, and among equal timestamps the larger id first.
    sorted.sort_by_key(|row| std::cmp::Reverse((row.created_ms, row.id)));
    let rest: Vec<Row> = sorted
        .into_iter()
        .filter(|row| after.is_none_or(|a| (row.created_ms, row.id) < (a.created_ms, a.id)))
        .collect();
    let taken: Vec<Row> = rest.iter().copied().take(limit).collect();
    let next = if rest.len() > taken.len() {
        taken.last().map(|&row| encode(row))
    } else {
        None
    };
    Ok((taken, next))
    // --- stub ---
    // let _ = (rows, cursor, limit);
    // todo!("page")
    // --- end ---
}
