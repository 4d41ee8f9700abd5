//! The HTTP face: a 429 carries Retry-After and the RateLimit fields; and
//! malformed or unauthenticated requests get a clear 4xx, never a panic or
//! a 5xx, over generated requests.

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use proptest::prelude::*;
use rate_limiting::http::{KEYS, Shared, app};
use tower::ServiceExt;

async fn send(
    shared: &Shared,
    method: &str,
    path: &str,
    key: Option<&[u8]>,
) -> (u16, Vec<(String, String)>, String) {
    let mut req = Request::builder().method(method).uri(path);
    if let Some(k) = key {
        req = req.header("x-api-key", k);
    }
    let res = app(shared.clone())
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status().as_u16();
    let headers = res
        .headers()
        .iter()
        .map(|(n, v)| {
            (
                n.to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

fn header<'a>(h: &'a [(String, String)], name: &str) -> Option<&'a str> {
    h.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

#[tokio::test(start_paused = true)]
async fn eleventh_request_in_a_burst_is_429_with_retry_after() {
    let shared = Shared::new();
    for i in 1..=10 {
        let (status, h, _) = send(&shared, "GET", "/v1/quote", Some(b"alice-key")).await;
        assert_eq!(status, 200);
        assert_eq!(
            header(&h, "ratelimit"),
            Some(format!("\"per-key\";r={};t=1", 10 - i).as_str())
        );
    }
    let (status, h, body) = send(&shared, "GET", "/v1/quote", Some(b"alice-key")).await;
    assert_eq!(status, 429, "{body}");
    assert_eq!(header(&h, "retry-after"), Some("1"));
    assert_eq!(header(&h, "ratelimit-policy"), Some("\"per-key\";q=10;w=1"));
    // Another key has its own bucket.
    let (status, _, _) = send(&shared, "GET", "/v1/quote", Some(b"bob-key")).await;
    assert_eq!(status, 200);
    // A token comes back every 100 ms.
    tokio::time::advance(std::time::Duration::from_millis(100)).await;
    let (status, _, _) = send(&shared, "GET", "/v1/quote", Some(b"alice-key")).await;
    assert_eq!(status, 200);
}

fn key() -> impl Strategy<Value = Option<Vec<u8>>> {
    prop_oneof![
        Just(None),
        prop::sample::select(KEYS.to_vec()).prop_map(|k| Some(k.as_bytes().to_vec())),
        "[ -~]{0,80}".prop_map(|s| Some(s.into_bytes())),
        prop::collection::vec(any::<u8>(), 0..40).prop_map(Some),
    ]
}

fn path() -> impl Strategy<Value = String> {
    let known = prop::sample::select(vec!["/v1/quote", "/v1/quote/", "/v1", "/nope"]);
    let query = prop_oneof![
        Just(String::new()),
        "[a-z=&%0-9]{0,12}".prop_map(|q| format!("?{q}"))
    ];
    (known, query).prop_map(|(p, q)| format!("{p}{q}"))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 500,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]
    #[test]
    fn every_request_gets_2xx_or_a_clear_4xx(
        method in prop::sample::select(vec!["GET", "POST", "DELETE"]),
        path in path(),
        key in key(),
        burst in 1usize..15,
    ) {
        // A header value must be visible ASCII or tab; others cannot even be
        // built into a request, so they never reach the server.
        let valid = key.as_ref().is_none_or(|k| axum::http::HeaderValue::from_bytes(k).is_ok());
        prop_assume!(valid);
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .unwrap();
        let shared = Shared::new();
        for i in 0..burst {
            let (status, h, body) = rt.block_on(send(&shared, method, &path, key.as_deref()));
            prop_assert!(status < 500, "{method} {path}: {status} {body}");
            let known = key.as_deref().is_some_and(|k| KEYS.iter().any(|x| x.as_bytes() == k));
            let route = path == "/v1/quote" || path.starts_with("/v1/quote?");
            if route && method == "GET" {
                if !known {
                    prop_assert_eq!(status, 401);
                    prop_assert!(!body.is_empty());
                } else if i < 10 {
                    prop_assert_eq!(status, 200);
                } else {
                    prop_assert_eq!(status, 429);
                    let after: u64 = header(&h, "retry-after").unwrap().parse().unwrap();
                    prop_assert!(after >= 1);
                    prop_assert!(header(&h, "ratelimit").is_some());
                }
            } else {
                prop_assert!(status == 404 || status == 405, "{method} {path}: {status}");
            }
        }
    }
}
