use cdn_edge::edge::{EdgeCache, Lookup};
use cdn_edge::net::REGIONS;
use cdn_edge::run::{CHANGED_AT_S, CacheKey, stale_after_update, through_edges};

/// A cached object is a hit until its TTL runs out, then a miss that
/// fetches the origin's current version.
#[test]
fn entries_expire_after_their_ttl() {
    let mut edge = EdgeCache::new(10, 60.0);
    assert_eq!(edge.get("/a", 0.0, 1), Lookup::Miss);
    assert_eq!(edge.get("/a", 59.9, 2), Lookup::Hit { version: 1 });
    assert_eq!(edge.get("/a", 60.0, 2), Lookup::Miss);
    assert_eq!(edge.get("/a", 61.0, 3), Lookup::Hit { version: 2 });
}

/// A full cache evicts the least recently used object; a purge drops one
/// at once.
#[test]
fn the_least_recently_used_goes_first_and_purges_are_immediate() {
    let mut edge = EdgeCache::new(2, 1_000.0);
    edge.get("/a", 0.0, 1);
    edge.get("/b", 1.0, 1);
    edge.get("/a", 2.0, 1); // /a is now the most recently used
    edge.get("/c", 3.0, 1); // evicts /b
    assert_eq!(edge.len(), 2);
    assert_eq!(edge.get("/a", 4.0, 1), Lookup::Hit { version: 1 });
    assert_eq!(edge.get("/b", 5.0, 1), Lookup::Miss);
    edge.purge("/b");
    assert_eq!(edge.get("/b", 6.0, 2), Lookup::Miss);
    assert_eq!(edge.get("/b", 7.0, 3), Lookup::Hit { version: 2 });
}

/// The campaign tag is part of a full-URL key, not of a path key.
#[test]
fn a_path_key_ignores_the_query_string() {
    let url = "/img/7.jpg?utm_campaign=c3";
    assert_eq!(CacheKey::FullUrl.of(url), url);
    assert_eq!(CacheKey::PathOnly.of(url), "/img/7.jpg");
    assert_eq!(CacheKey::PathOnly.of("/img/7.jpg"), "/img/7.jpg");
}

/// The chapter's table: keying by path lifts the hit ratio in every
/// region; the hit ratio hardly depends on the region, the saving does.
#[test]
fn path_keys_hit_more_and_far_regions_save_most() {
    let full = through_edges(CacheKey::FullUrl, 1_000, 600.0);
    let path = through_edges(CacheKey::PathOnly, 1_000, 600.0);
    for (f, p) in full.iter().zip(&path) {
        assert!(p.hit_ratio > f.hit_ratio + 0.15, "{f:?} {p:?}");
        assert!((0.6..0.72).contains(&p.hit_ratio), "{p:?}");
        assert!(p.mean_ms < p.region.direct_ms());
        // A CDN does not shorten the tail unless 99% of requests hit.
        assert_eq!(p.p99_ms, p.region.direct_ms());
    }
    let saved: Vec<f64> = path
        .iter()
        .map(|p| p.region.direct_ms() - p.mean_ms)
        .collect();
    assert!(saved.windows(2).all(|w| w[0] < w[1]), "{saved:?}");
    assert_eq!(REGIONS[4].name, "asia");
}

/// Without a purge, edges serve the old image until their copies expire;
/// with a purge, never. Every PoP started empty at 0 s and refetches the
/// image, asked for about once a second, as soon as its copy expires: in
/// step, every TTL. The change at 1,500 s falls half a TTL after the last
/// refetch (just after 1,200 s), so the last old copy goes out just after
/// 1,800 s. (If a hit renewed the TTL, the old copy would never expire.)
#[test]
fn a_purge_ends_stale_copies_at_once() {
    let (stale, last) = stale_after_update(false, 1_000, 600.0);
    assert!(stale > 1_000, "{stale}");
    let half_ttl_later = CHANGED_AT_S + 300.0;
    assert!(
        (half_ttl_later..half_ttl_later + 10.0).contains(&last),
        "{last}"
    );
    assert_eq!(stale_after_update(true, 1_000, 600.0), (0, 0.0));
}
