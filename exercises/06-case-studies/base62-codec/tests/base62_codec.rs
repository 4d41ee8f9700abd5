//! Tests for the base62-codec exercise. If this file and the chapter
//! disagree, this file is right.

use base62_codec::{DecodeError, decode, encode, encode_padded};

// Pins decode on hand-checked values, including the largest u64.
#[test]
fn decodes_known_codes() {
    assert_eq!(decode("0"), Ok(0));
    assert_eq!(decode("z"), Ok(61));
    assert_eq!(decode("10"), Ok(62));
    assert_eq!(decode("21"), Ok(125));
    assert_eq!(decode("LygHa16AHYF"), Ok(u64::MAX));
}

// Pins that decode undoes encode at the edges and across a range.
#[test]
fn round_trips() {
    let edges = [
        0,
        1,
        61,
        62,
        3843,
        3844,
        62u64.pow(7) - 1,
        62u64.pow(7),
        u64::MAX - 1,
        u64::MAX,
    ];
    for id in edges.into_iter().chain((0..5_000).map(|i| i * 7_919)) {
        assert_eq!(decode(&encode(id)), Ok(id), "id {id}");
    }
}

// Pins case sensitivity: 'a' and 'A' are different digits.
#[test]
fn case_matters() {
    assert_eq!(decode("A"), Ok(10));
    assert_eq!(decode("a"), Ok(36));
}

// Pins leading zeros: they add length, not value.
#[test]
fn leading_zeros_are_allowed() {
    assert_eq!(decode("0000005"), Ok(5));
    assert_eq!(decode("00000000000000000001"), Ok(1));
}

// Pins the empty string: an error, not 0.
#[test]
fn empty_is_an_error() {
    assert_eq!(decode(""), Err(DecodeError::Empty));
}

// Pins the first bad character and its position, counted in characters.
#[test]
fn reports_the_first_invalid_character() {
    assert_eq!(
        decode("ab-c"),
        Err(DecodeError::InvalidChar { index: 2, ch: '-' })
    );
    assert_eq!(
        decode("a b"),
        Err(DecodeError::InvalidChar { index: 1, ch: ' ' })
    );
    assert_eq!(
        decode("é1"),
        Err(DecodeError::InvalidChar { index: 0, ch: 'é' })
    );
    assert_eq!(
        decode("1é/"),
        Err(DecodeError::InvalidChar { index: 1, ch: 'é' })
    );
    assert_eq!(
        decode("abc/"),
        Err(DecodeError::InvalidChar { index: 3, ch: '/' })
    );
}

// Pins overflow: one past u64::MAX and long codes are errors, not wraps or
// panics.
#[test]
fn overflow_is_an_error() {
    assert_eq!(decode("LygHa16AHYG"), Err(DecodeError::Overflow));
    assert_eq!(decode("zzzzzzzzzzz"), Err(DecodeError::Overflow));
    assert_eq!(decode(&"z".repeat(100)), Err(DecodeError::Overflow));
}

// Pins padding: fixed width with '0' in front, the top of 62^7, and None
// when the id needs more digits than the width allows.
#[test]
fn pads_to_a_fixed_width() {
    assert_eq!(encode_padded(5, 7).as_deref(), Some("0000005"));
    assert_eq!(
        encode_padded(62u64.pow(7) - 1, 7).as_deref(),
        Some("zzzzzzz")
    );
    assert_eq!(encode_padded(62u64.pow(7), 7), None);
    assert_eq!(encode_padded(62, 1), None);
    assert_eq!(encode_padded(0, 0), None);
    assert_eq!(encode_padded(0, 1).as_deref(), Some("0"));
    assert_eq!(encode_padded(u64::MAX, 11).as_deref(), Some("LygHa16AHYF"));
    assert_eq!(
        encode_padded(u64::MAX, 13).as_deref(),
        Some("00LygHa16AHYF")
    );
}

// Pins that padded codes decode to the same id.
#[test]
fn padded_codes_round_trip() {
    for id in [0, 1, 999, 62u64.pow(6), 62u64.pow(7) - 1] {
        let code = encode_padded(id, 7).expect("fits in 7");
        assert_eq!(code.len(), 7);
        assert_eq!(decode(&code), Ok(id));
    }
}
