//! The tests for the traceparent exercise. If this file and the chapter
//! disagree, this file is right.

use traceparent::{Invalid, TraceParent, parse};

const GOOD: &str = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

#[test]
fn reads_the_four_fields() {
    let tp = parse(GOOD).unwrap();
    assert_eq!(tp.trace_id, 0x0af7651916cd43dd8448eb211c80319c);
    assert_eq!(tp.parent_id, 0xb7ad6b7169203331);
    assert_eq!(tp.flags, 0x01);
    assert!(tp.sampled());
}

// Catches `u128::from_str_radix` on each field without a length check: it
// reads short ids (the SDK's propagator in the chapter accepts this one).
#[test]
fn refuses_ids_of_the_wrong_length() {
    for bad in [
        "00-abc-def-01",
        "00-0af7651916cd43dd8448eb211c80319-b7ad6b7169203331-01",
        "00-0af7651916cd43dd8448eb211c80319c0-b7ad6b716920333-01",
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-1",
        "",
    ] {
        assert_eq!(parse(bad), Err(Invalid::Format), "{bad:?}");
    }
}

// Catches accepting upper case (from_str_radix does) or a sign (it does too).
#[test]
fn refuses_anything_but_lowercase_hex() {
    for bad in [
        "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01",
        "00-0af7651916cd43dd8448eb211c80319c-B7AD6B7169203331-01",
        "00-+af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        "00-0af7651916cd43dd8448eb211c80319c-+7ad6b7169203331-01",
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-0G",
        "00-0af7651916cd43dd8448eb211c80319c_b7ad6b7169203331-01",
        "0x-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        "00-0af7651916cd43dd8448eb211c80319é-b7ad6b7169203331-01",
    ] {
        assert_eq!(parse(bad), Err(Invalid::Format), "{bad:?}");
    }
}

#[test]
fn refuses_all_zero_ids_and_version_ff() {
    assert_eq!(
        parse("00-00000000000000000000000000000000-b7ad6b7169203331-01"),
        Err(Invalid::ZeroTraceId)
    );
    assert_eq!(
        parse("00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01"),
        Err(Invalid::ZeroParentId)
    );
    assert_eq!(
        parse("ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
        Err(Invalid::Version)
    );
}

// Catches treating every version like 00, or refusing every version but 00.
#[test]
fn later_versions_may_append_fields_version_00_may_not() {
    let v1 = "01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    assert!(parse(v1).is_ok());
    assert!(parse(&format!("{v1}-what-comes-next")).is_ok());
    assert_eq!(parse(&format!("{v1}x")), Err(Invalid::Format));
    assert_eq!(parse(&format!("{GOOD}-extra")), Err(Invalid::Format));
    assert_eq!(parse(&format!("{GOOD} ")), Err(Invalid::Format));
}

// Catches `flags == 1`: sampled is one bit of eight.
#[test]
fn sampled_is_one_bit() {
    let with = |f: &str| parse(&format!("{}{f}", &GOOD[..53])).unwrap();
    assert!(with("09").sampled());
    assert!(!with("08").sampled());
    assert!(!with("00").sampled());
    assert!(with("ff").sampled());
}

// Catches a child that keeps the caller's span as parent, a new trace id,
// flags passed on unmasked, or ids written without leading zeros.
#[test]
fn the_child_header_keeps_the_trace_and_names_the_new_span() {
    let tp = parse(&format!("{}09", &GOOD[..53])).unwrap();
    let child = tp.child(0x00f067aa0ba902b7).unwrap();
    assert_eq!(
        child.header(),
        "00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01"
    );
    assert_eq!(parse(&child.header()), Ok(child));
    let small = TraceParent {
        trace_id: 1,
        parent_id: 2,
        flags: 0,
    };
    assert_eq!(
        small.header(),
        "00-00000000000000000000000000000001-0000000000000002-00"
    );
    assert_eq!(tp.child(0), None);
}

#[test]
fn a_later_version_is_sent_on_as_00() {
    let tp = parse("01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-more").unwrap();
    let header = tp.child(7).unwrap().header();
    assert_eq!(
        header,
        "00-0af7651916cd43dd8448eb211c80319c-0000000000000007-01"
    );
}
