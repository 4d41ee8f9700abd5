//! The strategies and the stampede defences on the in-memory cache, on
//! tokio's paused clock. `cargo run -p caching` runs the same code on
//! Redis, and its recorded output pins that run.

use std::sync::Arc;
use std::time::Duration;

use caching::cache::{Cache, MemCache, Ttl};
use caching::db::Db;
use caching::stampede::{
    Cost, Defence, LOAD, SingleFlight, read_single_flight, servers_on_redis, stampede,
};
use caching::strategies::{
    TTL, WriteBehind, all_scenarios, behind_coalescing, read_aside, read_with_lease, write_aside,
    write_once_read_rarely,
};

fn row(o: &caching::strategies::Outcome) -> (&str, Option<&str>, &str, Ttl) {
    (o.strategy, o.cache.as_deref(), o.db.as_str(), o.ttl)
}

// Pins the strategies table: what each scenario leaves in the cache and the database.
#[tokio::test(start_paused = true)]
async fn each_scenario_leaves_what_the_table_says() {
    let cache = MemCache::new();
    let outcomes = all_scenarios(&cache).await.unwrap();
    let rows: Vec<_> = outcomes.iter().map(row).collect();
    assert_eq!(
        rows,
        [
            ("cache-aside", Some("10"), "12", Ttl::Left(TTL)),
            ("write-through", Some("11"), "12", Ttl::Never),
            ("write-around", Some("10"), "12", Ttl::Left(TTL)),
            ("write-behind", Some("13"), "10", Ttl::Left(TTL)),
            ("cache-aside", None, "12", Ttl::Missing),
        ]
    );
}

// Cache-aside heals when the stale copy expires: the read after the TTL loads the new value.
#[tokio::test(start_paused = true)]
async fn a_stale_aside_copy_lasts_one_ttl() {
    let cache = MemCache::new();
    let db = Db::with("k", "old");
    cache.set("k", "old", Some(TTL)).await.unwrap();
    db.write("k", "new");
    assert_eq!(read_aside(&cache, &db, "k").await.unwrap(), "old");
    tokio::time::sleep(TTL).await;
    assert_eq!(read_aside(&cache, &db, "k").await.unwrap(), "new");
}

// A lease that no write disturbed fills the cache; a write in between makes the fill refused.
#[tokio::test(start_paused = true)]
async fn a_lease_fill_is_refused_only_after_a_write() {
    let cache = MemCache::new();
    let db = Db::with("k", "v1");
    assert_eq!(read_with_lease(&cache, &db, "k", "t1").await.unwrap(), "v1");
    assert_eq!(cache.get("k").await.unwrap().as_deref(), Some("v1"));
    assert_eq!(
        cache.get("lease:k").await.unwrap(),
        None,
        "the lease is dropped"
    );

    write_aside(&cache, &db, "k", "v2").await.unwrap();
    assert!(cache.set_nx("lease:k", "t2", TTL).await.unwrap());
    write_aside(&cache, &db, "k", "v3").await.unwrap();
    let filled = cache
        .fill_with_lease("k", "v2", TTL, "lease:k", "t2")
        .await
        .unwrap();
    assert!(!filled);
    assert_eq!(read_with_lease(&cache, &db, "k", "t3").await.unwrap(), "v3");
}

// A reader whose lease holder died waits for the lease to expire, then loads itself.
#[tokio::test(start_paused = true)]
async fn a_dead_lease_holder_delays_but_does_not_block() {
    let cache = MemCache::new();
    let db = Db::with("k", "v1");
    assert!(
        cache
            .set_nx("lease:k", "dead", caching::strategies::LEASE_TTL)
            .await
            .unwrap()
    );
    let started = tokio::time::Instant::now();
    assert_eq!(read_with_lease(&cache, &db, "k", "t").await.unwrap(), "v1");
    assert!(started.elapsed() >= caching::strategies::LEASE_TTL);
}

