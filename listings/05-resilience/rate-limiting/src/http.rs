//! The limiter's HTTP face: a bucket per API key, a 429 with `Retry-After`
//! when it is empty, and the `RateLimit-Policy` and `RateLimit` fields of
//! the IETF draft draft-ietf-httpapi-ratelimit-headers on every answer.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::time::Instant;

use crate::algorithms::{Decision, Limiter, Micros, SECOND, TokenBucket};

/// The API keys the server knows.
pub const KEYS: [&str; 2] = ["alice-key", "bob-key"];
/// Each key's bucket: a burst of 10, 10 a second.
pub const BURST: u64 = 10;
pub const RATE: u64 = 10;

/// Buckets by API key, and the instant the server started (time zero).
#[derive(Clone)]
pub struct Shared {
    buckets: Arc<Mutex<HashMap<&'static str, TokenBucket>>>,
    started: Instant,
}

impl Shared {
    pub fn new() -> Shared {
        Shared {
            buckets: Arc::default(),
            started: Instant::now(),
        }
    }
}

impl Default for Shared {
    fn default() -> Shared {
        Shared::new()
    }
}

pub fn app(shared: Shared) -> Router {
    Router::new()
        .route("/v1/quote", get(quote))
        .with_state(shared)
}

fn seconds_rounded_up(us: Micros) -> u64 {
    us.div_ceil(SECOND)
}

// ANCHOR: handler
async fn quote(State(shared): State<Shared>, headers: HeaderMap) -> Response {
    let Some(raw) = headers.get("x-api-key") else {
        return (StatusCode::UNAUTHORIZED, "missing x-api-key\n").into_response();
    };
    let Some(&key) = KEYS.iter().find(|k| raw.as_bytes() == k.as_bytes()) else {
        return (StatusCode::UNAUTHORIZED, "unknown API key\n").into_response();
    };
    let now = shared.started.elapsed().as_micros() as Micros;
    let (decision, remaining, next) = {
        let mut buckets = shared.buckets.lock().expect("no panics while held");
        let bucket = buckets
            .entry(key)
            .or_insert_with(|| TokenBucket::new(BURST, RATE));
        let decision = bucket.check(now);
        (decision, bucket.remaining(now), bucket.next_token(now))
    };
    let mut response = if decision == Decision::Admit {
        (StatusCode::OK, "quote: 42\n").into_response()
    } else {
        let mut r = (StatusCode::TOO_MANY_REQUESTS, "rate limit: 10 a second\n").into_response();
        // Whole seconds, rounded up: a client that waits this long finds a token.
        r.headers_mut()
            .insert("retry-after", HeaderValue::from(seconds_rounded_up(next)));
        r
    };
    let h = response.headers_mut();
    h.insert(
        "ratelimit-policy",
        HeaderValue::from_static("\"per-key\";q=10;w=1"),
    );
    let now_value = format!("\"per-key\";r={remaining};t={}", seconds_rounded_up(next));
    h.insert(
        "ratelimit",
        HeaderValue::from_str(&now_value).expect("ASCII"),
    );
    response
}
// ANCHOR_END: handler
