use axum::body::Body;
use axum::http::{HeaderValue, Request, StatusCode};
use http_body_util::BodyExt;
use orders_api::idempotency::{Begin, MAX_KEY_LEN, NewOrder, Shared, router, shared};
use orders_api::paging::{Walk, walk};
use std::time::Duration;
use tower::ServiceExt;

/// With a table that does not change, both kinds of page show every order
/// once.
#[test]
fn a_still_table_pages_the_same_both_ways() {
    let all = Walk {
        pages: 10,
        shown: 100,
        duplicates: 0,
        missed: 0,
    };
    assert_eq!(walk(false, 100, 10, 0, 0), all);
    assert_eq!(walk(true, 100, 10, 0, 0), all);
}

/// New rows push old ones down past the offset, so an offset walk shows
/// some twice; deleted rows pull them up past it, so it skips some. A cursor
/// walk does neither.
#[test]
fn offsets_repeat_and_skip_while_cursors_do_not() {
    for (arrivals, removals) in [(1, 0), (3, 0), (9, 0), (0, 1), (0, 3)] {
        let offset = walk(false, 100, 10, arrivals, removals);
        let cursor = walk(true, 100, 10, arrivals, removals);
        assert_eq!(
            (cursor.duplicates, cursor.missed),
            (0, 0),
            "{arrivals} {removals}"
        );
        if arrivals > 0 {
            assert!(offset.duplicates > 0, "{offset:?}");
        }
        if removals > 0 {
            assert!(offset.missed > 0, "{offset:?}");
        }
    }
}

const DAY: Duration = Duration::from_secs(24 * 60 * 60);
const MUG: &str = r#"{"sku":"SKU-1","quantity":1}"#;
const TEAPOT: &str = r#"{"sku":"SKU-2","quantity":1}"#;

