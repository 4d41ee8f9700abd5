use event_schema::{PaymentEvent, Status, read, write};

fn event(amount_cents: u64, currency: &str, status: Status, tags: &[&str]) -> PaymentEvent {
    PaymentEvent {
        id: 1,
        amount_cents,
        currency: currency.to_string(),
        status,
        tags: tags.iter().map(|t| t.to_string()).collect(),
    }
}

/// A version-1 event: the old amount name, no currency (it was USD), no
/// tags.
#[test]
fn reads_version_1() {
    let v1 = r#"{"id": 1, "amount": 500, "status": "PENDING"}"#;
    assert_eq!(
        read(v1).expect("v1"),
        event(500, "USD", Status::Pending, &[])
    );
}

/// A version-2 event: the new amount name and a currency.
#[test]
fn reads_version_2() {
    let v2 = r#"{"id": 1, "amount_cents": 500, "currency": "EUR", "status": "CAPTURED"}"#;
    assert_eq!(
        read(v2).expect("v2"),
        event(500, "EUR", Status::Captured, &[])
    );
}

/// A version-3 event with tags, and a field from another service.
#[test]
fn reads_version_3_and_ignores_foreign_fields() {
    let v3 = r#"{"id": 1, "amount_cents": 500, "currency": "EUR", "status": "REFUNDED",
                 "tags": ["gift"], "trace_id": "abc123"}"#;
    assert_eq!(
        read(v3).expect("v3"),
        event(500, "EUR", Status::Refunded, &["gift"])
    );
}

/// A status from a newer producer is read as `Other` with its text, not an
/// error that would stop the consumer.
#[test]
fn reads_an_unknown_status() {
    let newer = r#"{"id": 1, "amount_cents": 500, "currency": "EUR", "status": "DISPUTED"}"#;
    assert_eq!(
        read(newer).expect("newer").status,
        Status::Other("DISPUTED".to_string())
    );
}

/// An event re-published by billing keeps the status billing did not know:
/// it is written back exactly as it was read, not as a placeholder.
#[test]
fn passes_an_unknown_status_on_unchanged() {
    let newer = r#"{"id": 1, "amount_cents": 500, "currency": "EUR", "status": "DISPUTED"}"#;
    assert_eq!(
        write(&read(newer).expect("newer")),
        r#"{"id":1,"amount_cents":500,"currency":"EUR","status":"DISPUTED","tags":[]}"#
    );
}

/// Writes the newest version: the new names, in upper-case status.
#[test]
fn writes_version_3() {
    let written = write(&event(500, "EUR", Status::Captured, &["gift"]));
    assert_eq!(
        written,
        r#"{"id":1,"amount_cents":500,"currency":"EUR","status":"CAPTURED","tags":["gift"]}"#
    );
}

/// What is really broken is still refused: a negative or fractional
/// amount, a missing id, a status that is not a string. The same event
/// with that one value fixed reads, so each error comes from that value.
#[test]
fn refuses_what_no_version_allows() {
    assert!(read(r#"{"id": 1, "amount": 5, "status": "PENDING"}"#).is_ok());
    assert!(read(r#"{"id": 1, "amount": -5, "status": "PENDING"}"#).is_err());
    assert!(read(r#"{"id": 1, "amount": 5.5, "status": "PENDING"}"#).is_err());
    assert!(read(r#"{"amount": 5, "status": "PENDING"}"#).is_err());
    assert!(read(r#"{"id": 1, "amount": 5, "status": 7}"#).is_err());
}
