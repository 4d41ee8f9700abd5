//! `cargo run -p observability [-- logs|trace|metrics]`: the same seeded
//! checkouts through gateway -> orders -> inventory, seen three ways.

use std::collections::BTreeMap;
use std::sync::Arc;

use observability::logs::{KeyValueLayer, Line, LogBuffer, field, render};
use observability::metrics::{BUCKETS, buckets, exact_quantile, histogram_quantile, series_count};
use observability::services::{POOL_SIZE, Sent, Shared, traffic};
use observability::trace::{self_times, tree};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use tracing_subscriber::layer::SubscriberExt;

use observability::services::{DEMO_CHECKOUTS as CHECKOUTS, DEMO_SEED as SEED};

fn num(line: &Line, key: &str) -> u64 {
    field(line, key).and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// Runs `n` checkouts with a log layer installed; returns the lines.
async fn run(sh: &Arc<Shared>, n: usize, users: usize) -> (Vec<Sent>, Vec<Line>) {
    let buffer = LogBuffer::default();
    let layer = KeyValueLayer {
        buffer: buffer.clone(),
        start: sh.start,
    };
    let subscriber = tracing_subscriber::registry().with(layer);
    let _guard = tracing::subscriber::set_default(subscriber);
    let sent = traffic(sh, SEED, n, users).await;
    (sent, buffer.lines())
}

fn slowest(lines: &[Line]) -> Line {
    lines
        .iter()
        .filter(|l| {
            field(l, "service") == Some("gateway") && field(l, "msg") == Some("request done")
        })
        .max_by_key(|l| num(l, "duration_ms"))
        .cloned()
        .expect("at least one checkout finished")
}

async fn logs_alone() {
    let sh = Shared::new(SEED, false);
    let (_, lines) = run(&sh, CHECKOUTS, 100).await;
    let services = ["gateway", "orders", "inventory"];
    let counts: Vec<String> = services
        .iter()
        .map(|s| {
            format!(
                "{s} {}",
                lines
                    .iter()
                    .filter(|l| field(l, "service") == Some(s))
                    .count()
            )
        })
        .collect();
    println!(
        "{CHECKOUTS} checkouts, no trace context: {} log lines ({})",
        lines.len(),
        counts.join(", ")
    );
    // ANCHOR: slow_at_gateway
    let slow = slowest(&lines);
    let id = field(&slow, "request_id").unwrap().to_string();
    let (end, took) = (num(&slow, "t_ms"), num(&slow, "duration_ms"));
    let began = end - took;
    println!("\nThe slowest checkout, as the gateway logged it:");
    for l in lines
        .iter()
        .filter(|l| field(l, "request_id") == Some(id.as_str()))
    {
        println!("  {}", render(l));
    }
    // ANCHOR_END: slow_at_gateway
    println!("\nLines from orders and inventory while {id} was in flight ({began}..{end} ms):");
    let during: Vec<&Line> = lines
        .iter()
        .filter(|l| field(l, "service") != Some("gateway"))
        .filter(|l| (began..=end).contains(&num(l, "t_ms")))
        .collect();
    let ids: std::collections::BTreeSet<&str> = during
        .iter()
        .filter_map(|l| field(l, "request_id"))
        .collect();
    println!(
        "  ... {} lines from {} requests; the slow ones:",
        during.len(),
        ids.len()
    );
    for l in during
        .iter()
        .filter(|l| num(l, "duration_ms") >= 100 || num(l, "lookup_ms") >= 100)
    {
        println!("  {}", render(l));
    }
    // ANCHOR: query
    // Structured fields answer a question no one planned for: which SKUs
    // are slow to look up, over every inventory line?
    let mut by_sku: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for l in lines
        .iter()
        .filter(|l| field(l, "msg") == Some("stock reserved"))
    {
        let e = by_sku.entry(field(l, "sku").unwrap()).or_default();
        e.0 += 1;
        e.1 = e.1.max(num(l, "lookup_ms"));
    }
    // ANCHOR_END: query
    println!("\nQuery: inventory lookups by sku (count, slowest):");
    for (sku, (n, max)) in by_sku {
        println!("  {sku:<7} {n} lookups, slowest {max} ms");
    }
}

async fn traced() {
    let sh = Shared::new(SEED, true);
    let (_, lines) = run(&sh, CHECKOUTS, 100).await;
    let slow = slowest(&lines);
    let trace_id = field(&slow, "trace_id").unwrap().to_string();
    println!("The slowest checkout again: {}", render(&slow));
    println!("\ntraceparent headers of trace {trace_id}:");
    for (service, route, tp) in sh
        .seen
        .lock()
        .unwrap()
        .iter()
        .filter(|s| s.2.contains(&trace_id))
    {
        println!("  {service:<9} {route:<14} traceparent: {tp}");
    }
    // ANCHOR: collect
    let spans = sh
        .exporter
        .get_finished_spans()
        .expect("the in-memory exporter is up");
    let ours: Vec<_> = spans
        .iter()
        .filter(|s| s.span_context.trace_id().to_string() == trace_id)
        .collect();
    // ANCHOR_END: collect
    println!("\nIts trace, {} spans (start, duration, span):", ours.len());
    for line in tree(&ours) {
        println!("  {line}");
    }
    let mut selfs = self_times(&ours);
    selfs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    println!("\nSelf time (duration minus children), largest first:");
    for (name, ms) in selfs.iter().take(3) {
        println!("  {ms:>4} ms  {name}");
    }
    let joined: Vec<&Line> = lines
        .iter()
        .filter(|l| field(l, "trace_id") == Some(trace_id.as_str()))
        .collect();
    println!("\nLog lines with trace_id={trace_id}: {}", joined.len());
    for l in joined {
        let mut l = l.clone();
        l.retain(|(k, _)| k != "trace_id");
        println!("  {}", render(&l));
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PerUser {
    route: String,
    user_id: String,
}

/// The metrics run with inventory's pool of `pool` connections. The
/// exposition and cardinality are printed only for the pool as written.
async fn metrics(pool: usize) {
    const N: usize = 600;
    const USERS: usize = 10_000;
    let full = pool == POOL_SIZE;
    let sh = Shared::with_pool(SEED, true, pool);
    let (sent, _) = run(&sh, N, USERS).await;
    let elapsed_ms = sh.start.elapsed().as_millis() as u64;
    let text = sh.metrics.exposition();
    if !full {
        println!("{N} checkouts over {elapsed_ms} ms, inventory pool of {pool}.");
    } else {
        println!("{N} checkouts over {elapsed_ms} ms. Part of GET /metrics:");
    }
    for l in text.lines().filter(|l| {
        full && (l.contains("service=\"gateway\"")
            || l.starts_with("db_pool")
            || l.starts_with("# TYPE http_request_duration"))
    }) {
        println!("  {l}");
    }
    let seconds = elapsed_ms as f64 / 1000.0;
    println!("\nRED per route (rate, errors, duration):");
    for (service, route) in [
        ("gateway", "POST /checkout"),
        ("orders", "POST /orders"),
        ("inventory", "GET /reserve"),
    ] {
        let sel = format!("route=\"{route}\"");
        let (mut total, mut errors) = (0u64, 0u64);
        for l in text
            .lines()
            .filter(|l| l.starts_with("http_requests_total") && l.contains(&sel))
        {
            let n: u64 = l.rsplit(' ').next().unwrap().parse().unwrap();
            total += n;
            if !l.contains("status=\"2") {
                errors += n;
            }
        }
        let b = buckets(&text, "http_request_duration_seconds", &sel);
        let p99 = histogram_quantile(0.99, &b).unwrap();
        println!(
            "  {service:<9} {route:<14} {:>5.1} req/s  {:>4.1}% errors  p99 ~ {:>3.0} ms",
            total as f64 / seconds,
            100.0 * errors as f64 / total as f64,
            p99 * 1000.0
        );
    }
    // ANCHOR: use
    let busy = sh.metrics.pool_busy_ms.get() as f64;
    let waited = sh.metrics.pool_wait_ms.get() as f64;
    let size = sh.pool_size as f64;
    println!(
        "\nUSE for inventory's pool of {} connections:",
        sh.pool_size
    );
    println!(
        "  utilization {:.1}% (busy ms / (size x elapsed ms))",
        100.0 * busy / (size * elapsed_ms as f64)
    );
    println!(
        "  saturation  {:.2} callers waiting on average (wait ms / elapsed ms)",
        waited / elapsed_ms as f64
    );
    println!(
        "  errors      {} acquire timeouts",
        sh.metrics.pool_timeouts.get()
    );
    // ANCHOR_END: use
    println!("\nGateway latency: estimated from buckets vs exact from {N} samples:");
    let b = buckets(
        &text,
        "http_request_duration_seconds",
        "service=\"gateway\"",
    );
    let samples: Vec<f64> = sent.iter().map(|s| s.ms as f64 / 1000.0).collect();
    for q in [0.5, 0.9, 0.99] {
        let est = histogram_quantile(q, &b).unwrap() * 1000.0;
        let exact = exact_quantile(q, &samples) * 1000.0;
        println!(
            "  p{:<3} estimate {est:>6.1} ms  exact {exact:>5.1} ms  error {:>+6.1} ms",
            (q * 100.0) as u32,
            est - exact
        );
    }
    if !full {
        return;
    }
    // ANCHOR: cardinality
    let per_user: Family<PerUser, Histogram> =
        Family::new_with_constructor(|| Histogram::new(BUCKETS));
    for s in &sent {
        let labels = PerUser {
            route: "POST /checkout".into(),
            user_id: s.user.clone(),
        };
        per_user
            .get_or_create(&labels)
            .observe(s.ms as f64 / 1000.0);
    }
    let mut registry = Registry::default();
    registry.register("checkout_duration_seconds", "By user", per_user);
    let mut by_user = String::new();
    encode(&mut by_user, &registry).unwrap();
    // ANCHOR_END: cardinality
    let users: std::collections::BTreeSet<&str> = sent.iter().map(|s| s.user.as_str()).collect();
    println!("\nCardinality of the gateway's duration histogram:");
    println!(
        "  labels service, route:          {:>5} series",
        series_count(&b_text(&text))
    );
    println!(
        "  labels route, user_id ({} users): {:>5} series",
        users.len(),
        series_count(&by_user)
    );
}

/// The gateway's duration histogram alone, as exposition lines.
fn b_text(text: &str) -> String {
    text.lines()
        .filter(|l| {
            l.starts_with("http_request_duration_seconds") && l.contains("service=\"gateway\"")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    match std::env::args().nth(1).as_deref() {
        None | Some("logs") => logs_alone().await,
        Some("trace") => traced().await,
        Some("metrics") => match std::env::args().nth(2).map(|p| p.parse::<usize>()) {
            None => metrics(POOL_SIZE).await,
            Some(Ok(pool)) if pool > 0 => metrics(pool).await,
            Some(_) => {
                eprintln!("usage: observability metrics [pool size > 0]");
                std::process::exit(2);
            }
        },
        Some(other) => {
            eprintln!("usage: observability [logs|trace|metrics [pool]], not {other:?}");
            std::process::exit(2);
        }
    }
}
