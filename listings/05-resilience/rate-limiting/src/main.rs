//! `cargo run -p rate-limiting`: five limiters and governor on one trace.
//! `cargo run -p rate-limiting -- redis`: four servers sharing one limit
//! through Redis (needs `cargo xtask services up`).
//! `cargo run -p rate-limiting -- http`: 429s and RateLimit headers.

use std::process::ExitCode;
use std::time::Duration;

use axum::body::Body;
use axum::http::Request;
use rate_limiting::algorithms::{MS, Micros};
use rate_limiting::http::{Shared, app};
use rate_limiting::shared::{OnError, SharedLimiter, local, local_admits, racy_read, racy_write};
use rate_limiting::trace::{self, LIMIT, Report};
use service_smoke::Service;
use tower::ServiceExt;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [] => {
            algorithms();
            Ok(())
        }
        [s] if s == "redis" => redis_section(),
        [s] if s == "http" => http_section(),
        _ => {
            eprintln!("usage: cargo run -p rate-limiting [-- redis|http]");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn row(r: &Report) {
    let delay = if r.max_delay == 0 {
        "-".to_string()
    } else {
        format!("{}", r.max_delay / MS)
    };
    println!(
        "{:<24} {:>8} {:>8} {:>12} {:>12} {:>12}",
        r.name, r.admitted, r.rejected, r.worst_second, delay, r.max_state
    );
}

// ANCHOR: algorithms
fn algorithms() {
    let arrivals = trace::bursty(7);
    println!(
        "one client, {} requests in 10 s, limit {LIMIT} a second (bursts of 24 around 3 s, 6 s and 9 s)",
        arrivals.len()
    );
    println!();
    println!(
        "{:<24} {:>8} {:>8} {:>12} {:>12} {:>12}",
        "limiter", "admitted", "rejected", "worst 1 s", "max wait ms", "state bytes"
    );
    for mut limiter in trace::ours() {
        row(&trace::run(limiter.as_mut(), &arrivals));
    }
    row(&trace::governor(&arrivals));
}
// ANCHOR_END: algorithms

/// Four servers, 25 requests each from one client, all at the same instant.
const SERVERS: usize = 4;
const EACH: usize = 25;
/// The shared bucket: a burst of 20, 20 a second.
const CAPACITY: u64 = 20;

fn redis_section() -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let url = Service::Redis.url();
        let mut conn = service_smoke::redis_connection(&url)
            .await
            .map_err(|e| e.to_string())?;
        let prefix = format!("rate-limiting:{}:", service_smoke::run_token());
        let result = shared_runs(&url, &mut conn, &prefix).await;
        let keys: Vec<String> = ["atomic", "racy"]
            .iter()
            .map(|k| format!("{prefix}{k}"))
            .collect();
        let cleaned: redis::RedisResult<u64> =
            redis::cmd("DEL").arg(&keys).query_async(&mut conn).await;
        result?;
        cleaned.map(|_| ()).map_err(|e| e.to_string())
    })
}

// ANCHOR: shared_runs
async fn shared_runs(
    url: &str,
    conn: &mut redis::aio::MultiplexedConnection,
    prefix: &str,
) -> Result<(), String> {
    let now: Micros = 0;
    let e = |e: redis::RedisError| e.to_string();
    println!(
        "{SERVERS} servers, {EACH} requests each from one client at the same instant; limit: a burst of {CAPACITY}"
    );
    println!();
    // Local: each server has a bucket of its own.
    let local_total: usize = (0..SERVERS)
        .map(|_| local_admits(&mut local(CAPACITY, CAPACITY), EACH, now))
        .sum();
    // Racy: in each round, every server reads the count, then every server
    // writes what it computed: requests that arrive within one round trip.
    let key = format!("{prefix}racy");
    let mut racy_total = 0;
    for _ in 0..EACH {
        let mut reads = Vec::new();
        for _ in 0..SERVERS {
            reads.push(racy_read(conn, &key).await.map_err(e)?);
        }
        for read in reads {
            racy_total += usize::from(
                racy_write(conn, &key, read, now, CAPACITY, CAPACITY)
                    .await
                    .map_err(e)?,
            );
        }
    }
    // Atomic: one Lua script per check; the servers' requests interleave.
    let key = format!("{prefix}atomic");
    let mut servers: Vec<SharedLimiter> = (0..SERVERS)
        .map(|_| {
            SharedLimiter::new(
                url,
                Duration::from_secs(2),
                OnError::Open,
                CAPACITY,
                CAPACITY,
            )
        })
        .collect::<Result<_, _>>()
        .map_err(e)?;
    let mut atomic_total = 0;
    for _ in 0..EACH {
        for server in &mut servers {
            atomic_total += usize::from(server.check(&key, now).await);
        }
    }
    let errors: u64 = servers.iter().map(|s| s.errors).sum();
    println!("{:<34} {:>8} {:>10}", "limit", "admitted", "over limit");
    for (name, admitted) in [
        ("local bucket in each server", local_total),
        ("Redis, read then write (racy)", racy_total),
        ("Redis, one Lua script (atomic)", atomic_total),
    ] {
        let over = admitted.saturating_sub(CAPACITY as usize);
        println!("{name:<34} {admitted:>8} {over:>10}");
    }
    if errors > 0 {
        return Err(format!("{errors} checks got no answer from Redis"));
    }
    Ok(())
}
// ANCHOR_END: shared_runs

fn http_section() -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let shared = Shared::new();
        let get = |key: &'static str| {
            let shared = shared.clone();
            async move {
                let req = Request::get("/v1/quote")
                    .header("x-api-key", key)
                    .body(Body::empty())
                    .expect("a valid request");
                let res = app(shared).oneshot(req).await.expect("infallible");
                let h = |name: &str| {
                    res.headers()
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-")
                        .to_string()
                };
                format!(
                    "{} retry-after: {:<2} ratelimit: {}",
                    res.status().as_u16(),
                    h("retry-after"),
                    h("ratelimit")
                )
            }
        };
        println!("ratelimit-policy on every answer: \"per-key\";q=10;w=1");
        for i in 1..=12 {
            let line = get("alice-key").await;
            if i <= 2 || i >= 10 {
                println!("t=0 ms   alice #{i:<2} {line}");
            }
        }
        println!("t=0 ms   bob   #1  {}", get("bob-key").await);
        tokio::time::advance(Duration::from_millis(100)).await;
        println!("t=100 ms alice #13 {}", get("alice-key").await);
        println!("t=100 ms alice #14 {}", get("alice-key").await);
        Ok(())
    })
}
