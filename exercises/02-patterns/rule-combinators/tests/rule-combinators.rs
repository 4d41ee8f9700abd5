use rule_combinators::{AllOf, Byte, Digits, Either, Lowercase, Rule, count_rejected};

/// `Either` allows a byte when one side allows it, and only then.
#[test]
fn either_allows_what_one_side_allows() {
    let slug = Either(Lowercase, Byte(b'-'));
    assert!(slug.allows(b'a') && slug.allows(b'-'));
    assert!(!slug.allows(b'A') && !slug.allows(b'_'));
    assert_eq!(count_rejected(&slug, b"order-42"), 2);
}

/// `AllOf` allows a byte only when every rule allows it.
#[test]
fn all_of_allows_only_what_every_rule_allows() {
    let low_digit: AllOf = AllOf(vec![
        Box::new(Digits),
        Box::new(Either(
            Byte(b'0'),
            Either(Byte(b'1'), Either(Byte(b'2'), Byte(b'3'))),
        )),
    ]);
    assert!(low_digit.allows(b'0') && low_digit.allows(b'3'));
    assert!(
        !low_digit.allows(b'7'),
        "a digit that the second rule rejects"
    );
    assert!(!low_digit.allows(b'a'), "rejected by both");
}

/// A rule list with nothing in it forbids nothing: an operator who removes
/// the last rule from the configuration must not block every request.
#[test]
fn an_empty_all_of_allows_every_byte() {
    let none = AllOf(Vec::new());
    assert!((0..=255).all(|byte| none.allows(byte)));
}

/// A rule chosen at run time goes through the generic `count_rejected`.
#[test]
fn a_boxed_rule_works_where_a_generic_rule_is_expected() {
    let from_config: Box<dyn Rule> = Box::new(Digits);
    assert_eq!(count_rejected(&from_config, b"12a4"), 1);
    let list = AllOf(vec![Box::new(Lowercase)]);
    let boxed_list: Box<dyn Rule> = Box::new(list);
    assert_eq!(count_rejected(&boxed_list, b"abC"), 1);
}

/// The two combinators nest both ways: a run-time list inside a
/// compile-time pair and the other way round.
#[test]
fn combinators_nest() {
    let id: Box<dyn Rule> = Box::new(AllOf(vec![Box::new(Either(Digits, Lowercase))]));
    let id_or_dash = Either(id, Byte(b'-'));
    assert_eq!(count_rejected(&id_or_dash, b"a1-b2_C"), 2);
    let nested = AllOf(vec![
        Box::new(id_or_dash),
        Box::new(Either(Byte(b'-'), Digits)),
    ]);
    assert_eq!(count_rejected(&nested, b"7-a"), 1);
}
