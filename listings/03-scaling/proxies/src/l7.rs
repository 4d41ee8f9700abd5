//! An L7 proxy: it reads each HTTP request, so it can route by path,
//! balance requests rather than connections, add headers, retry a request
//! that never reached a backend, and skip backends that fail health checks.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderName, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use tokio::net::TcpListener;

/// One backend as the proxy sees it.
pub struct Upstream {
    pub name: String,
    pub addr: SocketAddr,
    healthy: AtomicBool,
}

/// Backends that serve one path prefix, taken in turn.
pub struct Pool {
    prefix: String,
    upstreams: Vec<Upstream>,
    next: AtomicUsize,
}

impl Pool {
    pub fn new(prefix: &str, backends: &[(String, SocketAddr)]) -> Pool {
        Pool {
            prefix: prefix.to_string(),
            upstreams: backends
                .iter()
                .map(|(name, addr)| Upstream {
                    name: name.clone(),
                    addr: *addr,
                    healthy: AtomicBool::new(true),
                })
                .collect(),
            next: AtomicUsize::new(0),
        }
    }
}

/// The proxy's routes, longest prefix first, and its HTTP client.
pub struct Proxy {
    pools: Vec<Pool>,
    client: Client<HttpConnector, Body>,
}

/// Headers about one hop of a connection, never forwarded (RFC 9110, 7.6.1).
const HOP_BY_HOP: [&str; 6] = [
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "transfer-encoding",
    "upgrade",
];

/// Removes the hop-by-hop headers, and every header that the `Connection`
/// header names as one (`Connection: x-trace` makes `X-Trace` hop-by-hop).
fn strip_hop_by_hop(headers: &mut http::HeaderMap) {
    let named: Vec<String> = headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|name| name.trim().to_string())
        .collect();
    for name in HOP_BY_HOP
        .iter()
        .copied()
        .chain(named.iter().map(String::as_str))
    {
        headers.remove(name);
    }
}

impl Proxy {
    pub fn new(mut pools: Vec<Pool>) -> Arc<Proxy> {
        pools.sort_by_key(|p| std::cmp::Reverse(p.prefix.len()));
        let mut connector = HttpConnector::new();
        connector.set_connect_timeout(Some(Duration::from_millis(500)));
        Arc::new(Proxy {
            pools,
            client: Client::builder(TokioExecutor::new()).build(connector),
        })
    }

    // ANCHOR: health
    /// Asks every backend for `GET /health` (500 ms at most) and marks it
    /// healthy or not. A real proxy runs this every few seconds.
    pub async fn check_health(&self) {
        for upstream in self.pools.iter().flat_map(|p| &p.upstreams) {
            let uri = format!("http://{}/health", upstream.addr);
            let probe = self.client.get(uri.parse().expect("a valid URI"));
            let ok = matches!(
                tokio::time::timeout(Duration::from_millis(500), probe).await,
                Ok(Ok(response)) if response.status().is_success()
            );
            upstream.healthy.store(ok, Ordering::Relaxed);
        }
    }
    // ANCHOR_END: health

    /// The healthy backends of the pool for `path`, by name.
    pub fn healthy(&self, path: &str) -> Vec<String> {
        self.pool_for(path)
            .map(|p| {
                p.upstreams
                    .iter()
                    .filter(|u| u.healthy.load(Ordering::Relaxed))
                    .map(|u| u.name.clone())
                    .collect()
            })
            .unwrap_or_default()
    }

    fn pool_for(&self, path: &str) -> Option<&Pool> {
        self.pools.iter().find(|p| path.starts_with(&p.prefix))
    }
}

// ANCHOR: forward
/// One request: find the pool by path, take the next healthy backend, and
/// forward. A GET whose backend refuses the connection is tried on the
/// next one: it never reached a server, so sending it again is safe.
async fn forward(
    State(proxy): State<Arc<Proxy>>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let path = request.uri().path().to_string();
    let Some(pool) = proxy.pool_for(&path) else {
        return (StatusCode::NOT_FOUND, "no route for this path\n").into_response();
    };
    let (mut parts, body) = request.into_parts();
    strip_hop_by_hop(&mut parts.headers);
    parts.headers.append(
        HeaderName::from_static("x-forwarded-for"),
        client
            .ip()
            .to_string()
            .parse()
            .expect("an IP is a valid header"),
    );
    let retryable = parts.method == http::Method::GET || parts.method == http::Method::HEAD;
    let mut body = Some(body);
    let n = pool.upstreams.len();
    for _ in 0..n.min(2) {
        let Some(upstream) = next_healthy(pool) else {
            break;
        };
        let mut attempt = http::Request::from_parts(parts.clone(), body.take().unwrap_or_default());
        let target = format!(
            "http://{}{}",
            upstream.addr,
            parts.uri.path_and_query().map_or("/", |p| p.as_str())
        );
        *attempt.uri_mut() = target
            .parse::<Uri>()
            .expect("an address and a path make a URI");
        attempt.headers_mut().remove(header::HOST);
        match tokio::time::timeout(Duration::from_secs(2), proxy.client.request(attempt)).await {
            Ok(Ok(response)) => return response.into_response(),
            Ok(Err(e)) if e.is_connect() && retryable => continue,
            Ok(Err(_)) => return (StatusCode::BAD_GATEWAY, "the backend failed\n").into_response(),
            Err(_) => {
                return (
                    StatusCode::GATEWAY_TIMEOUT,
                    "the backend did not answer in time\n",
                )
                    .into_response();
            }
        }
    }
    (StatusCode::BAD_GATEWAY, "no healthy backend answered\n").into_response()
}

/// The next healthy upstream of `pool` in turn, if any.
fn next_healthy(pool: &Pool) -> Option<&Upstream> {
    let n = pool.upstreams.len();
    (0..n)
        .map(|_| &pool.upstreams[pool.next.fetch_add(1, Ordering::Relaxed) % n])
        .find(|u| u.healthy.load(Ordering::Relaxed))
}
// ANCHOR_END: forward

/// Starts the proxy on a free port; returns its address.
pub async fn start(proxy: Arc<Proxy>) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let app = axum::Router::new().fallback(forward).with_state(proxy);
    tokio::spawn(async move {
        let _ = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await;
    });
    Ok(addr)
}
