//! An idempotent `POST /orders`: a retry with the same `Idempotency-Key`
//! gets the first answer back instead of creating a second order.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewOrder {
    pub sku: String,
    pub quantity: u32,
}

// ANCHOR: store
/// The orders, and for each idempotency key the request it came with and
/// the answer it got.
#[derive(Debug, Default)]
pub struct Store {
    pub orders: Vec<NewOrder>,
    answers: HashMap<String, (NewOrder, u64)>,
}

pub type Shared = Arc<Mutex<Store>>;
// ANCHOR_END: store

// ANCHOR: create
async fn create(
    State(store): State<Shared>,
    headers: HeaderMap,
    Json(order): Json<NewOrder>,
) -> (StatusCode, Json<Value>) {
    let Some(key) = headers.get("idempotency-key").and_then(|v| v.to_str().ok()) else {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({ "error": "an Idempotency-Key header is required" })),
        );
    };
    // One lock around the check and the insert: two retries that arrive
    // at once cannot both create the order.
    let mut store = store.lock().expect("not poisoned");
    if let Some((first, id)) = store.answers.get(key) {
        return if *first == order {
            (
                StatusCode::CREATED,
                Json(json!({ "id": id, "replayed": true })),
            )
        } else {
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({ "error": "this Idempotency-Key was used for a different request" })),
            )
        };
    }
    store.orders.push(order.clone());
    let id = store.orders.len() as u64;
    store.answers.insert(key.to_string(), (order, id));
    (
        StatusCode::CREATED,
        Json(json!({ "id": id, "replayed": false })),
    )
}

pub fn router(store: Shared) -> Router {
    Router::new()
        .route("/orders", post(create))
        .with_state(store)
}
// ANCHOR_END: create
