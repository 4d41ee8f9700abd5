//! The LRU against a slow reference, each policy's eviction choice, and the
//! chapter's conclusions on the trace.

use eviction::lru::Lru;
use eviction::policies::{
    Fifo, Lfu, LruPolicy, Policy, Random, SampledLru, most_popular, optimal, ttl_only,
};
use eviction::trace::{CAPACITY, SCAN_END, hit_ratio, hit_ratio_in, trace};
use seeded::SplitMix64;

// A get makes a key the newest, so the untouched one is evicted.
#[test]
fn lru_evicts_the_least_recently_used() {
    let mut lru = Lru::new(2);
    assert_eq!(lru.put("a", 1), None);
    assert_eq!(lru.put("b", 2), None);
    assert_eq!(lru.get(&"a"), Some(&1));
    assert_eq!(lru.put("c", 3), Some(("b", 2)));
    assert_eq!(lru.keys_newest_first(), ["c", "a"]);
    // Replacing a value moves the key to the front and evicts nothing.
    assert_eq!(lru.put("a", 10), None);
    assert_eq!(lru.keys_newest_first(), ["a", "c"]);
    assert_eq!(lru.len(), 2);
}

// A cache of one keeps the last key only.
#[test]
fn lru_of_one() {
    let mut lru = Lru::new(1);
    lru.put(1, "x");
    assert_eq!(lru.put(2, "y"), Some((1, "x")));
    assert_eq!(lru.get(&1), None);
    assert_eq!(lru.get(&2), Some(&"y"));
}

// On random sequences, the O(1) LRU agrees with a slow one that keeps keys in a Vec.
#[test]
fn lru_matches_a_reference() {
    let mut rng = SplitMix64(3);
    for capacity in [1, 2, 3, 7, 16] {
        let mut fast = Lru::new(capacity);
        let mut slow: Vec<u64> = Vec::new(); // newest first
        for _ in 0..5_000 {
            let key = rng.below(24) as u64;
            let hit_fast = fast.get(&key).is_some();
            let hit_slow = slow.contains(&key);
            assert_eq!(hit_fast, hit_slow);
            if hit_slow {
                slow.retain(|&k| k != key);
            } else {
                fast.put(key, ());
                if slow.len() == capacity {
                    slow.pop();
                }
            }
            slow.insert(0, key);
            assert_eq!(fast.keys_newest_first(), slow, "capacity {capacity}");
        }
    }
}

// LFU evicts the key with the fewest uses, the older among ties.
#[test]
fn lfu_evicts_the_least_used() {
    let mut lfu = Lfu::new(2);
    for key in [1, 1, 1, 2, 2] {
        lfu.access(key);
    }
    assert!(
        !lfu.access(3),
        "3 is new: it evicts 2, used twice against 1's three"
    );
    assert!(lfu.access(1));
    assert!(!lfu.access(2), "2 was evicted");
    assert_eq!(lfu.len(), 2);
}

// Once LFU's cache is full of keys used many times, a new key comes in with one use and the
// next miss evicts it: a key that becomes the most popular of all, one request in 100, never
// gets a second use and never hits. LRU hits it nearly every time.
#[test]
fn lfu_starves_a_new_popular_key() {
    let keys = trace(false);
    let newcomer_hits = |policy: &mut dyn Policy| {
        for &key in &keys[..500_000] {
            policy.access(key);
        }
        let mut hits = 0;
        for (i, &key) in keys[500_000..600_000].iter().enumerate() {
            let key = if i % 100 == 0 { u64::MAX } else { key };
            if policy.access(key) && key == u64::MAX {
                hits += 1;
            }
        }
        hits
    };
    assert_eq!(newcomer_hits(&mut Lfu::new(CAPACITY)), 0);
    assert_eq!(newcomer_hits(&mut LruPolicy::new(CAPACITY)), 999);
}

// FIFO ignores use: the first key in is the first out, even if it is the busiest.
#[test]
fn fifo_ignores_use() {
    let mut fifo = Fifo::new(2);
    for key in [1, 2, 1, 1, 1, 3] {
        fifo.access(key);
    }
    assert!(!fifo.access(1), "1 went first, despite its hits");
}

// Every policy stays within its capacity.
#[test]
fn policies_respect_capacity() {
    let keys = &trace(false)[..50_000];
    let mut policies: Vec<Box<dyn Policy>> = vec![
        Box::new(LruPolicy::new(100)),
        Box::new(Lfu::new(100)),
        Box::new(Fifo::new(100)),
        Box::new(Random::new(100, 1)),
        Box::new(SampledLru::new(100, 5, 1)),
    ];
    for policy in &mut policies {
        for &key in keys {
            policy.access(key);
            assert!(policy.len() <= 100);
        }
        assert_eq!(policy.len(), 100);
    }
}

