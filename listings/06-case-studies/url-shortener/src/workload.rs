//! A deterministic, skewed request mix and the cache comparison.
//!
//! Link popularity is heavy-tailed: a few links get most clicks. We model
//! it with a Zipf distribution (the k-th most popular link gets weight
//! 1/k) drawn from a seeded SplitMix64, so every run sees the same
//! requests on every machine and Rust version.

use std::time::Duration;

use crate::cache::CachedStore;
use crate::shortener::{Config, RedirectKind, Shortener};
use crate::store::{InMemoryStore, LinkStore, SlowStore};

/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014): tiny, fast, and defined by these constants,
/// so its output never changes under us.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

// ANCHOR: zipf
/// Samples ranks 0..n with P(rank k) proportional to 1/(k+1), using
/// integer weights only so that no float rounding can differ by platform.
#[derive(Debug, Clone)]
pub struct Zipf {
    /// cumulative[k] = sum of the weights of ranks 0..=k
    cumulative: Vec<u64>,
}

impl Zipf {
    pub fn new(n: usize) -> Self {
        const SCALE: u64 = 1 << 40;
        let mut total = 0u64;
        let cumulative = (1..=n as u64)
            .map(|rank| {
                total += SCALE / rank;
                total
            })
            .collect();
        Zipf { cumulative }
    }

    /// Share of all requests that go to the `k` most popular ranks: the
    /// hit rate of an ideal cache that always holds exactly those.
    pub fn top_share(&self, k: usize) -> f64 {
        let total = *self.cumulative.last().unwrap_or(&0);
        if total == 0 || k == 0 {
            return 0.0;
        }
        let top = self.cumulative[k.min(self.cumulative.len()) - 1];
        top as f64 / total as f64
    }

    pub fn sample(&self, rng: &mut SplitMix64) -> usize {
        let total = *self.cumulative.last().unwrap_or(&0);
        if total == 0 {
            return 0;
        }
        // Modulo bias is below total / 2^64, about one part in a million.
        let x = rng.next_u64() % total;
        self.cumulative.partition_point(|&c| c <= x)
    }
}
// ANCHOR_END: zipf

/// What one side of the comparison measured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunStats {
    pub requests: u64,
    pub store_reads: u64,
    pub virtual_latency: Duration,
}

/// The knobs of the experiment.
#[derive(Debug, Clone, Copy)]
pub struct Workload {
    pub links: usize,
    pub requests: usize,
    pub cache_capacity: usize,
    pub store_latency: Duration,
    pub seed: u64,
}

// ANCHOR: workload
impl Workload {
    pub const DEFAULT: Workload = Workload {
        links: 10_000,
        requests: 50_000,
        cache_capacity: 500,
        store_latency: Duration::from_millis(5),
        seed: 42,
    };
}
// ANCHOR_END: workload

fn config() -> Config {
    Config {
        base_url: "https://sho.rt".to_string(),
        redirect: RedirectKind::Temporary,
    }
}

/// Creates `w.links` links, then resolves the seeded Zipf mix and measures
/// the virtual time the resolves took. Must run on tokio's paused clock.
async fn run<S: LinkStore>(app: &Shortener<S>, w: &Workload) -> (u64, Duration) {
    let mut codes = Vec::with_capacity(w.links);
    for i in 0..w.links {
        let url = format!("https://example.com/article/{i}");
        match app.create(&url, None).await {
            Ok(link) => codes.push(link.code),
            Err(err) => unreachable!("valid URL rejected: {err}"),
        }
    }
    let zipf = Zipf::new(w.links);
    let mut rng = SplitMix64::new(w.seed);
    let mut found = 0;
    let start = tokio::time::Instant::now();
    for _ in 0..w.requests {
        let code = &codes[zipf.sample(&mut rng)];
        if app.resolve(code).await.is_ok() {
            found += 1;
        }
    }
    (found, start.elapsed())
}

// ANCHOR: compare
/// The same request mix against the slow store alone, then with an LRU in
/// front of it.
pub async fn compare(w: &Workload) -> (RunStats, RunStats) {
    (without_cache(w).await, with_cache(w).await)
}

async fn without_cache(w: &Workload) -> RunStats {
    let app = Shortener::new(
        SlowStore::new(InMemoryStore::new(), w.store_latency),
        config(),
    );
    let (found, elapsed) = run(&app, w).await;
    RunStats {
        requests: found,
        store_reads: app.store().reads(),
        virtual_latency: elapsed,
    }
}

