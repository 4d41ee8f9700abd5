//! Parse, don't validate: an HTTP endpoint turns the raw request into a
//! `NewOrder` whose fields cannot hold a bad value, or answers with the 4xx
//! that says what was wrong.

use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};
use std::fmt;

// ANCHOR: request
/// The request as it arrives: plain JSON types, nothing checked yet.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderRequest {
    pub email: String,
    pub sku: String,
    pub quantity: i64,
}
// ANCHOR_END: request

// ANCHOR: domain
/// An email address with one `@` and something on both sides of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

/// A SKU such as `SKU-12`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sku(String);

/// 1 to 100 items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity(u8);

/// An order that has passed every check. Code that takes a `NewOrder`
/// never checks again: a bad one cannot be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrder {
    pub email: Email,
    pub sku: Sku,
    pub quantity: Quantity,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Invalid {
    pub field: &'static str,
    pub problem: &'static str,
}

impl TryFrom<OrderRequest> for NewOrder {
    type Error = Invalid;

    fn try_from(raw: OrderRequest) -> Result<Self, Invalid> {
        let invalid = |field, problem| Invalid { field, problem };
        let email = match raw.email.split_once('@') {
            Some((user, host)) if !user.is_empty() && !host.is_empty() && !host.contains('@') => {
                Email(raw.email)
            }
            _ => return Err(invalid("email", "must look like name@host")),
        };
        let sku = match raw.sku.strip_prefix("SKU-") {
            Some(digits) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
                Sku(raw.sku)
            }
            _ => return Err(invalid("sku", "must be SKU- and digits")),
        };
        let quantity = match u8::try_from(raw.quantity) {
            Ok(n @ 1..=100) => Quantity(n),
            _ => return Err(invalid("quantity", "must be 1 to 100")),
        };
        Ok(NewOrder {
            email,
            sku,
            quantity,
        })
    }
}
// ANCHOR_END: domain

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.field, self.problem)
    }
}

// ANCHOR: handler
/// `Result<Json<_>, JsonRejection>` lets the handler see why axum could not
/// read the body, instead of axum answering in plain text on its own.
async fn create_order(
    body: Result<Json<OrderRequest>, JsonRejection>,
) -> (StatusCode, Json<Value>) {
    let Json(raw) = match body {
        Ok(body) => body,
        Err(rejection) => {
            return (
                rejection.status(),
                Json(json!({ "error": rejection.body_text() })),
            );
        }
    };
    match NewOrder::try_from(raw) {
        Ok(order) => (
            StatusCode::CREATED,
            Json(json!({ "sku": order.sku.0, "quantity": order.quantity.0 })),
        ),
        Err(invalid) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({ "error": invalid.to_string(), "field": invalid.field })),
        ),
    }
}

pub fn router() -> Router {
    Router::new().route("/orders", post(create_order))
}
// ANCHOR_END: handler
