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
use std::time::{Duration, Instant};

/// The longest key accepted, in bytes.
pub const MAX_KEY_LEN: usize = 255;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewOrder {
    pub sku: String,
    pub quantity: u32,
}

// ANCHOR: store
/// A key's request, its answer once the request has finished, and when
/// the key was first seen.
#[derive(Debug)]
struct Entry {
    request: NewOrder,
    answer: Option<u64>,
    since: Instant,
}

/// What a request may do with its key.
#[derive(Debug, PartialEq, Eq)]
pub enum Begin {
    New,
    Replay(u64),
    InFlight,
    OtherRequest,
    Full,
}

#[derive(Debug)]
pub struct Store {
    pub orders: Vec<NewOrder>,
    /// Keyed by (client, key): a key means nothing outside its client.
    keys: HashMap<(String, String), Entry>,
    capacity: usize,
    ttl: Duration,
}

impl Store {
    pub fn new(capacity: usize, ttl: Duration) -> Store {
        Store {
            orders: Vec::new(),
            keys: HashMap::new(),
            capacity,
            ttl,
        }
    }

    /// Claims `key` for this request, or says why it may not run.
    pub fn begin(&mut self, client: &str, key: &str, request: &NewOrder) -> Begin {
        let now = Instant::now();
        let ttl = self.ttl;
        let live = |entry: &Entry| now.duration_since(entry.since) < ttl;
        let id = (client.to_string(), key.to_string());
        if let Some(entry) = self.keys.get(&id).filter(|&entry| live(entry)) {
            return match entry.answer {
                _ if entry.request != *request => Begin::OtherRequest,
                Some(order) => Begin::Replay(order),
                None => Begin::InFlight,
            };
        }
        if self.keys.len() >= self.capacity {
            self.keys.retain(|_, entry| live(entry));
            if self.keys.len() >= self.capacity {
                return Begin::Full;
            }
        }
        let entry = Entry {
            request: request.clone(),
            answer: None,
            since: now,
        };
        self.keys.insert(id, entry);
        Begin::New
    }

    /// Stores the order and the key's answer together.
    pub fn finish(&mut self, client: &str, key: &str, request: NewOrder) -> u64 {
        self.orders.push(request);
        let order = self.orders.len() as u64;
        let id = (client.to_string(), key.to_string());
        if let Some(entry) = self.keys.get_mut(&id) {
            entry.answer = Some(order);
        }
        order
    }

    /// How many keys the store holds, expired ones included.
    pub fn keys_held(&self) -> usize {
        self.keys.len()
    }
}

pub struct Api {
    pub store: Mutex<Store>,
    /// How long the call to the payment provider takes.
    pub provider_delay: Duration,
}

pub type Shared = Arc<Api>;
// ANCHOR_END: store

/// An API whose store holds at most `capacity` keys, each for `ttl`.
pub fn shared(capacity: usize, ttl: Duration, provider_delay: Duration) -> Shared {
    Arc::new(Api {
        store: Mutex::new(Store::new(capacity, ttl)),
        provider_delay,
    })
}

fn refuse(status: StatusCode, error: &str) -> (StatusCode, Json<Value>) {
    (status, Json(json!({ "error": error })))
}

// ANCHOR: create
async fn create(
    State(api): State<Shared>,
    headers: HeaderMap,
    Json(order): Json<NewOrder>,
) -> (StatusCode, Json<Value>) {
    // Stands for the authenticated client; a real server checks it first.
    let Some(client) = headers.get("authorization").and_then(|v| v.to_str().ok()) else {
        return refuse(StatusCode::UNAUTHORIZED, "who is asking?");
    };
    let key = match headers.get("idempotency-key").map(|v| v.to_str()) {
        None => return refuse(StatusCode::BAD_REQUEST, "Idempotency-Key required"),
        Some(Ok(key)) if !key.is_empty() && key.len() <= MAX_KEY_LEN => key,
        Some(_) => return refuse(StatusCode::BAD_REQUEST, "invalid Idempotency-Key"),
    };
    let begun = api
        .store
        .lock()
        .expect("not poisoned")
        .begin(client, key, &order);
    match begun {
        Begin::New => {}
        Begin::Replay(id) => {
            return (
                StatusCode::CREATED,
                Json(json!({ "id": id, "replayed": true })),
            );
        }
        Begin::InFlight => {
            return refuse(StatusCode::CONFLICT, "this key's request is in progress");
        }
        Begin::OtherRequest => {
            return refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                "key used for another request",
            );
        }
        Begin::Full => return refuse(StatusCode::SERVICE_UNAVAILABLE, "too many keys held"),
    }
    // The lock is released while the payment provider is called, with the
    // same key, outside any transaction of ours.
    tokio::time::sleep(api.provider_delay).await;
    let id = api
        .store
        .lock()
        .expect("not poisoned")
        .finish(client, key, order);
    (
        StatusCode::CREATED,
        Json(json!({ "id": id, "replayed": false })),
    )
}

pub fn router(api: Shared) -> Router {
    Router::new().route("/orders", post(create)).with_state(api)
}
// ANCHOR_END: create
