//! The service over real HTTP on 127.0.0.1: every test starts its own
//! server on a free port and talks to it with hyper's client.

use std::net::SocketAddr;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{Method, Request, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use url_shortener::http::{Created, ErrorBody, MAX_BODY_BYTES, router};
use url_shortener::shortener::{Config, MAX_URL_LEN, RedirectKind, Shortener};
use url_shortener::store::InMemoryStore;

struct TestServer {
    addr: SocketAddr,
    client: Client<HttpConnector, Full<Bytes>>,
}

struct Reply {
    status: StatusCode,
    location: Option<String>,
    cache_control: Option<String>,
    body: Vec<u8>,
}

impl Reply {
    fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body).unwrap_or_else(|err| {
            panic!(
                "body is not the expected JSON ({err}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    fn error_kind(&self) -> String {
        self.json::<ErrorBody>().error
    }
}

async fn start(redirect: RedirectKind) -> TestServer {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = router(Shortener::new(
        InMemoryStore::new(),
        Config {
            base_url: format!("http://{addr}"),
            redirect,
        },
    ));
    tokio::spawn(async move { axum::serve(listener, app).await });
    TestServer {
        addr,
        client: Client::builder(TokioExecutor::new()).build_http(),
    }
}

impl TestServer {
    async fn send(
        &self,
        method: Method,
        path: &str,
        content_type: Option<&str>,
        body: &str,
    ) -> Reply {
        let mut req = Request::builder()
            .method(method)
            .uri(format!("http://{}{path}", self.addr));
        if let Some(ct) = content_type {
            req = req.header("content-type", ct);
        }
        let req = req.body(Full::new(Bytes::from(body.to_string()))).unwrap();
        let resp = self.client.request(req).await.unwrap();
        let status = resp.status();
        let location = resp
            .headers()
            .get("location")
            .map(|v| v.to_str().unwrap().to_string());
        let cache_control = resp
            .headers()
            .get("cache-control")
            .map(|v| v.to_str().unwrap().to_string());
        let body = resp
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec();
        Reply {
            status,
            location,
            cache_control,
            body,
        }
    }

    async fn post_json(&self, body: &str) -> Reply {
        self.send(Method::POST, "/api/links", Some("application/json"), body)
            .await
    }

    async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, None, "").await
    }
}

