//! REST: one URL per resource, the server decides the shape of each.

use crate::resource::Db;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};
use std::sync::Arc;

// ANCHOR: rest
async fn order(State(db): State<Arc<Db>>, Path(id): Path<u64>) -> (StatusCode, Json<Value>) {
    match db.order(id) {
        Some(order) => (StatusCode::OK, Json(json!(order))),
        None => (
            StatusCode::NOT_FOUND,
            Json(json!({ "error": "no such order" })),
        ),
    }
}

async fn customer(State(db): State<Arc<Db>>, Path(id): Path<u64>) -> (StatusCode, Json<Value>) {
    match db.customer(id) {
        Some(customer) => (StatusCode::OK, Json(json!(customer))),
        None => (
            StatusCode::NOT_FOUND,
            Json(json!({ "error": "no such customer" })),
        ),
    }
}

pub fn router(db: Arc<Db>) -> Router {
    Router::new()
        .route("/v1/orders/{id}", get(order))
        .route("/v1/customers/{id}", get(customer))
        .with_state(db)
}
// ANCHOR_END: rest
