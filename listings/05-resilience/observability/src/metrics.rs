//! RED metrics per route, USE metrics for the inventory's connection pool,
//! and histogram_quantile as PromQL computes it from the exposition.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

/// Bucket upper bounds in seconds: Prometheus client libraries' defaults.
pub const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

// ANCHOR: red
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct Route {
    pub service: String,
    pub route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteStatus {
    pub service: String,
    pub route: String,
    pub status: u16,
}

#[derive(Clone)]
pub struct Metrics {
    /// Rate and Errors: one counter per route and status code.
    pub requests: Family<RouteStatus, Counter>,
    /// Duration: one histogram per route.
    pub duration: Family<Route, Histogram>,
    /// USE for the inventory's database pool.
    pub pool_size: Gauge,
    pub pool_in_use: Gauge,
    pub pool_waiting: Gauge,
    pub pool_busy_ms: Counter,
    pub pool_wait_ms: Counter,
    pub pool_timeouts: Counter,
}
// ANCHOR_END: red

fn histogram() -> Histogram {
    Histogram::new(BUCKETS)
}

impl Metrics {
    pub fn new() -> Metrics {
        Metrics {
            requests: Family::default(),
            duration: Family::new_with_constructor(histogram as fn() -> Histogram),
            pool_size: Gauge::default(),
            pool_in_use: Gauge::default(),
            pool_waiting: Gauge::default(),
            pool_busy_ms: Counter::default(),
            pool_wait_ms: Counter::default(),
            pool_timeouts: Counter::default(),
        }
    }

    pub fn observe(&self, service: &str, route: &str, status: u16, seconds: f64) {
        let (service, route) = (service.to_string(), route.to_string());
        let labels = RouteStatus {
            service: service.clone(),
            route: route.clone(),
            status,
        };
        self.requests.get_or_create(&labels).inc();
        self.duration
            .get_or_create(&Route { service, route })
            .observe(seconds);
    }

    pub fn registry(&self) -> Registry {
        let mut r = Registry::default();
        r.register(
            "http_requests",
            "Requests by route and status",
            self.requests.clone(),
        );
        r.register(
            "http_request_duration_seconds",
            "Request duration by route",
            self.duration.clone(),
        );
        r.register(
            "db_pool_size",
            "Connections in the pool",
            self.pool_size.clone(),
        );
        r.register(
            "db_pool_in_use",
            "Connections checked out now",
            self.pool_in_use.clone(),
        );
        r.register(
            "db_pool_waiting",
            "Callers waiting for a connection now",
            self.pool_waiting.clone(),
        );
        r.register(
            "db_pool_busy_ms",
            "Connection-milliseconds checked out",
            self.pool_busy_ms.clone(),
        );
        r.register(
            "db_pool_wait_ms",
            "Milliseconds callers spent waiting",
            self.pool_wait_ms.clone(),
        );
        r.register(
            "db_pool_acquire_timeouts",
            "Callers that gave up waiting",
            self.pool_timeouts.clone(),
        );
        r
    }

    /// The text exposition a Prometheus server scrapes from /metrics.
    pub fn exposition(&self) -> String {
        let mut out = String::new();
        encode(&mut out, &self.registry()).expect("writing to a String cannot fail");
        out
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

/// The number of time series in an exposition: one per sample line.
pub fn series_count(exposition: &str) -> usize {
    exposition
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .count()
}

/// The cumulative `(le, count)` pairs of one histogram in an exposition,
/// selected by a label fragment such as `service="gateway"`.
pub fn buckets(exposition: &str, metric: &str, selector: &str) -> Vec<(f64, u64)> {
    let prefix = format!("{metric}_bucket{{");
    exposition
        .lines()
        .filter(|l| l.starts_with(&prefix) && l.contains(selector))
        .filter_map(|l| {
            let le = l.split("le=\"").nth(1)?.split('"').next()?;
            let le = if le == "+Inf" {
                f64::INFINITY
            } else {
                le.parse().ok()?
            };
            let count = l.rsplit(' ').next()?.parse().ok()?;
            Some((le, count))
        })
        .collect()
}

// ANCHOR: quantile
/// PromQL's histogram_quantile over cumulative buckets sorted by `le`: find
/// the bucket holding the q-th observation, then assume its observations
/// are spread evenly between the bucket's bounds.
pub fn histogram_quantile(q: f64, buckets: &[(f64, u64)]) -> Option<f64> {
    let total = buckets.last()?.1;
    if total == 0 || !(0.0..=1.0).contains(&q) {
        return None;
    }
    let rank = q * total as f64;
    let i = buckets.iter().position(|&(_, c)| c as f64 >= rank)?;
    let (upper, count) = buckets[i];
    if upper.is_infinite() {
        // Above the last finite bound nothing is known: report that bound.
        return Some(buckets[buckets.len().saturating_sub(2)].0);
    }
    let (lower, below) = if i == 0 { (0.0, 0) } else { buckets[i - 1] };
    let in_bucket = (count - below) as f64;
    Some(lower + (upper - lower) * (rank - below as f64) / in_bucket)
}
// ANCHOR_END: quantile

/// The exact quantile of raw samples (nearest rank), for comparison.
pub fn exact_quantile(q: f64, samples: &[f64]) -> f64 {
    let mut s = samples.to_vec();
    s.sort_by(f64::total_cmp);
    let rank = ((q * s.len() as f64).ceil() as usize).clamp(1, s.len());
    s[rank - 1]
}
