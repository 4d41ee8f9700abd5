//! The workload and the measurements: seeded, on virtual time, so every
//! number is the same on every run.

use seeded::{SplitMix64, Zipf};

use crate::edge::{EdgeCache, Lookup};
use crate::net::{REGIONS, Region};

pub const OBJECTS: usize = 10_000;
pub const REQUESTS_PER_REGION: usize = 50_000;
pub const HOUR_S: f64 = 3600.0;
/// Share of requests whose URL carries a campaign tag, and how many
/// different campaigns there are.
pub const TAGGED: f64 = 0.3;
pub const CAMPAIGNS: u64 = 50;
/// When image 0 is replaced at the origin.
pub const CHANGED_AT_S: f64 = 1_500.0;

/// One reader's request: when, which image, and its URL.
pub struct Request {
    pub at_s: f64,
    pub image: usize,
    pub url: String,
}

// ANCHOR: workload
/// A region's hour of requests. Each region draws from the same catalogue
/// with its own seed, so every region has the same popular images.
pub fn requests(region: usize) -> Vec<Request> {
    let mut rng = SplitMix64(1_000 + region as u64);
    let zipf = Zipf::new(OBJECTS);
    let gap = HOUR_S / REQUESTS_PER_REGION as f64;
    let mut now = 0.0;
    (0..REQUESTS_PER_REGION)
        .map(|_| {
            now += rng.exponential(gap);
            let image = zipf.sample(&mut rng);
            let mut url = format!("/img/{image}.jpg");
            if rng.unit() <= TAGGED {
                url.push_str(&format!("?utm_campaign=c{}", rng.below(CAMPAIGNS as usize)));
            }
            Request {
                at_s: now,
                image,
                url,
            }
        })
        .collect()
}
// ANCHOR_END: workload

// ANCHOR: key
/// What the edge caches a response under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheKey {
    /// The whole URL, query string included (the default of most CDNs).
    FullUrl,
    /// The path only: the campaign tag does not change the image.
    PathOnly,
}

impl CacheKey {
    pub fn of(self, url: &str) -> &str {
        match self {
            CacheKey::FullUrl => url,
            CacheKey::PathOnly => url.split('?').next().unwrap_or(url),
        }
    }
}
// ANCHOR_END: key

/// A region's hit ratio and latencies through its edge.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionReport {
    pub region: Region,
    pub hit_ratio: f64,
    pub mean_ms: f64,
    pub p99_ms: f64,
}

/// Every region's hour through an edge cache of `capacity` images kept for
/// `ttl_s` seconds, with the given cache key.
pub fn through_edges(key: CacheKey, capacity: usize, ttl_s: f64) -> Vec<RegionReport> {
    REGIONS
        .iter()
        .enumerate()
        .map(|(i, region)| {
            let mut edge = EdgeCache::new(capacity, ttl_s);
            let mut hits = 0;
            let mut latencies: Vec<f64> = requests(i)
                .iter()
                .map(|request| {
                    let hit = matches!(
                        edge.get(key.of(&request.url), request.at_s, 1),
                        Lookup::Hit { .. }
                    );
                    hits += usize::from(hit);
                    region.via_edge_ms(hit)
                })
                .collect();
            latencies.sort_by(f64::total_cmp);
            RegionReport {
                region: *region,
                hit_ratio: hits as f64 / latencies.len() as f64,
                mean_ms: latencies.iter().sum::<f64>() / latencies.len() as f64,
                p99_ms: latencies[latencies.len() * 99 / 100],
            }
        })
        .collect()
}

// ANCHOR: purge
/// Image 0, the most popular, is replaced at the origin 25 minutes into
/// the hour. Returns how many responses, across all regions, still carried
/// the old version, and the last moment one did, with or without a purge
/// of every edge at the moment of the change.
pub fn stale_after_update(purge: bool, capacity: usize, ttl_s: f64) -> (usize, f64) {
    let changed_at = CHANGED_AT_S;
    let mut stale = 0;
    let mut last_stale = 0.0;
    for region in 0..REGIONS.len() {
        let mut edge = EdgeCache::new(capacity, ttl_s);
        let mut purged = false;
        for request in requests(region) {
            let key = CacheKey::PathOnly.of(&request.url);
            if purge && !purged && request.at_s >= changed_at {
                edge.purge("/img/0.jpg");
                purged = true;
            }
            let version = if request.at_s >= changed_at { 2 } else { 1 };
            let old = edge.get(key, request.at_s, version) == Lookup::Hit { version: 1 };
            if old && request.image == 0 && request.at_s >= changed_at {
                stale += 1;
                last_stale = f64::max(last_stale, request.at_s);
            }
        }
    }
    (stale, last_stale)
}
// ANCHOR_END: purge