// Pins the happy path: 201 with code and short_url, then GET redirects
// with 302 and the original URL in Location.
#[tokio::test]
async fn create_then_follow_with_302() {
    let server = start(RedirectKind::Temporary).await;
    let reply = server
        .post_json(r#"{"url": "https://www.rust-lang.org/learn"}"#)
        .await;
    assert_eq!(reply.status, StatusCode::CREATED);
    let created: Created = reply.json();
    assert_eq!(created.code, "1");
    assert_eq!(created.short_url, format!("http://{}/1", server.addr));

    let follow = server.get("/1").await;
    assert_eq!(follow.status, StatusCode::FOUND);
    assert_eq!(
        follow.location.as_deref(),
        Some("https://www.rust-lang.org/learn")
    );
}

// Pins the permanent policy: the same link answers 301.
#[tokio::test]
async fn permanent_policy_answers_301() {
    let server = start(RedirectKind::Permanent).await;
    server.post_json(r#"{"url": "https://example.com/"}"#).await;
    let follow = server.get("/1").await;
    assert_eq!(follow.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(follow.location.as_deref(), Some("https://example.com/"));
}

// Pins custom aliases: the first wins, a second claim is 409 alias_taken,
// and the first link still redirects to its own URL.
#[tokio::test]
async fn alias_taken_is_409() {
    let server = start(RedirectKind::Temporary).await;
    let first = server
        .post_json(r#"{"url": "https://a.example/", "alias": "launch"}"#)
        .await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert_eq!(first.json::<Created>().code, "launch");

    let second = server
        .post_json(r#"{"url": "https://b.example/", "alias": "launch"}"#)
        .await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert_eq!(second.error_kind(), "alias_taken");
    assert_eq!(
        server.get("/launch").await.location.as_deref(),
        Some("https://a.example/")
    );
}

// Pins 404 with a JSON body for unknown and impossible codes.
#[tokio::test]
async fn unknown_code_is_404_json() {
    let server = start(RedirectKind::Temporary).await;
    for path in ["/nope", "/has%20space", &format!("/{}", "a".repeat(40))] {
        let reply = server.get(path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(reply.error_kind(), "not_found", "{path}");
    }
}

// Pins body errors: broken JSON is 400 malformed_json, a missing or
// misspelt field is 400 invalid_body, a non-JSON content type is 415.
#[tokio::test]
async fn bad_bodies_are_4xx_json() {
    let server = start(RedirectKind::Temporary).await;
    let broken = server.post_json(r#"{"url": "https://a.example""#).await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST);
    assert_eq!(broken.error_kind(), "malformed_json");

    for body in [
        r#"{}"#,
        r#"{"url": 42}"#,
        r#"{"url": "https://a.example", "alais": "typo"}"#,
    ] {
        let reply = server.post_json(body).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(reply.error_kind(), "invalid_body", "{body}");
    }

    let plain = server
        .send(
            Method::POST,
            "/api/links",
            Some("text/plain"),
            r#"{"url": "https://a.example"}"#,
        )
        .await;
    assert_eq!(plain.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(plain.error_kind(), "expected_json");
}

// Pins URL validation over HTTP: not a URL, a forbidden scheme, too long.
#[tokio::test]
async fn bad_urls_are_400() {
    let server = start(RedirectKind::Temporary).await;
    let cases = [
        ("not a url".to_string(), "invalid_url"),
        ("https://".to_string(), "invalid_url"),
        ("ftp://files.example/x".to_string(), "unsupported_scheme"),
        ("javascript:alert(1)".to_string(), "unsupported_scheme"),
        (
            format!("https://example.com/{}", "a".repeat(MAX_URL_LEN)),
            "url_too_long",
        ),
    ];
    for (url, kind) in cases {
        let body = serde_json::json!({ "url": url }).to_string();
        let reply = server.post_json(&body).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{url}");
        assert_eq!(reply.error_kind(), kind, "{url}");
    }
}

// Pins alias validation over HTTP: too short, bad characters, too long.
#[tokio::test]
async fn bad_aliases_are_400() {
    let server = start(RedirectKind::Temporary).await;
    for alias in ["abc", "no/slash", "white space", &"x".repeat(33)] {
        let body = serde_json::json!({ "url": "https://a.example", "alias": alias }).to_string();
        let reply = server.post_json(&body).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{alias}");
        assert_eq!(reply.error_kind(), "invalid_alias", "{alias}");
    }
}

// Pins the body limit: a body over MAX_BODY_BYTES is 413 before parsing.
#[tokio::test]
async fn oversized_body_is_413() {
    let server = start(RedirectKind::Temporary).await;
    let body = format!(
        r#"{{"url": "https://a.example/{}"}}"#,
        "a".repeat(MAX_BODY_BYTES)
    );
    let reply = server.post_json(&body).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply.error_kind(), "body_too_large");
}

// Pins that concurrent creates all get distinct codes that all resolve.
#[tokio::test]
async fn concurrent_creates_get_distinct_codes() {
    let server = std::sync::Arc::new(start(RedirectKind::Temporary).await);
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..50 {
        let server = server.clone();
        tasks.spawn(async move {
            let body = format!(r#"{{"url": "https://example.com/{i}"}}"#);
            let reply = server.post_json(&body).await;
            assert_eq!(reply.status, StatusCode::CREATED);
            (i, reply.json::<Created>().code)
        });
    }
    let mut codes = std::collections::BTreeMap::new();
    while let Some(result) = tasks.join_next().await {
        let (i, code) = result.unwrap();
        assert!(
            codes.insert(code, i).is_none(),
            "a code was handed out twice"
        );
    }
    assert_eq!(codes.len(), 50);
    for (code, i) in codes {
        let follow = server.get(&format!("/{code}")).await;
        assert_eq!(follow.location, Some(format!("https://example.com/{i}")));
    }
}

// Pins the router's own errors: an unknown route is 404 and a wrong
// method 405, both with the JSON error body, never axum's plain text.
#[tokio::test]
async fn router_errors_are_json() {
    let server = start(RedirectKind::Temporary).await;
    for path in ["/", "/a/b", "/api/links/x"] {
        let reply = server.get(path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(reply.error_kind(), "not_found", "{path}");
    }
    let reply = server.get("/api/links").await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(reply.error_kind(), "method_not_allowed");
    let reply = server
        .send(Method::POST, "/abcd", Some("application/json"), "{}")
        .await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(reply.error_kind(), "method_not_allowed");
}

// Pins path decoding: `/%FF` is not UTF-8 after percent-decoding, and
// answers 400 with the JSON error body instead of axum's plain text.
#[tokio::test]
async fn undecodable_path_is_400_json() {
    let server = start(RedirectKind::Temporary).await;
    for path in ["/%FF", "/ab%C3"] {
        let reply = server.get(path).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(reply.error_kind(), "invalid_path", "{path}");
    }
}

// Pins Cache-Control on redirects: a 301 says how long it may be kept, a
// 302 says not to store it, so a link taken down stops working.
#[tokio::test]
async fn redirects_carry_cache_control() {
    for (kind, expected) in [
        (RedirectKind::Permanent, "max-age=86400"),
        (RedirectKind::Temporary, "no-store"),
    ] {
        let server = start(kind).await;
        let created = server.post_json(r#"{"url": "https://example.com/"}"#).await;
        let code = created.json::<Created>().code;
        let follow = server.get(&format!("/{code}")).await;
        assert_eq!(follow.cache_control.as_deref(), Some(expected), "{kind:?}");
    }
}

// Pins routing: GET on the create endpoint is 405, not a redirect lookup.
#[tokio::test]
async fn wrong_method_is_405() {
    let server = start(RedirectKind::Temporary).await;
    assert_eq!(
        server.get("/api/links").await.status,
        StatusCode::METHOD_NOT_ALLOWED
    );
}
