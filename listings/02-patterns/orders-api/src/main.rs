//! The runs: `paging` (offset against cursor while the table changes) and
//! `retry` (a client that retries a POST).

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use orders_api::idempotency::{Shared, router};
use orders_api::paging::walk;
use tower::ServiceExt;

fn paging() {
    // ANCHOR: paging_run
    println!("100 orders, 10 a page, newest first");
    for (label, arrivals, removals) in [
        ("nothing changes", 0, 0),
        ("3 new orders per page", 3, 0),
        ("1 order deleted per page", 0, 1),
    ] {
        for cursor in [false, true] {
            let w = walk(cursor, 100, 10, arrivals, removals);
            println!(
                "{label:<25} {:<7} pages {:>2}, shown {:>3}, twice {:>2}, never {:>2}",
                if cursor { "cursor" } else { "offset" },
                w.pages,
                w.shown,
                w.duplicates,
                w.missed
            );
        }
    }
    // ANCHOR_END: paging_run
}

async fn send(store: &Shared, key: Option<&str>, body: &str) -> String {
    let mut request = Request::post("/orders").header("content-type", "application/json");
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    let request = request.body(Body::from(body.to_string())).expect("valid");
    let response = router(store.clone())
        .oneshot(request)
        .await
        .expect("infallible");
    let status = response.status().as_u16();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("a body")
        .to_bytes();
    format!("{status} {}", String::from_utf8_lossy(&bytes))
}

async fn retry() {
    // ANCHOR: retry_run
    let store = Shared::default();
    let mug = r#"{"sku":"SKU-12","quantity":2}"#;
    let teapot = r#"{"sku":"SKU-99","quantity":1}"#;
    println!("first try:        {}", send(&store, Some("k-1"), mug).await);
    println!("retry, same key:  {}", send(&store, Some("k-1"), mug).await);
    println!(
        "same key, other:  {}",
        send(&store, Some("k-1"), teapot).await
    );
    println!(
        "new key:          {}",
        send(&store, Some("k-2"), teapot).await
    );
    println!("no key:           {}", send(&store, None, mug).await);
    println!(
        "orders stored:    {}",
        store.lock().expect("not poisoned").orders.len()
    );
    // ANCHOR_END: retry_run
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("paging") => paging(),
        Some("retry") => retry().await,
        _ => {
            eprintln!("usage: orders-api paging|retry");
            std::process::exit(2);
        }
    }
}
