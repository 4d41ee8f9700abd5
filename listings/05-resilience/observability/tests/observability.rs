//! Trace context across the three services, a malformed `traceparent`,
//! histogram_quantile, and the slow span found from the trace.

use axum::body::Body;
use axum::http::Request;
use observability::metrics::{Metrics, buckets, exact_quantile, histogram_quantile};
use observability::services::{DEMO_SEED, POOL_SIZE, SLOW_LOOKUP, Shared, apps, traffic};
use observability::trace::self_times;
use opentelemetry::trace::{SpanId, TraceId};
use opentelemetry_sdk::trace::SpanData;
use tower::ServiceExt;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .unwrap()
}

/// Sends one checkout with an optional `traceparent`; returns the status
/// and every span the three services finished.
fn checkout(traceparent: Option<&str>) -> (u16, Vec<SpanData>) {
    runtime().block_on(async {
        let sh = Shared::new(2, true);
        let (gateway, _, _) = apps(&sh);
        let mut req = Request::post("/checkout").header("authorization", "Bearer u-1");
        if let Some(tp) = traceparent {
            req = req.header("traceparent", tp);
        }
        let res = gateway
            .oneshot(req.body(Body::from("sku-1,sku-2")).unwrap())
            .await
            .unwrap();
        (
            res.status().as_u16(),
            sh.exporter.get_finished_spans().unwrap(),
        )
    })
}

fn gateway_span(spans: &[SpanData]) -> &SpanData {
    spans
        .iter()
        .find(|s| s.instrumentation_scope.name() == "gateway")
        .unwrap()
}

// ANCHOR: one_trace
#[test]
fn one_checkout_is_one_trace_across_three_services() {
    let (status, spans) = checkout(None);
    assert_eq!(status, 201);
    let trace = gateway_span(&spans).span_context.trace_id();
    assert!(spans.iter().all(|s| s.span_context.trace_id() == trace));
    let services: std::collections::BTreeSet<&str> = spans
        .iter()
        .map(|s| s.instrumentation_scope.name())
        .collect();
    assert_eq!(
        services.into_iter().collect::<Vec<_>>(),
        ["gateway", "inventory", "orders"]
    );
    // Every span but the gateway's has its parent in the same trace.
    let ids: Vec<SpanId> = spans.iter().map(|s| s.span_context.span_id()).collect();
    let orphans = spans
        .iter()
        .filter(|s| !ids.contains(&s.parent_span_id))
        .count();
    assert_eq!(orphans, 1);
}
// ANCHOR_END: one_trace

#[test]
fn a_valid_traceparent_is_continued() {
    let tp = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    let (status, spans) = checkout(Some(tp));
    assert_eq!(status, 201);
    let g = gateway_span(&spans);
    assert_eq!(
        g.span_context.trace_id(),
        TraceId::from_hex("0af7651916cd43dd8448eb211c80319c").unwrap()
    );
    assert_eq!(
        g.parent_span_id,
        SpanId::from_hex("b7ad6b7169203331").unwrap()
    );
    assert!(g.parent_span_is_remote);
}

// ANCHOR: malformed
#[test]
fn a_malformed_traceparent_starts_a_new_trace_and_the_request_succeeds() {
    let given = "0af7651916cd43dd8448eb211c80319c";
    for tp in [
        "garbage",
        "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01", // upper case
        "00-00000000000000000000000000000000-b7ad6b7169203331-01", // zero trace id
        "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01", // zero parent id
        "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", // version ff
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-x", // 00 has 4 parts
    ] {
        let (status, spans) = checkout(Some(tp));
        assert_eq!(status, 201, "{tp}");
        let g = gateway_span(&spans);
        assert_ne!(g.span_context.trace_id().to_string(), given, "{tp}");
        assert_eq!(g.parent_span_id, SpanId::INVALID, "{tp}: a new root");
    }
}
// ANCHOR_END: malformed

/// The spec wants exactly 32 and 16 hex digits; this propagator parses the
/// fields as numbers, so a short id is accepted and padded with zeros.
#[test]
fn the_sdk_propagator_accepts_short_ids() {
    let (_, spans) = checkout(Some("00-abc-def-01"));
    let g = gateway_span(&spans);
    assert_eq!(
        g.span_context.trace_id().to_string(),
        format!("{:0>32}", "abc")
    );
    assert_eq!(g.parent_span_id.to_string(), format!("{:0>16}", "def"));
}

#[test]
fn without_propagation_every_service_starts_its_own_trace() {
    let spans = runtime().block_on(async {
        let sh = Shared::new(2, false);
        let (gateway, _, _) = apps(&sh);
        let req = Request::post("/checkout").header("authorization", "Bearer u-1");
        gateway
            .oneshot(req.body(Body::from("sku-1,sku-2")).unwrap())
            .await
            .unwrap();
        sh.exporter.get_finished_spans().unwrap()
    });
    let traces: std::collections::BTreeSet<String> = spans
        .iter()
        .map(|s| s.span_context.trace_id().to_string())
        .collect();
    assert_eq!(traces.len(), 4, "gateway, orders and two inventory calls");
}

