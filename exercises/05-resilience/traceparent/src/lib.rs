//! Your turn: read a W3C `traceparent` header and write the one to send on.
//!
//! `version-traceid-parentid-flags`, all lowercase hex: 2, 32, 16 and 2
//! digits. Anything else is refused, so the caller can start a new trace.
//!
//! The tests are in `tests/traceparent.rs`.
//! Run `cargo test -p traceparent` until every test passes.

/// A parsed `traceparent`. `flags` is kept as received.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TraceParent {
    pub trace_id: u128,
    pub parent_id: u64,
    pub flags: u8,
}

/// Why a header was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    /// Wrong length, a missing dash, or a character that is not lowercase hex.
    Format,
    /// Version `ff`, which the specification forbids.
    Version,
    /// A trace id of all zeros.
    ZeroTraceId,
    /// A parent id of all zeros.
    ZeroParentId,
}

/// The only flag version 00 defines: the caller recorded this trace.
pub const SAMPLED: u8 = 0x01;

/// Parses a `traceparent` value. Version `00` is exactly 55 characters. A
/// later version (`01` to `fe`) is read the same way for its first 55
/// characters, and may go on only after a `-` at position 55.
pub fn parse(header: &str) -> Result<TraceParent, Invalid> {
    let _ = header;
    todo!("check length, dashes, lowercase hex, version ff and zero ids")
}

impl TraceParent {
    /// Whether the caller sampled (recorded) this trace.
    pub fn sampled(&self) -> bool {
        todo!()
    }

    /// The context to send on from a new span `span_id` in this trace: same
    /// trace id, the new span as parent, only the flags version 00 defines.
    /// `None` for a zero span id, which no header may carry.
    pub fn child(&self, span_id: u64) -> Option<TraceParent> {
        let _ = span_id;
        todo!()
    }

    /// The header value, always written as version `00`.
    pub fn header(&self) -> String {
        todo!()
    }
}
