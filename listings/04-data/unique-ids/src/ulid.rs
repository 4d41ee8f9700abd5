//! ULID (the specification at github.com/ulid/spec): 48 bits of Unix
//! milliseconds, then 80 random bits, written as 26 characters of Crockford's
//! base 32, whose alphabet is in ASCII order, so text order is time order.

/// Crockford's base 32: no I, L, O or U, which read like 1, 1, 0 and V.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A ULID as one 128-bit number: time in the top 48 bits.
pub fn compose(unix_millis: u64, random: u128) -> u128 {
    assert!(unix_millis < 1 << 48 && random < 1 << 80);
    u128::from(unix_millis) << 80 | random
}

/// 26 characters, 5 bits each from the top; the first carries 3 bits, so
/// it is always 0 to 7.
pub fn text(ulid: u128) -> String {
    (0..26)
        .rev()
        .map(|i| ALPHABET[(ulid >> (5 * i) & 31) as usize] as char)
        .collect()
}

/// Reads the text form back; `None` if it is not a ULID.
pub fn parse(text: &str) -> Option<u128> {
    if text.len() != 26 || text.as_bytes()[0] > b'7' {
        return None;
    }
    text.bytes().try_fold(0u128, |acc, c| {
        let digit = ALPHABET.iter().position(|&a| a == c.to_ascii_uppercase())?;
        Some(acc << 5 | digit as u128)
    })
}

// ANCHOR: monotonic
/// The specification's monotonic mode: within one millisecond, each ULID
/// is the last one plus 1, so a generator's ULIDs sort in the order it
/// made them; a new millisecond draws fresh random bits.
pub struct Monotonic {
    last: Option<u128>,
}

impl Monotonic {
    pub fn new() -> Monotonic {
        Monotonic { last: None }
    }

    /// `None` when the 80 random bits would overflow within one
    /// millisecond: the specification says to fail rather than wrap.
    pub fn next(&mut self, unix_millis: u64, random: u128) -> Option<u128> {
        let id = match self.last {
            Some(last) if last >> 80 == u128::from(unix_millis) => {
                if last & ((1 << 80) - 1) == (1 << 80) - 1 {
                    return None;
                }
                last + 1
            }
            _ => compose(unix_millis, random),
        };
        self.last = Some(id);
        Some(id)
    }
}
// ANCHOR_END: monotonic

impl Default for Monotonic {
    fn default() -> Monotonic {
        Monotonic::new()
    }
}
