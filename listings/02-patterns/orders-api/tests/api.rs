use axum::body::Body;
use axum::http::{Request, StatusCode};
use orders_api::idempotency::{Shared, router};
use orders_api::paging::{Walk, walk};
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

async fn post(store: &Shared, key: Option<&str>, body: &str) -> StatusCode {
    let mut request = Request::post("/orders").header("content-type", "application/json");
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    let request = request.body(Body::from(body.to_string())).expect("valid");
    router(store.clone())
        .oneshot(request)
        .await
        .expect("infallible")
        .status()
}

/// Retries with the same key and body create one order; the same key with
/// another body is refused; a request without a key is refused.
#[tokio::test]
async fn a_retried_post_creates_one_order() {
    let store = Shared::default();
    let body = r#"{"sku":"SKU-1","quantity":1}"#;
    for _ in 0..5 {
        assert_eq!(post(&store, Some("k"), body).await, StatusCode::CREATED);
    }
    assert_eq!(
        post(&store, Some("k"), r#"{"sku":"SKU-2","quantity":1}"#).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(post(&store, None, body).await, StatusCode::BAD_REQUEST);
    assert_eq!(store.lock().expect("not poisoned").orders.len(), 1);
}

/// Retries that arrive at the same moment, on several threads, still
/// create one order: the check and the insert happen under one lock.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_retries_create_one_order() {
    let store = Shared::default();
    let mut calls = Vec::new();
    for _ in 0..50 {
        let store = store.clone();
        calls.push(tokio::spawn(async move {
            post(&store, Some("same"), r#"{"sku":"SKU-1","quantity":3}"#).await
        }));
    }
    for call in calls {
        assert_eq!(call.await.expect("no panic"), StatusCode::CREATED);
    }
    assert_eq!(store.lock().expect("not poisoned").orders.len(), 1);
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

/// Reusing a protobuf tag for a field of another type breaks old readers:
/// tag 3 was `quantity` (a varint) and now carries a string.
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
