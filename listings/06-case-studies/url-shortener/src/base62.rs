//! Base62: digits, then upper case, then lower case. 62 symbols that are
//! safe in a URL path without escaping.

// ANCHOR: encode
pub const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Writes `id` in base 62, most significant digit first.
/// Distinct ids give distinct codes, so a counter never collides with itself.
pub fn encode(mut id: u64) -> String {
    if id == 0 {
        return "0".to_string();
    }
    // u64::MAX needs 11 base-62 digits (62^11 > 2^64).
    let mut digits = Vec::with_capacity(11);
    while id > 0 {
        digits.push(ALPHABET[(id % 62) as usize]);
        id /= 62;
    }
    digits.reverse();
    // Every byte came from ALPHABET, which is ASCII.
    digits.into_iter().map(char::from).collect()
}
// ANCHOR_END: encode

/// True if every character is one `encode` can produce.
pub fn is_base62(code: &str) -> bool {
    !code.is_empty() && code.bytes().all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Pins the alphabet order: 0-9, then A-Z, then a-z.
    #[test]
    fn single_digits_follow_the_alphabet() {
        assert_eq!(encode(0), "0");
        assert_eq!(encode(9), "9");
        assert_eq!(encode(10), "A");
        assert_eq!(encode(36), "a");
        assert_eq!(encode(61), "z");
    }

    // Pins place value: 62 is "10", 62^2 is "100", 125 = 2*62 + 1 is "21".
    #[test]
    fn carries_into_the_next_digit() {
        assert_eq!(encode(62), "10");
        assert_eq!(encode(125), "21");
        assert_eq!(encode(62 * 62), "100");
        assert_eq!(encode(62u64.pow(7) - 1), "zzzzzzz");
    }

    // Pins the largest id: 11 characters, no overflow or panic.
    #[test]
    fn u64_max_fits_in_eleven_characters() {
        assert_eq!(encode(u64::MAX), "LygHa16AHYF");
    }

    // Pins that consecutive ids never share a code.
    #[test]
    fn codes_are_unique_for_a_range_of_ids() {
        let codes: std::collections::BTreeSet<String> = (0..10_000).map(encode).collect();
        assert_eq!(codes.len(), 10_000);
        assert!(codes.iter().all(|c| is_base62(c)));
    }

    // Pins what counts as a base62 code: empty and punctuation are not.
    #[test]
    fn is_base62_rejects_empty_and_punctuation() {
        assert!(is_base62("aZ09"));
        assert!(!is_base62(""));
        assert!(!is_base62("ab-c"));
        assert!(!is_base62("é"));
    }
}
