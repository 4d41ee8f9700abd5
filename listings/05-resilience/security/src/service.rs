//! The orders API: authentication in one layer, a permission per route.

use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Extension, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use jsonwebtoken::DecodingKey;
use serde::{Deserialize, Serialize};
use tracing::{debug, info, warn};

use crate::jwt::{self, Claims};
use crate::secret::Secret;

/// Bodies above this are refused with 413 before a handler sees them.
pub const MAX_BODY: usize = 1024;

pub struct AppState {
    pub verifying: DecodingKey,
}

// ANCHOR: routes
pub fn app(state: Arc<AppState>) -> Router {
    let protected = Router::new()
        .route(
            "/orders",
            get(list_orders)
                .route_layer(from_fn_with_state("orders:read", authorize))
                .merge(
                    post(create_order).route_layer(from_fn_with_state("orders:write", authorize)),
                ),
        )
        .route(
            "/admin/users",
            get(list_users).route_layer(from_fn_with_state("admin", authorize)),
        )
        // Runs before every route above: who is calling?
        .route_layer(from_fn_with_state(state, authenticate));
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .merge(protected)
        .layer(DefaultBodyLimit::max(MAX_BODY))
}

// ANCHOR_END: routes

// ANCHOR: authenticate
/// Authentication: a valid token, or 401. The reason goes to the log, not
/// to the caller.
async fn authenticate(
    State(state): State<Arc<AppState>>,
    mut req: Request,
    next: Next,
) -> Response {
    debug!(method = %req.method(), path = %req.uri().path(), "request");
    let token = match bearer(req.headers()) {
        Some(token) => token,
        None => return unauthorized("missing bearer token"),
    };
    debug!(?token, "bearer token received"); // prints Secret([REDACTED])
    match jwt::verify(token.expose(), &state.verifying) {
        Ok(claims) => {
            info!(sub = %claims.sub, scope = %claims.scope, "authenticated");
            req.extensions_mut().insert(claims);
            next.run(req).await
        }
        Err(kind) => {
            warn!(reason = %jwt::kind_name(&kind), "token rejected");
            unauthorized("invalid token")
        }
    }
}

/// Authorization: the caller is known; may it do this? If not, 403.
async fn authorize(State(scope): State<&'static str>, req: Request, next: Next) -> Response {
    let claims = req
        .extensions()
        .get::<Claims>()
        .expect("authenticate runs first");
    if claims.has_scope(scope) {
        next.run(req).await
    } else {
        info!(sub = %claims.sub, needed = scope, "forbidden");
        let challenge = format!("Bearer error=\"insufficient_scope\", scope=\"{scope}\"");
        (
            StatusCode::FORBIDDEN,
            [(header::WWW_AUTHENTICATE, challenge)],
            "forbidden",
        )
            .into_response()
    }
}
// ANCHOR_END: authenticate

fn bearer(headers: &HeaderMap) -> Option<Secret<String>> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let token = value.strip_prefix("Bearer ")?.trim();
    (!token.is_empty()).then(|| Secret::new(token.to_string()))
}

/// RFC 6750 section 3: a 401 says how to authenticate.
fn unauthorized(why: &'static str) -> Response {
    let challenge = if why == "missing bearer token" {
        "Bearer".to_string()
    } else {
        "Bearer error=\"invalid_token\"".to_string()
    };
    (
        StatusCode::UNAUTHORIZED,
        [(header::WWW_AUTHENTICATE, challenge)],
        why,
    )
        .into_response()
}

#[derive(Serialize)]
struct OrderList {
    owner: String,
    orders: Vec<String>,
}

async fn list_orders(Extension(claims): Extension<Claims>) -> Json<OrderList> {
    Json(OrderList {
        owner: claims.sub,
        orders: vec![],
    })
}

#[derive(Deserialize)]
pub struct NewOrder {
    pub item: String,
    pub quantity: u32,
}

async fn create_order(
    Extension(claims): Extension<Claims>,
    Json(order): Json<NewOrder>,
) -> Result<(StatusCode, String), (StatusCode, &'static str)> {
    if order.quantity == 0 || order.item.is_empty() {
        return Err((
            StatusCode::UNPROCESSABLE_ENTITY,
            "item and quantity > 0 required",
        ));
    }
    info!(sub = %claims.sub, item = %order.item, "order created");
    Ok((
        StatusCode::CREATED,
        format!("{} x{} for {}", order.item, order.quantity, claims.sub),
    ))
}

async fn list_users() -> &'static str {
    "[]"
}
