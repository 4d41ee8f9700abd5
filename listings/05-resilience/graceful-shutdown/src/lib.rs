//! A small service that shuts down gracefully and degrades gracefully.
//!
//! - `app` is the axum router: `/work` (a request that takes time),
//!   `/price` (answers from a dependency, or a cached answer when it fails),
//!   `/ready` and `/healthz`.
//! - `serve` runs it and, on a shutdown signal, fails readiness, waits, stops
//!   accepting and drains in-flight requests within a deadline.
//! - `sim` replays the same shutdown on tokio's paused clock, for a
//!   deterministic count of what each server loses.

pub mod sim;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use serde::Deserialize;

/// The token a caller must present: `authorization: Bearer <TOKEN>`.
pub const TOKEN: &str = "letmein";
/// The longest `/work` a caller may ask for.
pub const MAX_WORK_MS: u64 = 5_000;
/// The largest request body accepted.
pub const MAX_BODY: usize = 1024;

/// What the handlers share.
#[derive(Clone, Default)]
pub struct Shared {
    /// False once shutdown has begun: `/ready` answers 503.
    pub draining: Arc<AtomicBool>,
    /// Requests being handled right now.
    pub in_flight: Arc<AtomicU64>,
    /// When true, the price dependency fails.
    pub dependency_down: Arc<AtomicBool>,
    /// The last good price, served when the dependency fails (if degrading).
    pub last_price: Arc<AtomicU64>,
    /// Serve the cached price when the dependency fails, instead of a 503.
    pub degrade: bool,
}

#[derive(Deserialize)]
struct Work {
    ms: u64,
}

fn authorized(headers: &HeaderMap) -> bool {
    headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        == Some(TOKEN)
}

struct InFlight(Arc<AtomicU64>);
impl InFlight {
    fn enter(counter: &Arc<AtomicU64>) -> Self {
        counter.fetch_add(1, Ordering::SeqCst);
        InFlight(counter.clone())
    }
}
impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

// ANCHOR: handlers
async fn work(
    State(s): State<Shared>,
    headers: HeaderMap,
    q: Result<Query<Work>, QueryRejection>,
) -> (StatusCode, String) {
    if !authorized(&headers) {
        return (
            StatusCode::UNAUTHORIZED,
            "missing or wrong bearer token\n".into(),
        );
    }
    let Ok(Query(Work { ms })) = q else {
        return (
            StatusCode::BAD_REQUEST,
            "expected ?ms=<milliseconds>\n".into(),
        );
    };
    if ms > MAX_WORK_MS {
        return (
            StatusCode::BAD_REQUEST,
            format!("ms must be at most {MAX_WORK_MS}\n"),
        );
    }
    let _guard = InFlight::enter(&s.in_flight);
    tokio::time::sleep(Duration::from_millis(ms)).await;
    (StatusCode::OK, format!("worked {ms} ms\n"))
}

async fn ready(State(s): State<Shared>) -> StatusCode {
    if s.draining.load(Ordering::SeqCst) {
        StatusCode::SERVICE_UNAVAILABLE
    } else {
        StatusCode::OK
    }
}
// ANCHOR_END: handlers

// ANCHOR: price
async fn price(State(s): State<Shared>, headers: HeaderMap) -> (StatusCode, String) {
    if !authorized(&headers) {
        return (
            StatusCode::UNAUTHORIZED,
            "missing or wrong bearer token\n".into(),
        );
    }
    price_answer(&s)
}

/// The answer to `/price`: the live price, else the last good one if
/// `degrade` is on, else 503.
pub fn price_answer(s: &Shared) -> (StatusCode, String) {
    match fetch_price(s) {
        Ok(p) => {
            s.last_price.store(p, Ordering::SeqCst);
            (StatusCode::OK, format!("price {p}\n"))
        }
        Err(()) if s.degrade && s.last_price.load(Ordering::SeqCst) > 0 => {
            let p = s.last_price.load(Ordering::SeqCst);
            (
                StatusCode::OK,
                format!("price {p} (cached, may be stale)\n"),
            )
        }
        Err(()) => (StatusCode::SERVICE_UNAVAILABLE, "pricing is down\n".into()),
    }
}
// ANCHOR_END: price

fn fetch_price(s: &Shared) -> Result<u64, ()> {
    if s.dependency_down.load(Ordering::SeqCst) {
        Err(())
    } else {
        Ok(1999)
    }
}

async fn echo(State(s): State<Shared>, headers: HeaderMap, body: String) -> (StatusCode, String) {
    if !authorized(&headers) {
        return (
            StatusCode::UNAUTHORIZED,
            "missing or wrong bearer token\n".into(),
        );
    }
    let _guard = InFlight::enter(&s.in_flight);
    (StatusCode::OK, format!("{} bytes\n", body.len()))
}

/// The router. Bodies over `MAX_BODY` get 413, a body that is not UTF-8 gets
/// 400, an unknown path 404: all before a handler runs.
pub fn app(shared: Shared) -> Router {
    Router::new()
        .route("/work", get(work))
        .route("/price", get(price))
        .route("/echo", post(echo))
        .route("/ready", get(ready))
        .route("/healthz", get(|| async { "ok\n" }))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(shared)
}

/// How a graceful shutdown ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Drained {
    /// Every in-flight request was answered.
    Clean,
    /// The deadline passed with this many requests still in flight.
    DeadlineHit { abandoned: u64 },
}

// ANCHOR: serve
/// Serves `app` on `listener` until `signal` resolves; then fails
/// readiness, keeps serving for `pre_drain`, stops accepting, and drains
/// in-flight requests for at most `deadline`. Connections still open at the
/// deadline end when the caller exits (they run on spawned tasks).
pub async fn serve(
    listener: tokio::net::TcpListener,
    shared: Shared,
    pre_drain: Duration,
    deadline: Duration,
    signal: impl Future<Output = ()> + Send + 'static,
) -> Drained {
    let (stop_tx, mut stop_rx) = tokio::sync::watch::channel(false);
    let s = shared.clone();
    tokio::spawn(async move {
        signal.await;
        s.draining.store(true, Ordering::SeqCst); // 1. /ready answers 503
        tokio::time::sleep(pre_drain).await; // 2. let load balancers notice
        let _ = stop_tx.send(true); // 3. stop accepting, drain
    });
    let mut rx = stop_rx.clone();
    let server = axum::serve(listener, app(shared.clone())).with_graceful_shutdown(async move {
        let _ = rx.wait_for(|stop| *stop).await;
    });
    let mut server = std::pin::pin!(server.into_future());
    // axum's drain has no deadline of its own: bound it from the stop on.
    tokio::select! {
        _ = &mut server => return Drained::Clean,
        _ = stop_rx.wait_for(|stop| *stop) => {}
    }
    match tokio::time::timeout(deadline, server).await {
        Ok(_) => Drained::Clean,
        Err(_) => Drained::DeadlineHit {
            abandoned: shared.in_flight.load(Ordering::SeqCst),
        },
    }
}
// ANCHOR_END: serve
