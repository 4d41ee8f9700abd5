use charge_builder::{Charge, ChargeBuilder, KeyError};

fn charge(amount: u64, key: &str) -> Charge {
    ChargeBuilder::new()
        .amount(amount)
        .idempotency_key(key)
        .expect("a valid key")
        .build()
}

/// The built charge holds what was set, with USD and no description by
/// default.
#[test]
fn a_charge_holds_what_was_set() {
    assert_eq!(
        charge(1999, "order-42-attempt-1"),
        Charge {
            amount_cents: 1999,
            currency: "USD".to_string(),
            idempotency_key: "order-42-attempt-1".to_string(),
            description: None,
        }
    );
}

/// The required settings may come in either order, and the optional ones
/// anywhere in the chain.
#[test]
fn settings_come_in_any_order() {
    let key_first = ChargeBuilder::new()
        .description("2 books")
        .idempotency_key("k-1")
        .expect("a valid key")
        .currency("EUR")
        .amount(500)
        .build();
    let amount_first = ChargeBuilder::new()
        .amount(500)
        .currency("EUR")
        .idempotency_key("k-1")
        .expect("a valid key")
        .description("2 books")
        .build();
    assert_eq!(key_first, amount_first);
    assert_eq!(key_first.currency, "EUR");
    assert_eq!(key_first.description.as_deref(), Some("2 books"));
}

/// A key the provider would reject is refused before anything is sent.
#[test]
fn bad_keys_are_refused() {
    let err = |key: &str| ChargeBuilder::new().idempotency_key(key).err();
    assert_eq!(err(""), Some(KeyError::Empty));
    assert_eq!(err(&"k".repeat(65)), Some(KeyError::TooLong { len: 65 }));
    assert_eq!(err("order 42"), Some(KeyError::NotPrintableAscii));
    assert_eq!(err("bestellung-ü"), Some(KeyError::NotPrintableAscii));
    assert_eq!(err(&"k".repeat(64)), None, "64 characters is allowed");
    assert_eq!(err("a"), None, "one character is allowed");
}

/// Setting an optional value twice keeps the last one.
#[test]
fn the_last_currency_wins() {
    let charge = ChargeBuilder::new()
        .currency("EUR")
        .currency("GBP")
        .amount(1)
        .idempotency_key("k")
        .expect("a valid key")
        .build();
    assert_eq!(charge.currency, "GBP");
}
