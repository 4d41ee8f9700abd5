use std::mem::size_of;
use trait_dispatch::{
    Base64Url, Below, BodyRule, Digits, HeaderValue, Rule, Validator, count_rejected,
    count_rejected_dyn, report, sample_body,
};

/// Counts with all three dispatches and checks that they agree.
fn counts_agree<R: Rule>(rule: &R, body: &[u8]) -> usize {
    let generic = count_rejected(rule, body);
    assert_eq!(count_rejected_dyn(rule, body), generic, "dyn, per byte");
    let per_body: &dyn BodyRule = rule;
    assert_eq!(per_body.count_rejected(body), generic, "dyn, per body");
    generic
}

/// The three ways of calling a rule must count the same bytes: dispatch
/// changes the speed, never the answer.
#[test]
fn every_dispatch_counts_the_same_bytes() {
    for len in [0, 1, 999, 1000, 4096, 65_536] {
        let body = sample_body(len);
        counts_agree(&HeaderValue, &body);
        counts_agree(&Base64Url, &body);
        counts_agree(&Digits, &body);
        counts_agree(&Below::<64>, &body);
    }
}

/// The sample body carries one control byte every 1,000 bytes and nothing
/// else a header value rejects, so the chapter's count is predictable.
#[test]
fn the_sample_body_has_one_bad_header_byte_per_thousand() {
    assert_eq!(count_rejected(&HeaderValue, &sample_body(65_536)), 65);
    assert_eq!(count_rejected(&HeaderValue, &sample_body(999)), 0);
    assert_eq!(
        sample_body(10),
        sample_body(10),
        "the body is deterministic"
    );
}

/// A reference to a trait object carries a second pointer, to the vtable;
/// a reference to a concrete type is one pointer, and a unit struct is
/// nothing at all.
#[test]
fn a_trait_object_pointer_is_two_words() {
    let word = size_of::<usize>();
    assert_eq!(size_of::<HeaderValue>(), 0);
    assert_eq!(size_of::<&HeaderValue>(), word);
    assert_eq!(size_of::<&dyn Rule>(), 2 * word);
    assert_eq!(size_of::<Box<dyn Rule>>(), 2 * word);
}

/// The rules accept and reject what their doc comments say.
#[test]
fn rules_accept_what_they_document() {
    assert!(HeaderValue.allows(b'\t') && HeaderValue.allows(b' ') && HeaderValue.allows(b'~'));
    assert!(!HeaderValue.allows(b'\r') && !HeaderValue.allows(b'\n') && !HeaderValue.allows(0x7f));
    assert!(Base64Url.allows(b'-') && Base64Url.allows(b'_') && Base64Url.allows(b'Z'));
    assert!(!Base64Url.allows(b'+') && !Base64Url.allows(b'/') && !Base64Url.allows(b'='));
    assert!(Digits.allows(b'0') && Digits.allows(b'9') && !Digits.allows(b'a'));
    assert!(Below::<10>.allows(9) && !Below::<10>.allows(10));
}

/// `report` works for a concrete rule and, thanks to `?Sized`, for a trait
/// object, with the same text.
#[test]
fn report_names_the_first_bad_byte_for_both_dispatches() {
    let body = b"curl/8.5\r\nx-admin: 1";
    let expected = "user-agent: 2 bytes not allowed, the first ('\\r') at offset 8";
    assert_eq!(
        report(&HeaderValue, "user-agent", body).as_deref(),
        Some(expected)
    );
    let object: &dyn Rule = &HeaderValue;
    assert_eq!(
        report(object, "user-agent", body).as_deref(),
        Some(expected)
    );
    assert_eq!(report(&HeaderValue, "user-agent", b"curl/8.5"), None);
}

/// The validator checks each field against its own rule, reports the
/// fields in the order they were added, and skips a field the request
/// lacks.
#[test]
fn the_validator_reports_each_broken_field_once() {
    let validator = Validator::default()
        .field("x-request-id", Base64Url)
        .field("quantity", Digits)
        .field("user-agent", HeaderValue);
    let request: [(&str, &[u8]); 3] = [
        ("quantity", b"1e3"),
        ("user-agent", b"curl/8.5\r\nx-admin: 1"),
        ("x-request-id", b"f3a9+Zq/01"),
    ];
    assert_eq!(
        validator.check(&request),
        [
            ("x-request-id".to_string(), 2),
            ("quantity".to_string(), 1),
            ("user-agent".to_string(), 2)
        ]
    );
    assert!(validator.check(&[("quantity", b"12")]).is_empty());
    assert!(
        validator.check(&[]).is_empty(),
        "a missing field is not checked"
    );
}
