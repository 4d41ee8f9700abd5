// --- solution ---
//! Reference solution for the base62-codec exercise.
// --- stub ---
// //! Your turn: turn short codes back into ids, and give codes a fixed width.
// //!
// //! `encode` is the one from the chapter. Write `decode` and `encode_padded`
// //! so that `cargo test -p base62-codec` passes.
// --- end ---

pub const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Why a string is not a valid code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The string has no characters.
    Empty,
    /// `ch` is not in the alphabet; `index` counts characters, not bytes.
    InvalidChar { index: usize, ch: char },
    /// The value does not fit in a u64.
    Overflow,
}

/// Id -> code, most significant digit first (given).
pub fn encode(mut id: u64) -> String {
    if id == 0 {
        return "0".to_string();
    }
    let mut digits = Vec::with_capacity(11);
    while id > 0 {
        digits.push(ALPHABET[(id % 62) as usize]);
        id /= 62;
    }
    digits.reverse();
    digits.into_iter().map(char::from).collect()
}

// --- solution ---
/// The value of one character, by arithmetic on the alphabet's three runs
/// rather than a search through it.
fn digit(ch: char) -> Option<u64> {
    let value = match ch {
        '0'..='9' => ch as u32 - '0' as u32,
        'A'..='Z' => ch as u32 - 'A' as u32 + 10,
        'a'..='z' => ch as u32 - 'a' as u32 + 36,
        _ => return None,
    };
    Some(u64::from(value))
}

// --- stub ---
// // ANCHOR: stub
// --- end ---
/// Code -> id. The inverse of `encode`; leading zeros are allowed
/// (`"0000005"` is 5). Never panics, whatever the input.
pub fn decode(code: &str) -> Result<u64, DecodeError> {
    // --- solution ---
    if code.is_empty() {
        return Err(DecodeError::Empty);
    }
    let mut id: u64 = 0;
    for (index, ch) in code.chars().enumerate() {
        let d = digit(ch).ok_or(DecodeError::InvalidChar { index, ch })?;
        // Checked arithmetic: a long code must be an error, not a wrap.
        id = id
            .checked_mul(62)
            .and_then(|v| v.checked_add(d))
            .ok_or(DecodeError::Overflow)?;
    }
    Ok(id)
    // --- stub ---
    // todo!("decode {code:?}")
    // --- end ---
}

/// Exactly `width` characters, left-padded with '0', or `None` if `id`
/// needs more than `width` digits.
pub fn encode_padded(id: u64, width: usize) -> Option<String> {
    // --- solution ---
    let code = encode(id);
    // Width 0 never fits: even id 0 is written "0", and an empty code
    // could not be decoded.
    if code.len() > width {
        return None;
    }
    Some(format!("{code:0>width$}"))
    // --- stub ---
    // todo!("pad {id} to {width} characters")
    // --- end ---
}
// --- stub ---
// // ANCHOR_END: stub
// --- end ---
