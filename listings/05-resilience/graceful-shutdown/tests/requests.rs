//! Malformed, oversized and unauthenticated requests get a clear 4xx and
//! never a panic or a 5xx, over generated requests.

use axum::body::Body;
use axum::http::Request;
use graceful_shutdown::{MAX_BODY, MAX_WORK_MS, Shared, TOKEN, app};
use http_body_util::BodyExt;
use proptest::prelude::*;
use tower::ServiceExt;

fn method() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["GET", "POST", "PUT", "DELETE"])
}

fn path() -> impl Strategy<Value = String> {
    let known = prop::sample::select(vec![
        "/work", "/price", "/echo", "/ready", "/healthz", "/nope",
    ]);
    let query = prop_oneof![
        Just(String::new()),
        (0u64..8_000).prop_map(|ms| format!("?ms={ms}")),
        "[a-z=&%0-9]{0,12}".prop_map(|q| format!("?{q}")),
    ];
    (known, query).prop_map(|(p, q)| format!("{p}{q}"))
}

fn auth() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        Just(Some(format!("Bearer {TOKEN}"))),
        "[ -~]{0,20}".prop_map(Some),
    ]
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..64),
        (MAX_BODY - 2..MAX_BODY + 64).prop_map(|n| vec![b'a'; n]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 500,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]
    #[test]
    fn every_request_gets_2xx_or_a_clear_4xx(
        method in method(), path in path(), auth in auth(), body in body(),
    ) {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .unwrap();
        let (status, text) = rt.block_on(async {
            let mut req = Request::builder().method(method).uri(&path);
            if let Some(a) = &auth {
                req = req.header("authorization", a.as_str());
            }
            let req = req.body(Body::from(body.clone())).unwrap();
            let res = app(Shared::default()).oneshot(req).await.unwrap();
            let status = res.status().as_u16();
            let bytes = res.into_body().collect().await.unwrap().to_bytes();
            (status, String::from_utf8_lossy(&bytes).into_owned())
        });
        prop_assert!(status < 500, "{method} {path}: {status} {text}");
        let authed = auth.as_deref() == Some(&format!("Bearer {TOKEN}"));
        let guarded = ["/work", "/price"].iter().any(|p| path.starts_with(p)) && method == "GET"
            || path.starts_with("/echo") && method == "POST" && body.len() <= MAX_BODY
                && std::str::from_utf8(&body).is_ok();
        if guarded && !authed {
            prop_assert_eq!(status, 401);
        }
        let too_long = path
            .strip_prefix("/work?ms=")
            .and_then(|ms| ms.parse::<u64>().ok())
            .is_some_and(|ms| ms > MAX_WORK_MS);
        if method == "GET" && authed && too_long {
            prop_assert_eq!(status, 400);
        }
        if path.starts_with("/echo") && method == "POST" && body.len() > MAX_BODY {
            prop_assert_eq!(status, 413);
        }
        if status >= 400 {
            prop_assert!(!text.is_empty() || status == 404 || status == 405 || status == 413,
                "a 4xx from our handlers says why: {} {}", status, text);
        }
    }
}
