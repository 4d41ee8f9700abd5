//! Your turn: turn short codes back into ids, and give codes a fixed width.
//!
//! `encode` is the one from the chapter. Write `decode` and `encode_padded`
//! so that `cargo test -p base62-codec` passes.

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

// ANCHOR: stub
/// Code -> id. The inverse of `encode`; leading zeros are allowed
/// (`"0000005"` is 5). Never panics, whatever the input.
pub fn decode(code: &str) -> Result<u64, DecodeError> {
    todo!("decode {code:?}")
}

/// Exactly `width` characters, left-padded with '0', or `None` if `id`
/// needs more than `width` digits.
pub fn encode_padded(id: u64, width: usize) -> Option<String> {
    todo!("pad {id} to {width} characters")
}
// ANCHOR_END: stub
