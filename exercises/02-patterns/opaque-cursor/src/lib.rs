//! Your turn: keyset pagination over orders sorted newest first, with a
//! cursor the client treats as an opaque string.
//!
//! Run `cargo test -p opaque-cursor` until it passes.
//!
//! Many orders share a timestamp (a batch import writes hundreds in the
//! same millisecond), and ids do not follow timestamps (a backfill inserts
//! old orders late, with new ids).

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

/// An opaque string for the position after `row`.
pub fn encode(row: Row) -> String {
    let _ = row;
    todo!("encode")
}

/// The row a cursor points after, or `Invalid`.
pub fn decode(cursor: &str) -> Result<Row, CursorError> {
    let _ = cursor;
    todo!("decode")
}

/// Up to `limit` rows (at most `MAX_LIMIT`) after `cursor` (from the start
/// when `None`), newest first, and the cursor for the next page. `rows` may
/// be in any order and may have changed since the previous page was read.
pub fn page(rows: &[Row], cursor: Option<&str>, limit: usize) -> Result<Page, CursorError> {
    let _ = (rows, cursor, limit);
    todo!("page")
}
