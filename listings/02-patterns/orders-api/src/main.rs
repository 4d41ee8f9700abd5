//! The runs: `compare` (one need, three APIs), `paging` (offset against
//! cursor while the table changes) and `retry` (a client that retries a
//! POST).

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use orders_api::graphql::{batched_schema, schema};
use orders_api::grpc::shop::orders_client::OrdersClient;
use orders_api::grpc::shop::orders_server::OrdersServer;
use orders_api::grpc::{GetOrder, OrdersService};
use orders_api::idempotency::{Shared, router, shared};
use orders_api::paging::walk;
use orders_api::resource::Db;
use orders_api::rest;
use prost::Message;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;
use tower::ServiceExt;

const DAY: Duration = Duration::from_secs(24 * 60 * 60);

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

async fn send(api: &Shared, client: &str, key: Option<&str>, body: &str) -> String {
    let mut request = Request::post("/orders")
        .header("content-type", "application/json")
        .header("authorization", client);
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    let request = request.body(Body::from(body.to_string())).expect("valid");
    let response = router(api.clone())
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
    // At most 10,000 keys, each kept a day; the provider takes 50 ms.
    let api = shared(10_000, DAY, Duration::from_millis(50));
    let mug = r#"{"sku":"SKU-12","quantity":2}"#;
    let teapot = r#"{"sku":"SKU-99","quantity":1}"#;
    // Two tries at once: the second arrives while the first is in flight.
    let (first, second) = tokio::join!(
        send(&api, "acme", Some("k-1"), mug),
        send(&api, "acme", Some("k-1"), mug)
    );
    println!("first try:          {first}");
    println!("same key, at once:  {second}");
    let later = send(&api, "acme", Some("k-1"), mug).await;
    println!("same key, later:    {later}");
    let other = send(&api, "acme", Some("k-1"), teapot).await;
    println!("same key, other:    {other}");
    let globex = send(&api, "globex", Some("k-1"), teapot).await;
    println!("other client, k-1:  {globex}");
    println!(
        "no key:             {}",
        send(&api, "acme", None, mug).await
    );
    let orders = api.store.lock().expect("not poisoned").orders.len();
    println!("orders stored:      {orders}");
    // ANCHOR_END: retry_run
}

/// `GET path` on the REST router, in process: the status and the body.
async fn rest_get(db: &Arc<Db>, path: &str) -> (u16, String) {
    let request = Request::get(path).body(Body::empty()).expect("valid");
    let response = rest::router(db.clone())
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
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

async fn compare() {
    let db = Arc::new(Db::sample());
    // A real gRPC server on a local port, and a client connected to it.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let address = listener.local_addr().expect("bound");
    let service = OrdersServer::new(OrdersService { db: db.clone() });
    tokio::spawn(
        tonic::transport::Server::builder()
            .add_service(service)
            .serve_with_incoming(tonic::transport::server::TcpIncoming::from(listener)),
    );
    let mut grpc = OrdersClient::connect(format!("http://{address}"))
        .await
        .expect("the server is up");
    let graphql = schema(db.clone());

    // ANCHOR: compare_run
    println!("Need: the quantity of order 7");
    let (_, body) = rest_get(&db, "/v1/orders/7").await;
    println!("  REST     1 request,  {:>3} bytes: {body}", body.len());
    let order = grpc
        .get_order(GetOrder { id: 7 })
        .await
        .expect("order 7")
        .into_inner();
    println!(
        "  gRPC     1 call,     {:>3} bytes of protobuf: {order:?}",
        order.encoded_len()
    );
    let answer = graphql.execute("{ order(id: 7) { quantity } }").await;
    let json = serde_json::to_string(&answer.data).expect("serializes");
    println!("  GraphQL  1 request,  {:>3} bytes: {json}", json.len());

    println!("Need: order 7 and its customer's name");
    let (_, order_json) = rest_get(&db, "/v1/orders/7").await;
    let (_, customer_json) = rest_get(&db, "/v1/customers/2").await;
    println!(
        "  REST     2 requests, {:>3} bytes: {customer_json}",
        order_json.len() + customer_json.len()
    );
    let answer = graphql
        .execute("{ order(id: 7) { sku customer { name } } }")
        .await;
    let json = serde_json::to_string(&answer.data).expect("serializes");
    println!("  GraphQL  1 request,  {:>3} bytes: {json}", json.len());

    println!("Need: every order with its customer's name");
    db.customer_lookups.store(0, Ordering::Relaxed);
    let answer = graphql.execute("{ orders { id customer { name } } }").await;
    let json = serde_json::to_string(&answer.data).expect("serializes");
    println!(
        "  GraphQL  1 request,  {:>3} bytes, {} customer lookups",
        json.len(),
        db.customer_lookups.load(Ordering::Relaxed)
    );
    let missing = grpc
        .get_order(GetOrder { id: 99 })
        .await
        .expect_err("no order 99");
    let (status, body) = rest_get(&db, "/v1/orders/99").await;
    println!(
        "Errors: gRPC {:?} \"{}\"; REST {status} {body}",
        missing.code(),
        missing.message(),
    );
    // ANCHOR_END: compare_run

    // ANCHOR: batched_run
    let batched = batched_schema(db.clone());
    db.customer_lookups.store(0, Ordering::Relaxed);
    let answer = batched.execute("{ orders { id customer { name } } }").await;
    let json = serde_json::to_string(&answer.data).expect("serializes");
    println!(
        "With a DataLoader: 1 request,  {:>3} bytes, {} customer lookup",
        json.len(),
        db.customer_lookups.load(Ordering::Relaxed)
    );
    // ANCHOR_END: batched_run
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("paging") => paging(),
        Some("retry") => retry().await,
        Some("compare") => compare().await,
        _ => {
            eprintln!("usage: orders-api compare|paging|retry");
            std::process::exit(2);
        }
    }
}
