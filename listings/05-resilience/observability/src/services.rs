//! Gateway -> orders -> inventory: three axum routers in one process, each
//! calling the next through `oneshot` with real HTTP requests and headers.
//! Work is simulated with `tokio::time::sleep` on a paused clock.

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, RawQuery, State};
use axum::http::{HeaderMap, Request, StatusCode};
use axum::routing::{get, post};
use http_body_util::BodyExt;
use opentelemetry::propagation::TextMapPropagator;
use opentelemetry::trace::{SpanKind, TraceContextExt, Tracer, TracerProvider};
use opentelemetry::{Context, KeyValue};
use opentelemetry_sdk::propagation::TraceContextPropagator;
use opentelemetry_sdk::trace::{InMemorySpanExporter, SdkTracerProvider};
use seeded::SplitMix64;
use tokio::sync::Semaphore;
use tokio::time::{Instant, sleep, timeout};
use tower::ServiceExt;
use tracing::{Instrument, info, info_span};

use crate::metrics::Metrics;
use crate::trace::{HeaderExtractor, HeaderInjector, SeededIds, sim_time};

/// The seed and the number of checkouts of the logs and trace runs.
pub const DEMO_SEED: u64 = 2;
pub const DEMO_CHECKOUTS: usize = 12;
pub const MAX_BODY: usize = 256;
pub const MAX_ITEMS: usize = 5;
pub const INSERT: Duration = Duration::from_millis(8);
pub const AUTH: Duration = Duration::from_millis(2);
// ANCHOR: pool
/// Inventory's database: a pool of connections, a lookup time, and one
/// SKU (picked by the seed) whose lookups are slow.
pub const POOL_SIZE: usize = 8;
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_millis(300);
pub const LOOKUP: Duration = Duration::from_millis(4);
pub const SLOW_LOOKUP: Duration = Duration::from_millis(240);
// ANCHOR_END: pool

/// What the three services share in this one process: the clock's start,
/// the exporters, and the seeded fault. Each service has its own counter
/// of local request ids.
pub struct Shared {
    pub start: Instant,
    pub propagate: bool,
    pub provider: SdkTracerProvider,
    pub exporter: InMemorySpanExporter,
    pub metrics: Metrics,
    pub pool: Semaphore,
    pub pool_size: usize,
    pub slow_sku: String,
    next_id: [AtomicU64; 3],
    /// `traceparent` headers as each service received them, for printing.
    pub seen: Mutex<Vec<(String, String, String)>>,
}

impl Shared {
    pub fn new(seed: u64, propagate: bool) -> Arc<Shared> {
        Shared::with_pool(seed, propagate, POOL_SIZE)
    }

    /// The same services with inventory's pool of `pool` connections.
    pub fn with_pool(seed: u64, propagate: bool, pool: usize) -> Arc<Shared> {
        let exporter = InMemorySpanExporter::default();
        let provider = SdkTracerProvider::builder()
            .with_id_generator(SeededIds(Mutex::new(SplitMix64(seed))))
            .with_simple_exporter(exporter.clone())
            .build();
        let metrics = Metrics::new();
        metrics.pool_size.set(pool as i64);
        let slow = SplitMix64(seed ^ 0x51_0e).below(10);
        Arc::new(Shared {
            start: Instant::now(),
            propagate,
            provider,
            exporter,
            metrics,
            pool: Semaphore::new(pool),
            pool_size: pool,
            slow_sku: format!("sku-{slow}"),
            next_id: Default::default(),
            seen: Mutex::new(Vec::new()),
        })
    }

    fn local_id(&self, service: usize) -> String {
        let n = self.next_id[service].fetch_add(1, Ordering::Relaxed) + 1;
        format!("{}-{n}", ["g", "o", "i"][service])
    }
}

/// The span of one request in one service, ended with simulated time.
struct Hop {
    cx: Context,
    began: Instant,
}

