//! The HTTP service: 401 against 403, and no request, however malformed,
//! gets a 5xx or a panic.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::Body;
use http::Request;
use http_body_util::BodyExt;
use proptest::prelude::*;
use security::jwt::{self, Claims, Keys};
use security::service::{self, AppState, MAX_BODY};
use tower::ServiceExt;
use tracing_subscriber::fmt::format::FmtSpan;

struct Fixture {
    keys: Keys,
    reader: String,
    writer: String,
    admin: String,
    expired: String,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let keys = Keys::generate();
        let reader = jwt::issue(&keys, &jwt::claims("ana", "orders:read", 3600));
        let writer = jwt::issue(&keys, &jwt::claims("ben", "orders:read orders:write", 3600));
        let admin = jwt::issue(&keys, &jwt::claims("root", "admin", 3600));
        let expired = jwt::issue(&keys, &jwt::claims("ben", "orders:read", -3600));
        Fixture {
            keys,
            reader,
            writer,
            admin,
            expired,
        }
    })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn send(method: &str, path: &str, auth: Option<&str>, body: Vec<u8>) -> (u16, String) {
    let f = fixture();
    let app = service::app(Arc::new(AppState {
        verifying: f.keys.verifying.clone(),
    }));
    runtime().block_on(async {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(a) = auth {
            req = req.header("authorization", a);
        }
        if !body.is_empty() {
            req = req.header("content-type", "application/json");
        }
        let res = app
            .oneshot(req.body(Body::from(body)).unwrap())
            .await
            .unwrap();
        let status = res.status().as_u16();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        (status, String::from_utf8_lossy(&bytes).into_owned())
    })
}

fn bearer(t: &str) -> Option<String> {
    Some(format!("Bearer {t}"))
}

#[test]
fn unauthenticated_is_401_and_unauthorized_is_403() {
    let f = fixture();
    let order = br#"{"item":"teapot","quantity":2}"#.to_vec();
    assert_eq!(send("GET", "/healthz", None, vec![]).0, 200);
    assert_eq!(send("GET", "/orders", None, vec![]).0, 401);
    assert_eq!(
        send("GET", "/orders", bearer(&f.expired).as_deref(), vec![]).0,
        401
    );
    assert_eq!(
        send("GET", "/orders", Some("Basic YW5hOnB3"), vec![]).0,
        401
    );
    assert_eq!(
        send("GET", "/orders", bearer(&f.reader).as_deref(), vec![]).0,
        200
    );
    assert_eq!(
        send(
            "POST",
            "/orders",
            bearer(&f.reader).as_deref(),
            order.clone()
        )
        .0,
        403
    );
    assert_eq!(
        send("POST", "/orders", bearer(&f.writer).as_deref(), order).0,
        201
    );
    assert_eq!(
        send("GET", "/admin/users", bearer(&f.writer).as_deref(), vec![]).0,
        403
    );
    assert_eq!(
        send("GET", "/admin/users", bearer(&f.admin).as_deref(), vec![]).0,
        200
    );
    // The admin may not read orders: scopes do not nest unless you make them.
    assert_eq!(
        send("GET", "/orders", bearer(&f.admin).as_deref(), vec![]).0,
        403
    );
}

#[test]
fn forged_tokens_get_401() {
    let f = fixture();
    let admin = Claims {
        scope: "admin".into(),
        ..jwt::claims("eve", "", 3600)
    };
    let none = jwt::forge_alg_none(&admin);
    let confused = jwt::forge_key_confusion(&admin, &f.keys.public_pem);
    assert_eq!(
        send("GET", "/admin/users", bearer(&none).as_deref(), vec![]).0,
        401
    );
    assert_eq!(
        send("GET", "/admin/users", bearer(&confused).as_deref(), vec![]).0,
        401
    );
}

fn method() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["GET", "POST", "PUT", "DELETE", "PATCH"])
}

fn path() -> impl Strategy<Value = String> {
    let known = prop::sample::select(vec![
        "/orders",
        "/admin/users",
        "/healthz",
        "/nope",
        "/orders/",
    ]);
    let query = prop_oneof![
        Just(String::new()),
        "[a-z=&%0-9]{0,12}".prop_map(|q| format!("?{q}"))
    ];
    (known, query).prop_map(|(p, q)| format!("{p}{q}"))
}

