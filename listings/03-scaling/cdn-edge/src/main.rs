//! Five regions' hour of image requests with no CDN, through edge caches
//! keyed by the full URL and by the path, and the stale copies left by an
//! update with and without a purge. Deterministic: seeded, virtual time.

use cdn_edge::net::REGIONS;
use cdn_edge::run::{CHANGED_AT_S, CacheKey, stale_after_update, through_edges};

const CAPACITY: usize = 1_000;
const TTL_S: f64 = 600.0;

fn minutes(s: f64) -> String {
    format!("{:02}:{:02}", (s / 60.0) as u64, (s % 60.0) as u64)
}

fn main() {
    println!("5 regions, 50,000 requests each over an hour, 10,000 images, origin in us-east.");
    assert_eq!(CAPACITY, 1_000, "the heading says 1,000 images");
    println!(
        "Each edge keeps 1,000 images for {TTL_S} s; 30% of URLs carry one of 50 ?utm_campaign tags."
    );
    println!();
    println!("                 no CDN   key = full URL           key = path only");
    println!("region           ms       hits    mean ms  p99 ms  hits    mean ms  p99 ms");
    let full = through_edges(CacheKey::FullUrl, CAPACITY, TTL_S);
    let path = through_edges(CacheKey::PathOnly, CAPACITY, TTL_S);
    for ((region, f), p) in REGIONS.iter().zip(&full).zip(&path) {
        println!(
            "{:<16} {:>6.0}  {:>5.1}%  {:>7.1}  {:>6.0}  {:>5.1}%  {:>7.1}  {:>6.0}",
            region.name,
            region.direct_ms(),
            100.0 * f.hit_ratio,
            f.mean_ms,
            f.p99_ms,
            100.0 * p.hit_ratio,
            p.mean_ms,
            p.p99_ms
        );
    }
    println!();
    println!(
        "Image 0 changes at {}. Old copies served after the change, all regions:",
        minutes(CHANGED_AT_S)
    );
    let (stale, last) = stale_after_update(false, CAPACITY, TTL_S);
    println!("without a purge: {stale}, the last at {}", minutes(last));
    let (stale, _) = stale_after_update(true, CAPACITY, TTL_S);
    println!("with a purge:    {stale}");
}