// Sampling many keys per eviction brings the sampled LRU to the exact LRU's hit ratio;
// sampling one key makes it a random choice.
#[test]
fn more_samples_approach_exact_lru() {
    let keys = &trace(false)[..300_000];
    let exact = hit_ratio(&mut LruPolicy::new(CAPACITY), keys);
    let many = hit_ratio(&mut SampledLru::new(CAPACITY, 64, 1), keys);
    let one = hit_ratio(&mut SampledLru::new(CAPACITY, 1, 1), keys);
    let random = hit_ratio(&mut Random::new(CAPACITY, 1), keys);
    assert!((exact - many).abs() < 0.003, "{exact} {many}");
    assert!((one - random).abs() < 0.01, "{one} {random}");
}

// No policy beats the clairvoyant one, and it hits whenever a key could stay.
#[test]
fn optimal_is_an_upper_bound() {
    let keys = &trace(false)[..200_000];
    let best = optimal(keys, CAPACITY);
    for ratio in [
        hit_ratio(&mut LruPolicy::new(CAPACITY), keys),
        hit_ratio(&mut Lfu::new(CAPACITY), keys),
        hit_ratio(&mut Random::new(CAPACITY, 1), keys),
    ] {
        assert!(ratio <= best, "{ratio} > {best}");
    }
    // a b a b ... with room for two: everything after the first two hits.
    let alternating: Vec<u64> = (0..100).map(|i| i % 2).collect();
    assert_eq!(optimal(&alternating, 2), 0.98);
    // With room for one, 2 must come in and push 1 out, so only the last request hits.
    assert_eq!(optimal(&[1, 2, 1, 1], 1), 0.25);
}

// Keeping the most requested keys fixed beats LFU, which has to learn them, and loses to
// the optimum, which also knows when each key comes back.
#[test]
fn the_fixed_top_keys_sit_between_lfu_and_the_optimum() {
    let keys = &trace(false)[..200_000];
    let fixed = most_popular(keys, CAPACITY);
    let lfu = hit_ratio(&mut Lfu::new(CAPACITY), keys);
    assert!(
        lfu < fixed && fixed < optimal(keys, CAPACITY),
        "{lfu} {fixed}"
    );
    // Room for one: keep 1 (asked for three times), whose first request misses.
    assert_eq!(most_popular(&[1, 2, 1, 3, 1], 1), 0.4);
}

// A TTL alone bounds staleness, not size: a longer TTL holds more keys.
#[test]
fn ttl_without_a_limit_grows_with_the_ttl() {
    let keys = &trace(false)[..200_000];
    let (short_ratio, short_peak) = ttl_only(keys, 1_000);
    let (long_ratio, long_peak) = ttl_only(keys, 10_000);
    assert!(long_peak > 3 * short_peak, "{short_peak} {long_peak}");
    assert!(long_ratio > short_ratio);
    // Every key is added once per TTL at most: a key asked every time hits all but once per TTL.
    let same = vec![7u64; 100];
    assert_eq!(ttl_only(&same, 10), (0.9, 1));
}

// The chapter's conclusions: LFU beats LRU on this trace, a scan hurts LRU and not LFU,
// random recovers from it slowest, and a clock that does not tick turns the sampled LRU
// into a random choice.
#[test]
fn the_chapter_conclusions_hold() {
    let plain = trace(false);
    let scanned = trace(true);
    let lru = hit_ratio(&mut LruPolicy::new(CAPACITY), &plain);
    let lfu = hit_ratio(&mut Lfu::new(CAPACITY), &plain);
    assert!(lfu > lru + 0.05, "{lfu} {lru}");
    let after = SCAN_END..SCAN_END + 2_000;
    let lru_after = hit_ratio_in(&mut LruPolicy::new(CAPACITY), &scanned, after.clone());
    let lfu_after = hit_ratio_in(&mut Lfu::new(CAPACITY), &scanned, after.clone());
    assert!(lru_after < lru - 0.05, "{lru_after} {lru}");
    assert!(lfu_after > lfu - 0.01, "{lfu_after} {lfu}");
    // All three without counts are flushed; random, which keeps evicting popular keys it has
    // just fetched back, recovers slowest.
    let fifo_after = hit_ratio_in(&mut Fifo::new(CAPACITY), &scanned, after.clone());
    let random_after = hit_ratio_in(&mut Random::new(CAPACITY, 7), &scanned, after);
    assert!(
        random_after < fifo_after && random_after < lru_after,
        "{random_after}"
    );
    let stopped = hit_ratio(
        &mut SampledLru::new(CAPACITY, 5, 7).with_tick(1_000_000),
        &plain,
    );
    let random = hit_ratio(&mut Random::new(CAPACITY, 7), &plain);
    assert!((stopped - random).abs() < 0.01, "{stopped} {random}");
}
