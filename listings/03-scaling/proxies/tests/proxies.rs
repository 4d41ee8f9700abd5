//! The router's rules, the HTTP story, and the SQL story on the real
//! servers (`cargo xtask services up`).

use axum::body::Body;
use axum::http::HeaderMap;
use http_body_util::BodyExt;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use proxies::l7::{Pool, Proxy};
use proxies::sql_router::{Target, classify};

// Plain reads go to the replica; writes, locks, anything unknown and
// everything inside a transaction go to the primary.
#[test]
fn statements_are_classified() {
    let replica = [
        "SELECT * FROM orders",
        "select id from orders where id = 1;",
        "  SELECT 1",
        "SHOW work_mem",
    ];
    for sql in replica {
        assert_eq!(classify(sql, false), Target::Replica, "{sql}");
    }
    let primary = [
        "INSERT INTO orders VALUES (1)",
        "UPDATE orders SET paid = true",
        "SELECT * FROM orders FOR UPDATE",
        "select * from orders for share;",
        "SELECT * FROM orders FOR NO KEY UPDATE",
        "WITH moved AS (DELETE FROM a RETURNING *) SELECT * FROM moved",
        "",
    ];
    for sql in primary {
        assert_eq!(classify(sql, false), Target::Primary, "{sql}");
    }
    assert_eq!(classify("SELECT 1", true), Target::Primary);
}

// Session state splits: a SET goes to the primary's session only, so the
// next read, on the replica's session, does not see it.
#[test]
fn a_set_stays_on_the_primary() {
    assert_eq!(
        classify("SET search_path TO tenant_42", false),
        Target::Primary
    );
}

// The rule's blind spot, pinned so the chapter's warning stays true: a
// SELECT that writes through a function looks like a read.
#[test]
fn a_select_that_writes_is_misrouted() {
    assert_eq!(
        classify("SELECT nextval('order_ids')", false),
        Target::Replica
    );
}

// The HTTP story, line by line: L4 balances connections, L7 requests;
// a crashed backend costs no request, and a health check takes it out.
#[tokio::test(flavor = "current_thread")]
async fn the_http_story() {
    let lines = proxies::story::http().await.unwrap();
    let expected =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/output.txt")).unwrap();
    let expected: Vec<&str> = expected.lines().skip(1).collect();
    assert_eq!(lines, expected);
    assert!(lines.iter().any(|l| l.ends_with("b1 30")));
    assert!(lines.iter().any(|l| l.ends_with("b1 10, b2 10, b3 10")));
}

// The SQL story: every statement answered by the server the router chose.
#[tokio::test(flavor = "current_thread")]
async fn the_sql_story() {
    let lines = proxies::story::sql()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    for line in &lines[1..] {
        let words: Vec<&str> = line.split_whitespace().collect();
        let (said, answered) = (words[words.len() - 2], words[words.len() - 1]);
        assert_eq!(said, answered, "{line}");
    }
}

// What reaches the backend through the L7 proxy: hop-by-hop headers, and
// any header that `Connection` names, stay behind; the client's address is
// appended to the `X-Forwarded-For` the client sent, never replaces it.
#[tokio::test(flavor = "current_thread")]
async fn forwarded_headers() {
    // A backend that answers with the headers it received, one per line.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let echo = listener.local_addr().unwrap();
    let app = axum::Router::new().fallback(|headers: HeaderMap| async move {
        headers
            .iter()
            .map(|(name, value)| format!("{name}: {}\n", value.to_str().unwrap()))
            .collect::<String>()
    });
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let proxy = Proxy::new(vec![Pool::new("/", &[("echo".to_string(), echo)])]);
    let addr = proxies::l7::start(proxy).await.unwrap();
    let request = http::Request::get(format!("http://{addr}/"))
        .header("connection", "x-trace")
        .header("x-trace", "1")
        .header("keep-alive", "timeout=5")
        .header("x-forwarded-for", "10.0.0.1")
        .header("x-request-id", "42")
        .body(Body::empty())
        .unwrap();
    let client = Client::builder(TokioExecutor::new()).build_http::<Body>();
    let response = client.request(request).await.unwrap();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let received = String::from_utf8(body.to_vec()).unwrap();
    let lines: Vec<&str> = received.lines().collect();
    assert!(lines.contains(&"x-request-id: 42"), "{received}");
    let forwarded_for: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("x-forwarded-for:"))
        .collect();
    assert_eq!(
        forwarded_for,
        ["x-forwarded-for: 10.0.0.1", "x-forwarded-for: 127.0.0.1"],
        "{received}"
    );
    for gone in ["x-trace:", "keep-alive:", "connection:"] {
        assert!(!lines.iter().any(|l| l.starts_with(gone)), "{received}");
    }
}