fn auth() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        prop::sample::select(vec![0usize, 1, 2, 3]).prop_map(|i| {
            let f = fixture();
            bearer([&f.reader, &f.writer, &f.admin, &f.expired][i])
        }),
        "Bearer [A-Za-z0-9._-]{0,40}".prop_map(Some),
        "[ -~]{0,30}".prop_map(Some),
    ]
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(br#"{"item":"teapot","quantity":2}"#.to_vec()),
        prop::collection::vec(any::<u8>(), 0..64),
        r#"\{"item":"[a-z]{0,8}","quantity":-?[0-9]{1,12}\}"#.prop_map(String::into_bytes),
        (MAX_BODY - 2..MAX_BODY + 64).prop_map(|n| vec![b'a'; n]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn every_request_gets_a_clear_answer(
        method in method(), path in path(), auth in auth(), body in body(),
    ) {
        let (status, text) = send(method, &path, auth.as_deref(), body.clone());
        prop_assert!(status < 500, "{method} {path}: {status} {text}");
        let f = fixture();
        let valid = [&f.reader, &f.writer, &f.admin]
            .iter()
            .any(|t| auth.as_deref() == Some(&format!("Bearer {t}")));
        let protected = path.starts_with("/orders?") || path == "/orders" || path.starts_with("/admin/users");
        let known_method = method == "GET" || (method == "POST" && path.starts_with("/orders"));
        if protected && known_method && !valid {
            prop_assert_eq!(status, 401, "{} {} without a valid token", method, path);
        }
        if body.len() > MAX_BODY && valid && method == "POST" && status != 403 && path.starts_with("/orders") && !path.starts_with("/orders/") {
            prop_assert_eq!(status, 413);
        }
    }
}

// ANCHOR: capture
/// Every byte any log line writes, at every level, span fields included.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn logs_of(run: impl FnOnce()) -> String {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        // A span's fields are printed when it opens, not only with the
        // events inside it: a token in a span field shows up here too.
        .with_span_events(FmtSpan::NEW)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    tracing::subscriber::with_default(subscriber, run);
    String::from_utf8(captured.0.lock().unwrap().clone()).unwrap()
}

#[test]
fn the_token_never_reaches_the_logs() {
    let f = fixture();
    let order = br#"{"item":"teapot","quantity":2}"#.to_vec();
    let logs = logs_of(|| {
        send(
            "POST",
            "/orders",
            bearer(&f.writer).as_deref(),
            order.clone(),
        );
        send(
            "POST",
            "/orders",
            bearer(&f.reader).as_deref(),
            order.clone(),
        );
        send("GET", "/orders", bearer(&f.expired).as_deref(), vec![]);
    });
    assert!(
        logs.contains("bearer token received"),
        "the capture saw the requests:\n{logs}"
    );
    assert!(logs.contains("Secret([REDACTED])"));
    for token in [&f.writer, &f.reader, &f.expired] {
        // Not the token, and not its signature alone either.
        let signature = token.rsplit('.').next().unwrap();
        assert!(
            !logs.contains(token.as_str()) && !logs.contains(signature),
            "leaked:\n{logs}"
        );
    }
}
// ANCHOR_END: capture

/// The check can fail: logging the headers the obvious way leaks the token.
#[test]
fn logging_the_headers_would_leak_it() {
    let f = fixture();
    let logs = logs_of(|| {
        let req = Request::builder()
            .header("authorization", bearer(&f.writer).unwrap())
            .body(())
            .unwrap();
        tracing::debug!(headers = ?req.headers(), "request");
    });
    assert!(logs.contains(f.writer.as_str()));
}

/// And it sees a token that sits in a span field, with no event inside the
/// span, whether the field uses `Display` (`%`) or `Debug` (`?`).
#[test]
fn a_token_in_a_span_field_is_caught() {
    let f = fixture();
    let shown = logs_of(|| {
        let _span = tracing::trace_span!("request", auth = %f.reader).entered();
    });
    assert!(shown.contains(f.reader.as_str()), "{shown}");
    let debugged = logs_of(|| {
        let _span = tracing::trace_span!("request", auth = ?f.writer).entered();
    });
    assert!(debugged.contains(f.writer.as_str()), "{debugged}");
}