// ANCHOR: server_span
/// Starts a service's span for an incoming request: the parent comes from
/// the `traceparent` header when there is a valid one; otherwise (no header,
/// or a malformed one) this span starts a new trace.
fn enter(
    sh: &Shared,
    service: &'static str,
    route: &'static str,
    headers: &HeaderMap,
    attrs: Vec<KeyValue>,
) -> Hop {
    let parent = if sh.propagate {
        TraceContextPropagator::new().extract(&HeaderExtractor(headers))
    } else {
        Context::new()
    };
    if let Some(tp) = headers.get("traceparent").and_then(|v| v.to_str().ok()) {
        sh.seen
            .lock()
            .unwrap()
            .push((service.into(), route.into(), tp.into()));
    }
    let tracer = sh.provider.tracer(service);
    let span = tracer
        .span_builder(route)
        .with_kind(SpanKind::Server)
        .with_start_time(sim_time(sh.start))
        .with_attributes(attrs)
        .start_with_context(&tracer, &parent);
    Hop {
        cx: parent.with_span(span),
        began: Instant::now(),
    }
}
// ANCHOR_END: server_span

/// A child span for a step inside one service (a query, a wait).
fn step(
    sh: &Shared,
    service: &'static str,
    name: &'static str,
    parent: &Context,
    attrs: Vec<KeyValue>,
) -> Context {
    let tracer = sh.provider.tracer(service);
    let span = tracer
        .span_builder(name)
        .with_start_time(sim_time(sh.start))
        .with_attributes(attrs)
        .start_with_context(&tracer, parent);
    parent.with_span(span)
}

fn end(sh: &Shared, cx: &Context) {
    cx.span().end_with_timestamp(sim_time(sh.start));
}

// ANCHOR: log_span
/// The `tracing` span every log line of this request inherits its fields
/// from: which service, the local request id, and the trace id when the
/// trace context is propagated. `parent: None` because in production the
/// caller's spans live in another process.
fn log_span(sh: &Shared, service: &'static str, idx: usize, cx: &Context) -> tracing::Span {
    let request_id = sh.local_id(idx);
    if sh.propagate {
        let trace_id = cx.span().span_context().trace_id().to_string();
        info_span!(parent: None, "request", service, request_id = request_id.as_str(), trace_id = trace_id.as_str())
    } else {
        info_span!(parent: None, "request", service, request_id = request_id.as_str())
    }
}
// ANCHOR_END: log_span

fn finish(sh: &Shared, service: &'static str, route: &'static str, hop: &Hop, status: StatusCode) {
    let took = hop.began.elapsed();
    sh.metrics
        .observe(service, route, status.as_u16(), took.as_secs_f64());
    info!(
        status = status.as_u16(),
        duration_ms = took.as_millis() as u64,
        "request done"
    );
    end(sh, &hop.cx);
}

// ANCHOR: outgoing
/// Calls the next service in process with a real HTTP request, carrying the
/// current span's context in a `traceparent` header.
async fn call(
    sh: &Shared,
    next: &Router,
    cx: &Context,
    req: Request<Body>,
) -> (StatusCode, String) {
    let mut req = req;
    if sh.propagate {
        TraceContextPropagator::new().inject_context(cx, &mut HeaderInjector(req.headers_mut()));
    }
    let res = next
        .clone()
        .oneshot(req)
        .await
        .expect("Router is infallible");
    let status = res.status();
    let body = res
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    (status, String::from_utf8_lossy(&body).into_owned())
}
// ANCHOR_END: outgoing

