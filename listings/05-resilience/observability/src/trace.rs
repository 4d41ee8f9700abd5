//! OpenTelemetry plumbing: seeded ids, simulated timestamps, `traceparent`
//! in and out of HTTP headers, and the collected trace drawn as a tree.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::http::{HeaderMap, HeaderName, HeaderValue};
use opentelemetry::propagation::{Extractor, Injector};
use opentelemetry::trace::{SpanId, TraceId};
use opentelemetry_sdk::trace::{IdGenerator, SpanData};
use seeded::SplitMix64;

// ANCHOR: ids
/// Trace and span ids from a seeded generator, so every run prints the same
/// ids. Production uses `RandomIdGenerator`: ids must be unique, not secret.
pub struct SeededIds(pub Mutex<SplitMix64>);

impl std::fmt::Debug for SeededIds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SeededIds")
    }
}

impl IdGenerator for SeededIds {
    fn new_trace_id(&self) -> TraceId {
        let mut rng = self.0.lock().unwrap();
        let hi = u128::from(rng.next_u64());
        TraceId::from(hi << 64 | u128::from(rng.next_u64()))
    }
    fn new_span_id(&self) -> SpanId {
        SpanId::from(self.0.lock().unwrap().next_u64())
    }
}
// ANCHOR_END: ids

/// Simulated wall time: the paused clock's elapsed time after the Unix
/// epoch, so span timestamps are the same on every run.
pub fn sim_time(start: tokio::time::Instant) -> SystemTime {
    UNIX_EPOCH + start.elapsed()
}

// ANCHOR: headers
/// Lets the propagator write `traceparent` into an outgoing request.
pub struct HeaderInjector<'a>(pub &'a mut HeaderMap);

impl Injector for HeaderInjector<'_> {
    fn set(&mut self, key: &str, value: String) {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(key.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            self.0.insert(name, value);
        }
    }
}

/// Lets the propagator read `traceparent` from an incoming request.
pub struct HeaderExtractor<'a>(pub &'a HeaderMap);

impl Extractor for HeaderExtractor<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(|v| v.to_str().ok())
    }
    fn keys(&self) -> Vec<&str> {
        self.0.keys().map(HeaderName::as_str).collect()
    }
}
// ANCHOR_END: headers

fn ms(d: Duration) -> u128 {
    d.as_millis()
}

/// When a span started, in simulated milliseconds.
pub fn start_ms(s: &SpanData) -> u128 {
    ms(s.start_time.duration_since(UNIX_EPOCH).unwrap_or_default())
}

/// How long a span took, in simulated milliseconds.
pub fn duration_ms(s: &SpanData) -> u128 {
    ms(s.end_time.duration_since(s.start_time).unwrap_or_default())
}

/// `service name [attributes]`.
pub fn label(s: &SpanData) -> String {
    let attrs: Vec<String> = s
        .attributes
        .iter()
        .map(|kv| format!("{}={}", kv.key, kv.value))
        .collect();
    let mut name = format!("{} {}", s.instrumentation_scope.name(), s.name);
    if !attrs.is_empty() {
        name.push_str(&format!(" [{}]", attrs.join(" ")));
    }
    name
}

// ANCHOR: self_time
/// Each span's self time: its duration minus the time covered by its
/// children. The span with the most self time is where the request waited.
pub fn self_times(spans: &[&SpanData]) -> Vec<(String, u128)> {
    spans
        .iter()
        .map(|s| {
            let id = s.span_context.span_id();
            let mut covered: Vec<(u128, u128)> = spans
                .iter()
                .filter(|c| c.parent_span_id == id)
                .map(|c| (start_ms(c), start_ms(c) + duration_ms(c)))
                .collect();
            covered.sort();
            // Children may overlap (calls in parallel): count their union.
            let (mut total, mut reach) = (0, start_ms(s));
            for (a, b) in covered {
                let a = a.max(reach);
                if b > a {
                    total += b - a;
                    reach = b;
                }
            }
            (label(s), duration_ms(s).saturating_sub(total))
        })
        .collect()
}
// ANCHOR_END: self_time

/// The spans of one trace in tree order (children by start time), each
/// with its depth.
pub fn ordered<'a>(spans: &[&'a SpanData]) -> Vec<(usize, &'a SpanData)> {
    let mut children: HashMap<SpanId, Vec<&SpanData>> = HashMap::new();
    let ids: Vec<SpanId> = spans.iter().map(|s| s.span_context.span_id()).collect();
    let mut roots = Vec::new();
    for s in spans {
        if ids.contains(&s.parent_span_id) {
            children.entry(s.parent_span_id).or_default().push(s);
        } else {
            roots.push(*s);
        }
    }
    fn walk<'a>(
        s: &'a SpanData,
        depth: usize,
        children: &HashMap<SpanId, Vec<&'a SpanData>>,
        out: &mut Vec<(usize, &'a SpanData)>,
    ) {
        out.push((depth, s));
        let mut kids = children
            .get(&s.span_context.span_id())
            .cloned()
            .unwrap_or_default();
        kids.sort_by_key(|c| (start_ms(c), duration_ms(c)));
        for c in kids {
            walk(c, depth + 1, children, out);
        }
    }
    roots.sort_by_key(|s| start_ms(s));
    let mut out = Vec::new();
    for r in roots {
        walk(r, 0, &children, &mut out);
    }
    out
}

/// The spans of one trace as an indented tree, children in start order.
pub fn tree(spans: &[&SpanData]) -> Vec<String> {
    let order = ordered(spans);
    let t0 = order.iter().map(|(_, s)| start_ms(s)).min().unwrap_or(0);
    order
        .iter()
        .map(|(depth, s)| {
            format!(
                "{:>5} ms {:>5} ms  {}{}",
                start_ms(s) - t0,
                duration_ms(s),
                "  ".repeat(*depth),
                label(s)
            )
        })
        .collect()
}
