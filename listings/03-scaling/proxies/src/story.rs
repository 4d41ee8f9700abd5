//! The two stories of the chapter, as lines: the HTTP proxies, and
//! read/write splitting.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Body;
use http_body_util::BodyExt;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

use crate::backends::Backend;
use crate::l7::{Pool, Proxy};
use crate::sql_router::{Router, Target, classify};
use crate::{l4, l7};

type HttpClient = Client<HttpConnector, Body>;

/// GETs `path` from `proxy`; returns the status and the body.
async fn get(client: &HttpClient, proxy: SocketAddr, path: &str) -> Result<(u16, String), String> {
    let uri = format!("http://{proxy}{path}")
        .parse()
        .map_err(|e| format!("{e}"))?;
    let response = client.get(uri).await.map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?;
    Ok((
        status,
        String::from_utf8_lossy(&body.to_bytes()).into_owned(),
    ))
}

/// Sends `n` GETs of `path` one after the other over the client's one
/// kept-alive connection; counts the answers by backend name (or status).
async fn count(
    client: &HttpClient,
    proxy: SocketAddr,
    path: &str,
    n: usize,
) -> Result<String, String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for _ in 0..n {
        let (status, body) = get(client, proxy, path).await?;
        let who = if status == 200 {
            body.split_whitespace().next().unwrap_or("").to_string()
        } else {
            format!("HTTP {status}")
        };
        *counts.entry(who).or_default() += 1;
    }
    Ok(counts
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect::<Vec<_>>()
        .join(", "))
}

/// The HTTP story: returns the lines `cargo run -p proxies` prints.
pub async fn http() -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let io = |e: std::io::Error| e.to_string();
    let backends = [
        Backend::start("b1").await.map_err(io)?,
        Backend::start("b2").await.map_err(io)?,
        Backend::start("b3").await.map_err(io)?,
    ];
    let assets = Backend::start("assets").await.map_err(io)?;
    let api: Vec<(String, SocketAddr)> =
        backends.iter().map(|b| (b.name.clone(), b.addr)).collect();
    let l4 = l4::start(api.iter().map(|(_, a)| *a).collect())
        .await
        .map_err(io)?;
    let proxy = Proxy::new(vec![
        Pool::new("/api/", &api),
        Pool::new("/static/", &[(assets.name.clone(), assets.addr)]),
    ]);
    let l7 = l7::start(proxy.clone()).await.map_err(io)?;
    let client: HttpClient = Client::builder(TokioExecutor::new()).build_http();

    out.push(
        "30 requests for /api/orders, one after another on one kept-alive connection".to_string(),
    );
    out.push(format!(
        "  {:<34} {}",
        "through the L4 proxy (TCP)",
        count(&client, l4, "/api/orders", 30).await?
    ));
    out.push(format!(
        "  {:<34} {}",
        "through the L7 proxy (HTTP)",
        count(&client, l7, "/api/orders", 30).await?
    ));
    out.push("a request for /static/logo.png".to_string());
    out.push(format!(
        "  {:<34} {}",
        "through the L4 proxy",
        get(&client, l4, "/static/logo.png").await?.1
    ));
    out.push(format!(
        "  {:<34} {}",
        "through the L7 proxy",
        get(&client, l7, "/static/logo.png").await?.1
    ));
    let (status, _) = get(&client, l7, "/admin").await?;
    out.push(format!(
        "  {:<34} HTTP {status}",
        "/admin through the L7 proxy"
    ));

    backends[1].stop();
    // Let the proxy's client notice that its kept-alive connection to b2 closed.
    tokio::time::sleep(Duration::from_millis(100)).await;
    out.push("b2 crashes; 30 more requests through the L7 proxy".to_string());
    out.push(format!(
        "  {:<34} {}",
        "before a health check",
        count(&client, l7, "/api/orders", 30).await?
    ));
    proxy.check_health().await;
    out.push(format!(
        "  {:<34} {}",
        "health check: healthy",
        proxy.healthy("/api/").join(", ")
    ));
    out.push(format!(
        "  {:<34} {}",
        "after it",
        count(&client, l7, "/api/orders", 30).await?
    ));
    Ok(out)
}

/// The SQL story: returns the lines `cargo run -p proxies -- sql` prints.
pub async fn sql() -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let statements = [
        "SELECT count(*) FROM pg_class",
        "SELECT 1 FOR UPDATE",
        "CREATE TEMP TABLE scratch (id int)",
        "BEGIN",
        "SELECT count(*) FROM pg_class",
        "COMMIT",
        "SHOW server_version_num",
    ];
    let mut router = Router::connect().await?;
    out.push(format!(
        "{:<40} {:<12} answered by",
        "statement", "router says"
    ));
    for sql in statements {
        let said = classify(sql, router.in_transaction());
        let answered = router.run(sql).await?;
        let name = |t: Target| match t {
            Target::Primary => "primary",
            Target::Replica => "replica",
        };
        out.push(format!("{sql:<40} {:<12} {}", name(said), name(answered)));
    }
    Ok(out)
}