// Write-behind acknowledges before the database has the write, and coalesces repeated keys.
#[tokio::test(start_paused = true)]
async fn write_behind_coalesces_and_loses_unflushed_writes() {
    let cache = MemCache::new();
    assert_eq!(behind_coalescing(&cache, 1000, 10).await.unwrap(), 10);

    let db = Db::with("k", "0");
    let mut writer = WriteBehind::default();
    writer.write(&cache, "k", "1").await.unwrap();
    writer.write(&cache, "k", "2").await.unwrap();
    assert_eq!(db.peek("k").as_deref(), Some("0"), "not flushed yet");
    assert_eq!(writer.flush(&db), 1);
    assert_eq!(db.peek("k").as_deref(), Some("2"));
    assert_eq!(db.writes(), 1);
}

// Write-through caches everything written; write-around only what is read.
#[tokio::test(start_paused = true)]
async fn write_around_caches_only_what_is_read() {
    let cache = MemCache::new();
    let [through, around] = write_once_read_rarely(&cache, 100, 5).await.unwrap();
    assert_eq!(through, (100, 0));
    assert_eq!(around, (5, 5));
}

// A cache that is down is an error for the caller, not a panic.
#[tokio::test(start_paused = true)]
async fn a_cache_that_is_down_is_an_error() {
    let cache = MemCache::new();
    let db = Db::with("k", "v");
    cache.set_down(true);
    assert!(read_aside(&cache, &db, "k").await.is_err());
    assert!(all_scenarios(&cache).await.is_err());
}

// Pins the stampede table.
#[tokio::test(start_paused = true)]
async fn stampede_costs() {
    let mut costs = Vec::new();
    for defence in Defence::ALL {
        costs.push(stampede(defence, 1000).await.unwrap());
    }
    assert_eq!(
        costs,
        [
            Cost {
                loads: 1000,
                waited: 1000
            },
            Cost {
                loads: 1,
                waited: 1000
            },
            Cost {
                loads: 1,
                waited: 1000
            },
            Cost {
                loads: 1,
                waited: 0
            },
        ]
    );
}

// One single-flight per server cannot see the others; a lease in the shared cache can.
#[tokio::test(start_paused = true)]
async fn servers_share_a_lease_but_not_a_single_flight() {
    let shared = MemCache::new();
    assert_eq!(servers_on_redis(&shared, 8, 125).await.unwrap(), [8, 1]);
    assert_eq!(servers_on_redis(&shared, 3, 1).await.unwrap(), [3, 1]);
}

// A single-flight whose leader is cancelled mid-load still answers the others: one of them loads instead.
#[tokio::test(start_paused = true)]
async fn a_cancelled_leader_hands_the_load_on() {
    let cache = MemCache::new();
    let db = Arc::new(Db::with("k", "v").slow(LOAD));
    let flights = Arc::new(SingleFlight::default());
    let leader = {
        let (cache, db, flights) = (cache.clone(), db.clone(), flights.clone());
        tokio::spawn(async move { read_single_flight(&cache, &db, &flights, "k").await })
    };
    tokio::time::sleep(Duration::from_millis(1)).await;
    let follower = {
        let (cache, db, flights) = (cache.clone(), db.clone(), flights.clone());
        tokio::spawn(async move { read_single_flight(&cache, &db, &flights, "k").await })
    };
    tokio::time::sleep(Duration::from_millis(10)).await;
    leader.abort();
    assert_eq!(follower.await.unwrap().unwrap(), "v");
    assert_eq!(cache.get("k").await.unwrap().as_deref(), Some("v"));
}

// Concurrent misses for different keys do not wait for each other.
#[tokio::test(start_paused = true)]
async fn single_flight_is_per_key() {
    let cache = MemCache::new();
    let db = Arc::new(Db::with("a", "1").slow(LOAD));
    db.write("b", "2");
    let flights = SingleFlight::default();
    let started = tokio::time::Instant::now();
    let (a, b) = tokio::join!(
        read_single_flight(&cache, &db, &flights, "a"),
        read_single_flight(&cache, &db, &flights, "b"),
    );
    assert_eq!((a.unwrap().as_str(), b.unwrap().as_str()), ("1", "2"));
    assert_eq!(started.elapsed(), LOAD, "the two loads overlapped");
}