// ANCHOR: slow_span
#[test]
fn the_slowest_checkout_spent_its_time_in_the_slow_sku_lookup() {
    runtime().block_on(async {
        let sh = Shared::new(2, true);
        let sent = traffic(&sh, 2, 12, 100).await;
        let spans = sh.exporter.get_finished_spans().unwrap();
        let roots: Vec<&SpanData> = spans
            .iter()
            .filter(|s| s.parent_span_id == SpanId::INVALID)
            .collect();
        let dur = |s: &SpanData| s.end_time.duration_since(s.start_time).unwrap();
        let slowest = roots.iter().max_by_key(|s| dur(s)).unwrap();
        let max_sent = sent.iter().map(|s| s.ms).max().unwrap();
        assert_eq!(dur(slowest).as_millis() as u64, max_sent);
        let trace = slowest.span_context.trace_id();
        let ours: Vec<&SpanData> = spans
            .iter()
            .filter(|s| s.span_context.trace_id() == trace)
            .collect();
        let mut selfs = self_times(&ours);
        selfs.sort_by_key(|s| std::cmp::Reverse(s.1));
        assert_eq!(selfs[0].0, "inventory db select");
        assert_eq!(selfs[0].1, SLOW_LOOKUP.as_millis());
        // And the request span above that query names the slow SKU.
        let sku_spans: Vec<String> = ours
            .iter()
            .filter(|s| dur(s) >= SLOW_LOOKUP && s.name == "GET /reserve")
            .flat_map(|s| s.attributes.iter().map(|kv| kv.value.to_string()))
            .collect();
        assert_eq!(sku_spans, std::slice::from_ref(&sh.slow_sku));
    });
}
// ANCHOR_END: slow_span

// ANCHOR: quantile_tests
#[test]
fn histogram_quantile_interpolates_within_the_bucket() {
    // 10 under 0.1 s, 10 more under 0.2 s, 20 under 0.4 s.
    let b = [(0.1, 10), (0.2, 20), (0.4, 40), (f64::INFINITY, 40)];
    // Rank 5 of 40 is halfway through the first bucket, which starts at 0.
    assert!((histogram_quantile(0.125, &b).unwrap() - 0.05).abs() < 1e-9);
    // Rank 30 is halfway through (0.2, 0.4].
    assert!((histogram_quantile(0.75, &b).unwrap() - 0.3).abs() < 1e-9);
    assert!((histogram_quantile(0.5, &b).unwrap() - 0.2).abs() < 1e-9);
    // In the +Inf bucket, the last finite bound is all PromQL can say.
    let tail = [(0.1, 10), (0.2, 20), (f64::INFINITY, 40)];
    assert_eq!(histogram_quantile(0.99, &tail), Some(0.2));
    assert_eq!(
        histogram_quantile(0.5, &[(0.1, 0), (f64::INFINITY, 0)]),
        None
    );
    assert_eq!(histogram_quantile(1.5, &b), None);
}
// ANCHOR_END: quantile_tests

#[test]
fn the_estimate_from_exposed_buckets_stays_within_its_bucket() {
    let m = Metrics::new();
    let samples: Vec<f64> = (1..=200).map(|i| i as f64 / 1000.0).collect();
    for &s in &samples {
        m.observe("gateway", "POST /checkout", 201, s);
    }
    let b = buckets(
        &m.exposition(),
        "http_request_duration_seconds",
        "service=\"gateway\"",
    );
    assert_eq!(b.len(), 12);
    assert_eq!(b.last().unwrap().1, 200);
    let est = histogram_quantile(0.9, &b).unwrap();
    let exact = exact_quantile(0.9, &samples);
    assert!((0.1..=0.25).contains(&est) && (0.1..=0.25).contains(&exact));
    assert!(
        (est - exact).abs() > 0.01,
        "wide buckets, visible error: {est} vs {exact}"
    );
}

/// The page's edited run: with half the pool, acquires time out, orders
/// answers 503 and the gateway 502; with the pool as written, none do.
#[test]
fn halving_the_pool_turns_waits_into_timeouts_and_502s() {
    for (pool, starved) in [(POOL_SIZE, false), (POOL_SIZE / 2, true)] {
        let (timeouts, statuses, text) = runtime().block_on(async {
            let sh = Shared::with_pool(DEMO_SEED, true, pool);
            let sent = traffic(&sh, DEMO_SEED, 600, 10_000).await;
            let statuses: Vec<u16> = sent.iter().map(|s| s.status).collect();
            (
                sh.metrics.pool_timeouts.get(),
                statuses,
                sh.metrics.exposition(),
            )
        });
        let failed = statuses.iter().filter(|&&s| s != 201).count();
        assert!(
            statuses.iter().all(|&s| s == 201 || s == 502),
            "{statuses:?}"
        );
        assert_eq!(timeouts > 0, starved, "pool of {pool}: {timeouts} timeouts");
        assert_eq!(failed > 0, starved, "pool of {pool}: {failed} failed");
        assert_eq!(
            text.contains(r#"service="orders",route="POST /orders",status="503""#),
            starved
        );
    }
}
