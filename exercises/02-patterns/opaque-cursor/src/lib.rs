//! Your turn: keyset pagination over orders sorted newest first, with a
//! cursor the client treats as an opaque string.
//!
//! Run `cargo test -p opaque-cursor` until it passes.
//!
//! Many orders share a timestamp (a batch import writes hundreds in the
//! same millisecond), so the sort key is `(created_ms, id)`, both
//! descending, and the cursor must carry both.

// The stub does not call `checksum` yet; delete this line when your code
// does.
#![allow(dead_code)]

/// One row, as the list endpoint returns it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub created_ms: u64,
    pub id: u64,
}

#[derive(Debug, PartialEq, Eq)]
pub enum CursorError {
    /// Not a cursor this server made: wrong length, not hex, or a
    /// checksum that does not match (a client edited it).
    Invalid,
}

/// A page of rows and the cursor for the next one (`None` on the last).
pub type Page = (Vec<Row>, Option<String>);

/// A simple checksum (64-bit FNV-1a). It catches a client that edits the
/// cursor by accident or on purpose; it is not a signature, and a server
/// that must stop forged cursors would use an HMAC with a secret key.
fn checksum(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// Encodes the position after `row` as 48 lower-case hex digits: the
/// row's timestamp, its id and their checksum, 8 bytes each.
pub fn encode(row: Row) -> String {
    let _ = row;
    todo!("encode")
}

/// The row a cursor points after, or `Invalid`.
pub fn decode(cursor: &str) -> Result<Row, CursorError> {
    let _ = cursor;
    todo!("decode")
}

/// Up to `limit` rows after `cursor` (from the start when `None`), newest
/// first, and the cursor for the next page. `rows` may be in any order and
/// may have changed since the previous page was read.
pub fn page(rows: &[Row], cursor: Option<&str>, limit: usize) -> Result<Page, CursorError> {
    let _ = (rows, cursor, limit);
    todo!("page")
}