/// `POST /orders` as `client` (none when empty), with `key` if given: the
/// status and the body.
async fn post_as(
    api: &Shared,
    client: &str,
    key: Option<&[u8]>,
    body: &str,
) -> (StatusCode, String) {
    let mut request = Request::post("/orders").header("content-type", "application/json");
    if !client.is_empty() {
        request = request.header("authorization", client);
    }
    if let Some(key) = key {
        request = request.header(
            "idempotency-key",
            HeaderValue::from_bytes(key).expect("a header"),
        );
    }
    let request = request.body(Body::from(body.to_string())).expect("valid");
    let response = router(api.clone())
        .oneshot(request)
        .await
        .expect("infallible");
    let status = response.status();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("a body")
        .to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

async fn post(api: &Shared, key: Option<&str>, body: &str) -> StatusCode {
    post_as(api, "acme", key.map(str::as_bytes), body).await.0
}

fn orders(api: &Shared) -> usize {
    api.store.lock().expect("not poisoned").orders.len()
}

/// Retries with the same key and body create one order; the same key with
/// another body is refused; a request without a key is refused.
#[tokio::test]
async fn a_retried_post_creates_one_order() {
    let api = shared(100, DAY, Duration::ZERO);
    for _ in 0..5 {
        assert_eq!(post(&api, Some("k"), MUG).await, StatusCode::CREATED);
    }
    assert_eq!(
        post(&api, Some("k"), TEAPOT).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(post(&api, None, MUG).await, StatusCode::BAD_REQUEST);
    assert_eq!(orders(&api), 1);
}

/// A duplicate that arrives while the first request is still running gets
/// 409 Conflict, not a second order and not an answer that does not exist
/// yet; once the first has finished, the duplicate is replayed.
#[tokio::test]
async fn a_duplicate_in_flight_gets_409() {
    let api = shared(100, DAY, Duration::ZERO);
    let order: NewOrder = serde_json::from_str(MUG).expect("json");
    let begun = api
        .store
        .lock()
        .expect("not poisoned")
        .begin("acme", "k", &order);
    assert_eq!(begun, Begin::New);
    assert_eq!(post(&api, Some("k"), MUG).await, StatusCode::CONFLICT);
    assert_eq!(
        post(&api, Some("k"), TEAPOT).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(orders(&api), 0);
    api.store
        .lock()
        .expect("not poisoned")
        .finish("acme", "k", order);
    let (status, body) = post_as(&api, "acme", Some(b"k".as_slice()), MUG).await;
    assert_eq!(
        (status, body.as_str()),
        (StatusCode::CREATED, r#"{"id":1,"replayed":true}"#)
    );
    assert_eq!(orders(&api), 1);
}

/// Retries that arrive at the same moment, on several threads, while the
/// provider call takes 20 ms: one creates the order, the others get 201
/// replayed or 409, and only one order exists.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_retries_create_one_order() {
    let api = shared(100, DAY, Duration::from_millis(20));
    let mut calls = Vec::new();
    for _ in 0..50 {
        let api = api.clone();
        calls.push(tokio::spawn(async move {
            post_as(&api, "acme", Some(b"same".as_slice()), MUG).await
        }));
    }
    let mut created = 0;
    for call in calls {
        let (status, body) = call.await.expect("no panic");
        match status {
            StatusCode::CREATED if body.contains(r#""replayed":false"#) => created += 1,
            StatusCode::CREATED | StatusCode::CONFLICT => {}
            other => panic!("unexpected {other} {body}"),
        }
    }
    assert_eq!((created, orders(&api)), (1, 1));
}

/// A key belongs to its client: another client's `k-1` is a new request,
/// neither refused nor answered with the first client's order.
#[tokio::test]
async fn keys_are_scoped_per_client() {
    let api = shared(100, DAY, Duration::ZERO);
    let (_, acme) = post_as(&api, "acme", Some(b"k-1".as_slice()), MUG).await;
    let (status, globex) = post_as(&api, "globex", Some(b"k-1".as_slice()), TEAPOT).await;
    assert_eq!(acme, r#"{"id":1,"replayed":false}"#);
    assert_eq!(
        (status, globex.as_str()),
        (StatusCode::CREATED, r#"{"id":2,"replayed":false}"#)
    );
    let (_, globex_mug) = post_as(&api, "globex", Some(b"k-2".as_slice()), MUG).await;
    assert_eq!(globex_mug, r#"{"id":3,"replayed":false}"#);
}

/// The store holds at most `capacity` keys: a new key beyond that is
/// refused (503) rather than evicting a live key, old keys are still
/// answered, and once keys expire their room is reused and a retry with an
/// expired key is a new request.
#[tokio::test]
async fn keys_are_bounded_and_expire() {
    let api = shared(2, Duration::from_millis(100), Duration::ZERO);
    assert_eq!(post(&api, Some("k-1"), MUG).await, StatusCode::CREATED);
    assert_eq!(post(&api, Some("k-2"), MUG).await, StatusCode::CREATED);
    assert_eq!(
        post(&api, Some("k-3"), MUG).await,
        StatusCode::SERVICE_UNAVAILABLE
    );
    let (status, body) = post_as(&api, "acme", Some(b"k-1".as_slice()), MUG).await;
    assert_eq!(
        (status, body.as_str()),
        (StatusCode::CREATED, r#"{"id":1,"replayed":true}"#)
    );
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert_eq!(post(&api, Some("k-3"), MUG).await, StatusCode::CREATED);
    let (_, body) = post_as(&api, "acme", Some(b"k-1".as_slice()), MUG).await;
    assert_eq!(body, r#"{"id":4,"replayed":false}"#);
    assert!(api.store.lock().expect("not poisoned").keys_held() <= 2);
}

/// Keys must be 1 to 255 visible ASCII characters; a malformed key is
/// reported as invalid, not as missing, and creates nothing.
#[tokio::test]
async fn malformed_keys_are_refused() {
    let api = shared(100, DAY, Duration::ZERO);
    let longest = "k".repeat(MAX_KEY_LEN);
    assert_eq!(
        post(&api, Some(longest.as_str()), MUG).await,
        StatusCode::CREATED
    );
    let too_long = "k".repeat(MAX_KEY_LEN + 1);
    for key in [&b""[..], too_long.as_bytes(), "é".as_bytes(), &[0xff, 0x41]] {
        let (status, body) = post_as(&api, "acme", Some(key), MUG).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{key:?}");
        assert!(body.contains("invalid"), "{key:?}: {body}");
    }
    let (_, body) = post_as(&api, "acme", None, MUG).await;
    assert!(body.contains("required"), "{body}");
    assert_eq!(orders(&api), 1);
}

/// Requests a hostile client might send get a 4xx answer, never a panic or
/// a 5xx.
#[tokio::test]
async fn hostile_requests_get_4xx() {
    let api = shared(100, DAY, Duration::ZERO);
    let huge = format!(r#"{{"sku":"{}","quantity":1}}"#, "x".repeat(3 << 20));
    let cases: [(&str, &[u8], &str); 7] = [
        ("", b"k", MUG),
        ("acme", b"k", "not json"),
        ("acme", b"k", r#"{"sku":"SKU-1","quantity":-1}"#),
        ("acme", b"k", r#"{"sku":"SKU-1","quantity":1,"x":1}"#),
        ("acme", b"k", r#"{"sku":"SKU-1"}"#),
        ("acme", b"k", &huge),
        ("acme", &[b'k'; 10_000], MUG),
    ];
    for (client, key, body) in cases {
        let (status, _) = post_as(&api, client, Some(key), body).await;
        assert!(status.is_client_error(), "{status} for {:.40}", body);
    }
    assert_eq!(orders(&api), 0);
}

/// The three APIs serve the same order; GraphQL resolves a customer once
/// per order that asks for one (N+1), and gRPC reports a missing order as
/// NOT_FOUND.
#[tokio::test]
async fn three_apis_one_resource() {
    use orders_api::graphql::schema;
    use orders_api::grpc::shop::orders_server::Orders;
    use orders_api::grpc::{GetOrder, OrdersService};
    use orders_api::resource::Db;
    use std::sync::Arc;
    use std::sync::atomic::Ordering;

    let db = Arc::new(Db::sample());
    let service = OrdersService { db: db.clone() };
    let order = service
        .get_order(tonic::Request::new(GetOrder { id: 7 }))
        .await
        .expect("order 7")
        .into_inner();
    assert_eq!((order.quantity, order.customer_id), (2, 2));
    let missing = service
        .get_order(tonic::Request::new(GetOrder { id: 99 }))
        .await
        .expect_err("no order 99");
    assert_eq!(missing.code(), tonic::Code::NotFound);

    let graphql = schema(db.clone());
    let answer = graphql.execute("{ order(id: 7) { quantity } }").await;
    assert_eq!(
        serde_json::to_string(&answer.data).expect("json"),
        r#"{"order":{"quantity":2}}"#
    );
    db.customer_lookups.store(0, Ordering::Relaxed);
    graphql.execute("{ orders { id customer { name } } }").await;
    assert_eq!(db.customer_lookups.load(Ordering::Relaxed), 10);
    graphql.execute("{ orders { id } }").await;
    assert_eq!(
        db.customer_lookups.load(Ordering::Relaxed),
        10,
        "no customer asked, none fetched"
    );
}

/// Reusing a protobuf tag breaks old readers. Tag 3 was `quantity`, a
/// varint: prost refuses a string there (it checks the wire type, where
/// protobuf-go keeps it as an unknown field and reads `quantity` as 0), and
/// an integer there is read as the quantity, silently.
#[test]
fn a_reused_tag_breaks_old_readers() {
    use orders_api::grpc::Order;
    use prost::Message;

    #[derive(Clone, PartialEq, prost::Message)]
    struct OrderWithCoupon {
        #[prost(uint64, tag = "1")]
        id: u64,
        #[prost(string, tag = "2")]
        sku: String,
        #[prost(string, tag = "3")]
        coupon: String,
    }
    let bytes = OrderWithCoupon {
        id: 7,
        sku: "SKU-17".to_string(),
        coupon: "SUMMER".to_string(),
    }
    .encode_to_vec();
    assert!(Order::decode(bytes.as_slice()).is_err());

    #[derive(Clone, PartialEq, prost::Message)]
    struct OrderWithCouponId {
        #[prost(uint64, tag = "1")]
        id: u64,
        #[prost(uint32, tag = "3")]
        coupon_id: u32,
    }
    let bytes = OrderWithCouponId {
        id: 7,
        coupon_id: 5001,
    }
    .encode_to_vec();
    let old = Order::decode(bytes.as_slice()).expect("the same wire type decodes");
    assert_eq!(old.quantity, 5001, "a coupon id read as a quantity");

    // A new tag is harmless: old readers skip it.
    #[derive(Clone, PartialEq, prost::Message)]
    struct OrderWithNote {
        #[prost(uint64, tag = "1")]
        id: u64,
        #[prost(string, tag = "6")]
        note: String,
    }
    let bytes = OrderWithNote {
        id: 7,
        note: "gift".to_string(),
    }
    .encode_to_vec();
    assert_eq!(Order::decode(bytes.as_slice()).expect("skips tag 6").id, 7);
}

/// `(name, wire type, tag)` of each field of `message` in `orders.proto`,
/// in order; the wire type is 0 (varint) for integers, 2 for strings.
fn proto_fields(message: &str) -> Vec<(String, u64, u64)> {
    let proto = include_str!("../orders.proto");
    let body = proto
        .split(&format!("message {message} {{"))
        .nth(1)
        .and_then(|rest| rest.split('}').next())
        .expect("the message is in orders.proto");
    body.lines()
        .filter_map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            let [kind, name, "=", tag] = words.as_slice() else {
                return None;
            };
            let wire = if *kind == "string" { 2 } else { 0 };
            let tag = tag.trim_end_matches(';').parse().expect("a tag");
            Some((name.to_string(), wire, tag))
        })
        .collect()
}

/// `(name, wire type, tag)` of each field of a prost message with every
/// field set: names from its `Debug` output, the rest read off the wire.
fn rust_fields(message: &(impl prost::Message + std::fmt::Debug)) -> Vec<(String, u64, u64)> {
    fn varint(bytes: &mut &[u8]) -> u64 {
        let (mut value, mut shift) = (0, 0);
        loop {
            let byte = bytes[0];
            *bytes = &bytes[1..];
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return value;
            }
            shift += 7;
        }
    }
    let debug = format!("{message:?}");
    let names = debug
        .split(['{', ','])
        .skip(1)
        .filter_map(|part| part.split(':').next())
        .map(|name| name.trim().to_string());
    let wire = message.encode_to_vec();
    let mut bytes = wire.as_slice();
    let mut keys = Vec::new();
    while !bytes.is_empty() {
        let key = varint(&mut bytes);
        if key & 7 == 2 {
            let len = varint(&mut bytes) as usize;
            bytes = &bytes[len..];
        } else {
            varint(&mut bytes);
        }
        keys.push((key & 7, key >> 3));
    }
    names
        .zip(keys)
        .map(|(name, (wire, tag))| (name, wire, tag))
        .collect()
}

/// The `.proto` shown on the page describes what the Rust code puts on the
/// wire: the same field names, types and tags, and the same method path.
#[test]
fn the_proto_matches_the_rust_contract() {
    use orders_api::grpc::{GetOrder, Order};
    let order = Order {
        id: 7,
        sku: "SKU-17".to_string(),
        quantity: 2,
        total_cents: 2400,
        customer_id: 2,
    };
    assert_eq!(rust_fields(&order), proto_fields("Order"));
    assert_eq!(rust_fields(&GetOrder { id: 7 }), proto_fields("GetOrder"));
    assert_eq!(proto_fields("Order").len(), 5);

    let proto = include_str!("../orders.proto");
    assert!(proto.contains("package shop;"));
    assert!(proto.contains("service Orders {"));
    assert!(proto.contains("rpc GetOrder(GetOrder) returns (Order);"));
    let generated = include_str!(concat!(env!("OUT_DIR"), "/shop.Orders.rs"));
    assert!(generated.contains("\"/shop.Orders/GetOrder\""));
}

/// The schema refuses a query nested deeper than 5 fields or costing more
/// than 200 (each field counts once per order asked for), and a page of
/// more than 100 orders; a page of orders continues after an id.
#[tokio::test]
async fn graphql_queries_are_bounded() {
    use orders_api::graphql::schema;
    use orders_api::resource::Db;
    use std::sync::Arc;

    let graphql = schema(Arc::new(Db::sample()));
    let errors = |query: &'static str| {
        let graphql = graphql.clone();
        async move {
            let answer = graphql.execute(query).await;
            answer
                .errors
                .iter()
                .map(|e| e.message.clone())
                .collect::<Vec<_>>()
        }
    };
    let deep = "{ __schema { types { fields { type { ofType { name } } } } } }";
    assert_eq!(errors(deep).await, ["Query is nested too deep."]);
    let costly = "{ orders(first: 100) { id sku quantity totalCents customer { name email } } }";
    assert_eq!(errors(costly).await, ["Query is too complex."]);
    assert_eq!(
        errors("{ orders(first: 20) { id sku quantity totalCents customer { name email } } }")
            .await
            .len(),
        0
    );
    assert_eq!(errors("{ orders(first: 101) { id } }").await.len(), 1);

    let page = graphql
        .execute("{ orders(first: 3, after: 3) { id } }")
        .await;
    assert_eq!(
        serde_json::to_string(&page.data).expect("json"),
        r#"{"orders":[{"id":4},{"id":5},{"id":6}]}"#
    );
}

/// Through the DataLoader, the 10 `customer` fields of one query cost one
/// lookup and give the same answer.
#[tokio::test]
async fn a_dataloader_batches_the_customer_lookups() {
    use orders_api::graphql::{batched_schema, schema};
    use orders_api::resource::Db;
    use std::sync::Arc;
    use std::sync::atomic::Ordering;

    let db = Arc::new(Db::sample());
    let query = "{ orders { id customer { name } } }";
    let naive = schema(db.clone()).execute(query).await;
    db.customer_lookups.store(0, Ordering::Relaxed);
    let batched = batched_schema(db.clone()).execute(query).await;
    assert_eq!(db.customer_lookups.load(Ordering::Relaxed), 1);
    assert_eq!(naive.data, batched.data);
    assert!(batched.errors.is_empty());
}
