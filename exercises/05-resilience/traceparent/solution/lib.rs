// --- solution ---
//! Reference solution: a strict `traceparent` parser (W3C Trace Context
//! Level 1) and the header a service sends on to the next hop.
// --- stub ---
// //! Your turn: read a W3C `traceparent` header and write the one to send on.
// //!
// //! `version-traceid-parentid-flags`, all lowercase hex: 2, 32, 16 and 2
// //! digits. Anything else is refused, so the caller can start a new trace.
// //!
// //! The tests are in `tests/traceparent.rs`.
// //! Run `cargo test -p traceparent` until every test passes.
// --- end ---

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
    // --- solution ---
    /// Exactly `n` lowercase hex digits, as a number.
    fn hex(field: &str, n: usize) -> Result<u128, Invalid> {
        if field.len() != n
            || !field
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        {
            return Err(Invalid::Format);
        }
        u128::from_str_radix(field, 16).map_err(|_| Invalid::Format)
    }
    if !header.is_ascii() || header.len() < 55 {
        return Err(Invalid::Format);
    }
    let version = hex(&header[..2], 2)?;
    if version == 0xff {
        return Err(Invalid::Version);
    }
    if header.len() > 55 && (version == 0 || header.as_bytes()[55] != b'-') {
        return Err(Invalid::Format);
    }
    let b = header.as_bytes();
    if b[2] != b'-' || b[35] != b'-' || b[52] != b'-' {
        return Err(Invalid::Format);
    }
    let trace_id = hex(&header[3..35], 32)?;
    let parent_id = hex(&header[36..52], 16)? as u64;
    let flags = hex(&header[53..55], 2)? as u8;
    if trace_id == 0 {
        return Err(Invalid::ZeroTraceId);
    }
    if parent_id == 0 {
        return Err(Invalid::ZeroParentId);
    }
    Ok(TraceParent {
        trace_id,
        parent_id,
        flags,
    })
    // --- stub ---
    // let _ = header;
    // todo!("check length, dashes, lowercase hex, version ff and zero ids")
    // --- end ---
}

impl TraceParent {
    /// Whether the caller sampled (recorded) this trace.
    pub fn sampled(&self) -> bool {
        // --- solution ---
        self.flags & SAMPLED != 0
        // --- stub ---
        // todo!()
        // --- end ---
    }

    /// The context to send on from a new span `span_id` in this trace: same
    /// trace id, the new span as parent, only the flags version 00 defines.
    /// `None` for a zero span id, which no header may carry.
    pub fn child(&self, span_id: u64) -> Option<TraceParent> {
        // --- solution ---
        (span_id != 0).then_some(TraceParent {
            trace_id: self.trace_id,
            parent_id: span_id,
            flags: self.flags & SAMPLED,
        })
        // --- stub ---
        // let _ = span_id;
        // todo!()
        // --- end ---
    }

    /// The header value, always written as version `00`.
    pub fn header(&self) -> String {
        // --- solution ---
        format!(
            "00-{:032x}-{:016x}-{:02x}",
            self.trace_id, self.parent_id, self.flags
        )
        // --- stub ---
        // todo!()
        // --- end ---
    }
}