async fn with_cache(w: &Workload) -> RunStats {
    let app = Shortener::new(
        CachedStore::new(
            SlowStore::new(InMemoryStore::new(), w.store_latency),
            w.cache_capacity,
        ),
        config(),
    );
    let (found, elapsed) = run(&app, w).await;
    RunStats {
        requests: found,
        store_reads: app.store().inner().reads(),
        virtual_latency: elapsed,
    }
}
// ANCHOR_END: compare

#[cfg(test)]
mod tests {
    use super::*;

    // Pins SplitMix64's first output for seed 0 (the reference value from
    // the published algorithm), so a changed constant is caught.
    #[test]
    fn splitmix_reference_value() {
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
    }

    // Pins the skew: rank 0 is drawn about H(1000) ~ 7.5 times less often
    // than all others together, and far more often than rank 999.
    #[test]
    fn zipf_is_skewed_and_in_range() {
        let zipf = Zipf::new(1000);
        let mut rng = SplitMix64::new(7);
        let mut counts = vec![0u32; 1000];
        for _ in 0..100_000 {
            counts[zipf.sample(&mut rng)] += 1;
        }
        // Expected share of rank 0 is 1 / H(1000) = 13.4%.
        assert!((12_500..14_500).contains(&counts[0]), "{}", counts[0]);
        assert!(counts[0] > 50 * counts[999].max(1));
    }

    // Pins that an empty distribution does not panic.
    #[test]
    fn zipf_of_nothing_returns_zero() {
        assert_eq!(Zipf::new(0).sample(&mut SplitMix64::new(1)), 0);
        assert_eq!(Zipf::new(0).top_share(5), 0.0);
    }

    // Pins top_share: the top 1 of 2 ranks holds 2/3 (weights 1 and 1/2),
    // and asking for more ranks than exist gives everything.
    #[test]
    fn zipf_top_share() {
        let zipf = Zipf::new(2);
        assert!((zipf.top_share(1) - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(zipf.top_share(2), 1.0);
        assert_eq!(zipf.top_share(10), 1.0);
    }

    // Pins the comparison: same requests, fewer store reads with the cache,
    // and virtual latency exactly reads x latency.
    #[tokio::test(start_paused = true)]
    async fn cache_cuts_store_reads() {
        let w = Workload {
            links: 200,
            requests: 2_000,
            cache_capacity: 50,
            ..Workload::DEFAULT
        };
        let (naive, cached) = compare(&w).await;
        assert_eq!(naive.requests, 2_000);
        assert_eq!(cached.requests, 2_000);
        assert_eq!(naive.store_reads, 2_000);
        assert!(cached.store_reads < naive.store_reads / 2);
        assert_eq!(naive.virtual_latency, w.store_latency * 2_000);
        assert_eq!(
            cached.virtual_latency,
            w.store_latency * cached.store_reads as u32
        );
    }

    // Pins the figures the chapter reveals after "give the cache four times
    // the memory": hit rates at 1,000, 2,000 and 10,000 entries, and the
    // store's reads at 2,000 (the recorded output has the 500-entry run).
    #[tokio::test(start_paused = true)]
    async fn bigger_caches_pay_less_and_less() {
        let hit_rate = |stats: &RunStats| {
            let hits = stats.requests - stats.store_reads;
            format!("{:.1}%", 100.0 * hits as f64 / stats.requests as f64)
        };
        let mut seen = Vec::new();
        for capacity in [1_000, 2_000, 10_000] {
            let w = Workload {
                cache_capacity: capacity,
                ..Workload::DEFAULT
            };
            let cached = with_cache(&w).await;
            seen.push((capacity, hit_rate(&cached), cached.store_reads));
        }
        assert_eq!(seen[0].1, "66.7%");
        assert_eq!((seen[1].1.as_str(), seen[1].2), ("75.4%", 12_319));
        assert_eq!(seen[2].1, "86.3%");
    }

    // Pins determinism: two runs with one seed measure the same thing.
    #[tokio::test(start_paused = true)]
    async fn same_seed_same_numbers() {
        let w = Workload {
            links: 100,
            requests: 500,
            cache_capacity: 10,
            ..Workload::DEFAULT
        };
        assert_eq!(compare(&w).await, compare(&w).await);
    }
}