/// A valid SKU: `sku-` and one to three digits.
pub fn valid_sku(s: &str) -> bool {
    s.strip_prefix("sku-")
        .is_some_and(|d| (1..=3).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
}

/// Parses `sku-1,sku-7`: one to MAX_ITEMS valid SKUs.
pub fn parse_items(body: &[u8]) -> Result<Vec<String>, String> {
    let text = std::str::from_utf8(body).map_err(|_| "body is not UTF-8".to_string())?;
    let items: Vec<String> = text.trim().split(',').map(str::to_string).collect();
    if items.len() > MAX_ITEMS {
        return Err(format!("at most {MAX_ITEMS} items"));
    }
    match items.iter().find(|s| !valid_sku(s)) {
        Some(bad) => Err(format!("not a SKU: {bad:?}")),
        None => Ok(items),
    }
}

/// The user from `Authorization: Bearer u-<digits>`.
pub fn user(headers: &HeaderMap) -> Option<String> {
    let token = headers
        .get("authorization")?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")?;
    let digits = token.strip_prefix("u-")?;
    ((1..=6).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| token.to_string())
}

#[derive(Clone)]
struct Next {
    sh: Arc<Shared>,
    next: Option<Router>,
}

async fn checkout(State(st): State<Next>, headers: HeaderMap, body: Bytes) -> (StatusCode, String) {
    let sh = &st.sh;
    let hop = enter(sh, "gateway", "POST /checkout", &headers, vec![]);
    let span = log_span(sh, "gateway", 0, &hop.cx);
    async {
        let (status, text) = match (user(&headers), parse_items(&body)) {
            (None, _) => (
                StatusCode::UNAUTHORIZED,
                "need Authorization: Bearer u-<digits>".into(),
            ),
            (_, Err(e)) => (StatusCode::BAD_REQUEST, e),
            (Some(user), Ok(items)) => {
                info!(user = user.as_str(), items = items.len() as u64, "checkout");
                sleep(AUTH).await;
                let req = Request::post("/orders")
                    .body(Body::from(body.clone()))
                    .unwrap();
                let (status, text) = call(sh, st.next.as_ref().unwrap(), &hop.cx, req).await;
                // Anything the gateway cannot fix is its own 502, not a 500.
                if status.is_success() {
                    (status, text)
                } else {
                    (StatusCode::BAD_GATEWAY, text)
                }
            }
        };
        finish(sh, "gateway", "POST /checkout", &hop, status);
        (status, text)
    }
    .instrument(span)
    .await
}

async fn orders(State(st): State<Next>, headers: HeaderMap, body: Bytes) -> (StatusCode, String) {
    let sh = &st.sh;
    let hop = enter(sh, "orders", "POST /orders", &headers, vec![]);
    let span = log_span(sh, "orders", 1, &hop.cx);
    async {
        let (status, text) = match parse_items(&body) {
            Err(e) => (StatusCode::BAD_REQUEST, e),
            Ok(items) => {
                let db = step(sh, "orders", "db insert", &hop.cx, vec![]);
                sleep(INSERT).await;
                end(sh, &db);
                info!(items = items.len() as u64, "order stored");
                let mut result = (StatusCode::CREATED, "order placed".to_string());
                for sku in &items {
                    let req = Request::get(format!("/reserve?sku={sku}"))
                        .body(Body::empty())
                        .unwrap();
                    let (status, text) = call(sh, st.next.as_ref().unwrap(), &hop.cx, req).await;
                    if !status.is_success() {
                        result = (StatusCode::SERVICE_UNAVAILABLE, text);
                        break;
                    }
                }
                result
            }
        };
        finish(sh, "orders", "POST /orders", &hop, status);
        (status, text)
    }
    .instrument(span)
    .await
}

// ANCHOR: inventory
async fn reserve(
    State(st): State<Next>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> (StatusCode, String) {
    let sh = &st.sh;
    let sku = q
        .as_deref()
        .and_then(|q| q.strip_prefix("sku="))
        .filter(|s| valid_sku(s));
    let attrs = sku
        .map(|s| vec![KeyValue::new("sku", s.to_string())])
        .unwrap_or_default();
    let hop = enter(sh, "inventory", "GET /reserve", &headers, attrs);
    let span = log_span(sh, "inventory", 2, &hop.cx);
    async {
        let (status, text) = match sku {
            None => (StatusCode::BAD_REQUEST, "need ?sku=sku-<digits>".into()),
            Some(sku) => {
                let wait = step(sh, "inventory", "pool wait", &hop.cx, vec![]);
                let waited = Instant::now();
                sh.metrics.pool_waiting.inc();
                let permit = timeout(ACQUIRE_TIMEOUT, sh.pool.acquire()).await;
                sh.metrics.pool_waiting.dec();
                sh.metrics
                    .pool_wait_ms
                    .inc_by(waited.elapsed().as_millis() as u64);
                end(sh, &wait);
                match permit {
                    Err(_) => {
                        sh.metrics.pool_timeouts.inc();
                        info!(sku, "no connection free");
                        (
                            StatusCode::SERVICE_UNAVAILABLE,
                            "inventory pool exhausted".into(),
                        )
                    }
                    Ok(_permit) => {
                        sh.metrics.pool_in_use.inc();
                        let query = step(sh, "inventory", "db select", &hop.cx, vec![]);
                        let took = if sku == sh.slow_sku {
                            SLOW_LOOKUP
                        } else {
                            LOOKUP
                        };
                        sleep(took).await;
                        end(sh, &query);
                        sh.metrics.pool_in_use.dec();
                        sh.metrics.pool_busy_ms.inc_by(took.as_millis() as u64);
                        info!(sku, lookup_ms = took.as_millis() as u64, "stock reserved");
                        (StatusCode::OK, "reserved".into())
                    }
                }
            }
        };
        finish(sh, "inventory", "GET /reserve", &hop, status);
        (status, text)
    }
    .instrument(span)
    .await
}
// ANCHOR_END: inventory

/// The three services, wired gateway -> orders -> inventory. Only the
/// gateway is public; the other two are reached through it.
pub fn apps(sh: &Arc<Shared>) -> (Router, Router, Router) {
    let inventory = Router::new()
        .route("/reserve", get(reserve))
        .with_state(Next {
            sh: sh.clone(),
            next: None,
        });
    let orders = Router::new()
        .route("/orders", post(orders))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(Next {
            sh: sh.clone(),
            next: Some(inventory.clone()),
        });
    let gateway = Router::new()
        .route("/checkout", post(checkout))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(Next {
            sh: sh.clone(),
            next: Some(orders.clone()),
        });
    (gateway, orders, inventory)
}

/// What one run sent and got back at the gateway.
pub struct Sent {
    pub user: String,
    pub items: String,
    pub status: u16,
    pub ms: u64,
}

// ANCHOR: traffic
/// `n` checkouts, one every 10 ms, each of one to three random SKUs from
/// ten, by users drawn from `users`. All on the paused clock.
pub async fn traffic(sh: &Arc<Shared>, seed: u64, n: usize, users: usize) -> Vec<Sent> {
    let (gateway, _, _) = apps(sh);
    let mut rng = SplitMix64(seed);
    let mut tasks = Vec::new();
    for i in 0..n {
        let user = format!("u-{}", rng.below(users));
        let k = 1 + rng.below(3);
        let items: Vec<String> = (0..k).map(|_| format!("sku-{}", rng.below(10))).collect();
        let items = items.join(",");
        let gateway = gateway.clone();
        tasks.push(tokio::spawn(async move {
            sleep(Duration::from_millis(10 * i as u64)).await;
            let began = Instant::now();
            let req = Request::post("/checkout")
                .header("authorization", format!("Bearer {user}"))
                .body(Body::from(items.clone()))
                .unwrap();
            let res = gateway.oneshot(req).await.expect("Router is infallible");
            let ms = began.elapsed().as_millis() as u64;
            Sent {
                user,
                items,
                status: res.status().as_u16(),
                ms,
            }
        }));
    }
    let mut sent = Vec::new();
    for t in tasks {
        sent.push(t.await.expect("no request task panics"));
    }
    sent
}
// ANCHOR_END: traffic
