//! Malformed, oversized and unauthenticated requests to the gateway get a
//! clear 4xx and never a panic or a 5xx, over generated requests, with and
//! without a (possibly malformed) `traceparent`.

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use observability::services::{MAX_BODY, Shared, apps, parse_items, user};
use proptest::prelude::*;
use tower::ServiceExt;

fn method() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["GET", "POST", "PUT", "DELETE"])
}

fn path() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "/checkout",
        "/checkout?x=1",
        "/orders",
        "/reserve?sku=sku-1",
        "/",
    ])
}

fn auth() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        (0u32..1_000_000).prop_map(|n| Some(format!("Bearer u-{n}"))),
        "[ -~]{0,20}".prop_map(Some),
    ]
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(
            prop::sample::select(vec!["sku-1", "sku-22", "sku-x", "", "sku-1234"]),
            0..8
        )
        .prop_map(|v| v.join(",").into_bytes()),
        prop::collection::vec(any::<u8>(), 0..64),
        (MAX_BODY - 2..MAX_BODY + 64).prop_map(|n| vec![b'a'; n]),
    ]
}

fn traceparent() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        "[0-9a-f]{2}-[0-9a-fA-F]{0,33}-[0-9a-f]{0,17}-[0-9a-f]{2}".prop_map(Some),
        "[ -~]{0,60}".prop_map(Some),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]
    #[test]
    fn every_request_gets_2xx_or_a_clear_4xx(
        method in method(), path in path(), auth in auth(), body in body(), tp in traceparent(),
    ) {
        let (status, text) = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .unwrap()
            .block_on(async {
                let sh = Shared::new(1, true);
                let (gateway, _, _) = apps(&sh);
                let mut req = Request::builder().method(method).uri(path);
                if let Some(a) = &auth {
                    req = req.header("authorization", a.as_str());
                }
                if let Some(t) = &tp {
                    req = req.header("traceparent", t.as_str());
                }
                let res = gateway.oneshot(req.body(Body::from(body.clone())).unwrap()).await.unwrap();
                let status = res.status().as_u16();
                let bytes = res.into_body().collect().await.unwrap().to_bytes();
                (status, String::from_utf8_lossy(&bytes).into_owned())
            });
        prop_assert!(status < 500, "{method} {path}: {status} {text}");
        let is_checkout = method == "POST" && path.starts_with("/checkout");
        let mut headers = axum::http::HeaderMap::new();
        if let Some(a) = auth.as_deref().and_then(|a| a.parse().ok()) {
            headers.insert("authorization", a);
        }
        if is_checkout && body.len() > MAX_BODY {
            prop_assert_eq!(status, 413);
        } else if is_checkout && user(&headers).is_none() {
            prop_assert_eq!(status, 401, "{}", text);
        } else if is_checkout && parse_items(&body).is_err() {
            prop_assert_eq!(status, 400, "{}", text);
        } else if is_checkout {
            // A valid checkout succeeds whatever its traceparent says.
            prop_assert_eq!(status, 201, "{}", text);
        }
        if status == 400 || status == 401 {
            prop_assert!(!text.is_empty(), "a 4xx from our handlers says why");
        }
    }
}
