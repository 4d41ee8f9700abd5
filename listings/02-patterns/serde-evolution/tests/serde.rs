use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_evolution::boundary::router;
use serde_evolution::evolution::{Format, cell, written};
use serde_evolution::versions::{v1, v2};
use tower::ServiceExt;

/// JSON carries field names: an added field with a default and an old
/// name kept as an alias survive in both directions; a strict reader or a
/// field without a default does not.
#[test]
fn json_survives_additions_with_defaults_and_aliased_renames() {
    let j = |w, r| cell(Format::Json, w, r);
    assert_eq!(
        j("v1", "v2"),
        "ok",
        "new reader, old data: default fills in"
    );
    assert_eq!(
        j("v2", "v1"),
        "ok",
        "old reader, new data: unknown field ignored"
    );
    assert_eq!(j("v1", "v2 no default"), "missing field `currency`");
    assert!(j("v2", "v1 strict").starts_with("unknown field `currency`"));
    assert_eq!(j("v1", "v3"), "ok", "the alias reads the old name");
    assert_eq!(
        j("v3", "v2"),
        "missing field `email`",
        "old readers do not know the new name"
    );
}

/// Postcard carries only values, in order: appending a field breaks new
/// readers of old data, old readers quietly ignore what follows, and names
/// (renames, strictness) mean nothing.
#[test]
fn postcard_is_positional() {
    let p = |w, r| cell(Format::Postcard, w, r);
    assert_eq!(p("v1", "v2"), "Hit the end of buffer, expected more data");
    assert_eq!(p("v2", "v1"), "ok");
    assert_eq!(p("v2", "v1 strict"), "ok");
    assert_eq!(p("v3", "v2"), "ok");
}

/// An old reader that rewrites a record it read drops the field it did not
/// know: the currency comes back as the default.
#[test]
fn an_old_reader_that_rewrites_loses_the_new_field() {
    let eur = written(Format::Json, "v2");
    let old: v1::Order = serde_json::from_slice(&eur).expect("v1 reads v2");
    let rewritten = serde_json::to_vec(&old).expect("encodes");
    let back: v2::Order = serde_json::from_slice(&rewritten).expect("v2 reads v1");
    assert_eq!(back.currency, "USD", "EUR was lost on the way through v1");
}

/// The binary encoding is much smaller than the JSON one for the same order.
#[test]
fn postcard_is_smaller_than_json() {
    let json = written(Format::Json, "v2").len();
    let post = written(Format::Postcard, "v2").len();
    assert!(post * 2 < json, "{post} vs {json}");
}

async fn status(content_type: Option<&str>, body: Vec<u8>) -> StatusCode {
    let mut request = Request::post("/orders");
    if let Some(content_type) = content_type {
        request = request.header("content-type", content_type);
    }
    let request = request.body(Body::from(body)).expect("a valid request");
    router()
        .oneshot(request)
        .await
        .expect("infallible")
        .status()
}

/// Each kind of malformed input gets its own 4xx.
#[tokio::test]
async fn each_malformed_input_gets_its_4xx() {
    let json = Some("application/json");
    let ok = br#"{"email":"a@b","sku":"SKU-1","quantity":100}"#.to_vec();
    assert_eq!(status(json, ok.clone()).await, StatusCode::CREATED);
    assert_eq!(status(None, ok).await, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(status(json, b"{".to_vec()).await, StatusCode::BAD_REQUEST);
    // Over axum's default limit of 2 MB, the body is not even read.
    assert_eq!(
        status(json, vec![b' '; 3 << 20]).await,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    for body in [
        r#"{"email":"a@b","sku":"SKU-1","quantity":101}"#,
        r#"{"email":"a@b","sku":"SKU-1","quantity":2.5}"#,
        r#"{"email":"a@b","sku":"SKU-1","quantity":-1}"#,
        r#"{"email":"a@@b","sku":"SKU-1","quantity":1}"#,
        r#"{"email":"@b","sku":"SKU-1","quantity":1}"#,
        r#"{"email":"a@b","sku":"SKU-","quantity":1}"#,
        r#"{"email":"a@b","sku":"sku-1","quantity":1}"#,
        r#"{"email":"a@b","sku":"SKU-1"}"#,
        r#"{"email":"a@b","sku":"SKU-1","quantity":1,"admin":true}"#,
        r#"[1,2,3]"#,
    ] {
        assert_eq!(
            status(json, body.as_bytes().to_vec()).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}"
        );
    }
}

/// Whatever bytes arrive, the answer is a 4xx or a 201, never a 5xx or a
/// panic.
#[tokio::test]
async fn no_corrupted_body_gets_a_5xx() {
    let mut seed: u32 = 99;
    let good = br#"{"email":"a@b","sku":"SKU-1","quantity":2}"#;
    for _ in 0..500 {
        let mut body = good.to_vec();
        for _ in 0..3 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let at = (seed >> 8) as usize % body.len();
            body[at] = (seed >> 20) as u8;
        }
        let code = status(Some("application/json"), body.clone()).await;
        assert!(
            code.is_client_error() || code == StatusCode::CREATED,
            "{code} for {:?}",
            String::from_utf8_lossy(&body)
        );
    }
}

/// Postcard matches by position: a field inserted in the middle makes an
/// old reader take the new field's byte as the start of the next one, and
/// it can decode wrong values without any error.
#[test]
fn postcard_misreads_a_field_inserted_in_the_middle() {
    #[derive(serde::Serialize)]
    struct WithPriority {
        id: u64,
        priority: u8,
        email: String,
        total_cents: u64,
    }
    let bytes = postcard::to_stdvec(&WithPriority {
        id: 7,
        priority: 3,
        email: "ana@example.com".to_string(),
        total_cents: 4200,
    })
    .expect("encodes");
    let old: v1::Order = postcard::from_bytes(&bytes).expect("no error at all");
    assert_eq!(old.id, 7);
    assert_ne!(old.email, "ana@example.com");
    assert_ne!(old.total_cents, 4200);
}

/// A type changed in place: `total_cents` becomes an `i64`. Postcard writes
/// signed integers zigzag-encoded (0, -1, 1, -2, 2, ...), so an old `u64`
/// reader gets twice the amount, and no error.
#[test]
fn postcard_misreads_a_field_whose_type_changed() {
    #[derive(serde::Serialize)]
    struct SignedTotal {
        id: u64,
        email: String,
        total_cents: i64,
    }
    let bytes = postcard::to_stdvec(&SignedTotal {
        id: 7,
        email: "ana@example.com".to_string(),
        total_cents: 4200,
    })
    .expect("encodes");
    let old: v1::Order = postcard::from_bytes(&bytes).expect("no error at all");
    assert_eq!(old.total_cents, 8400);
}
