//! `cargo run --release -p eviction`: every policy's hit ratio on the same
//! trace, with and without a scan, and a TTL without a size limit.

use eviction::policies::{
    Fifo, Lfu, LruPolicy, Policy, Random, SampledLru, most_popular, optimal, ttl_only,
};
use eviction::trace::{CAPACITY, KEYS, REQUESTS, SCAN_END, hit_ratio, hit_ratio_in, trace};

fn percent(ratio: f64) -> String {
    format!("{:.1}%", ratio * 100.0)
}

/// The requests counted in the "after a scan" column.
const AFTER_SCAN: std::ops::Range<usize> = SCAN_END..SCAN_END + 2_000;

fn main() {
    let plain = trace(false);
    let scanned = trace(true);
    println!("{REQUESTS} requests for {KEYS} keys (Zipf, s = 1), a cache of {CAPACITY} keys (1%)");
    println!("{:<30} {:>9} {:>18}", "policy", "hit ratio", "after a scan");
    type Make = fn() -> Box<dyn Policy>;
    let policies: [(&str, Make); 6] = [
        ("LRU", || Box::new(LruPolicy::new(CAPACITY))),
        ("LFU", || Box::new(Lfu::new(CAPACITY))),
        ("FIFO", || Box::new(Fifo::new(CAPACITY))),
        ("random", || Box::new(Random::new(CAPACITY, 7))),
        ("sampled LRU (Redis, 5 samples)", || {
            Box::new(SampledLru::new(CAPACITY, 5, 7))
        }),
        ("  ... its clock ticking per 1M", || {
            Box::new(SampledLru::new(CAPACITY, 5, 7).with_tick(1_000_000))
        }),
    ];
    for (name, make) in policies {
        let on_plain = hit_ratio(make().as_mut(), &plain);
        let after_scan = hit_ratio_in(make().as_mut(), &scanned, AFTER_SCAN);
        println!(
            "{name:<30} {:>9} {:>18}",
            percent(on_plain),
            percent(after_scan)
        );
    }
    println!(
        "{:<30} {:>9} {:>18}",
        format!("fixed top {CAPACITY} (knows counts)"),
        percent(most_popular(&plain, CAPACITY)),
        "-"
    );
    println!(
        "{:<30} {:>9} {:>18}",
        "optimal (knows the future)",
        percent(optimal(&plain, CAPACITY)),
        "-"
    );
    println!("(after a scan: the 2,000 requests that follow a one-off read of 20,000 other keys)");
    println!();
    for ttl in [10_000, 100_000] {
        let (ratio, peak) = ttl_only(&plain, ttl);
        println!(
            "TTL of {ttl} requests, no size limit: hit ratio {}, up to {peak} keys held",
            percent(ratio)
        );
    }
}
