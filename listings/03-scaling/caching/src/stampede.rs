//! A stampede: a hot key expires and every request for it misses at once.
//! Four defences on one process (on tokio's paused clock, so the run is
//! exact), then many servers sharing one Redis.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::OnceCell;
use tokio::time::Instant;

use crate::cache::{Cache, CacheError, MemCache, Ttl};
use crate::db::Db;
use crate::strategies::{TTL, read_aside, read_with_lease};

/// How long one database load takes in the stampede runs.
pub const LOAD: Duration = Duration::from_millis(100);
/// Refresh-ahead reloads a key read when less than this is left of its TTL.
pub const REFRESH_WINDOW: Duration = Duration::from_secs(15);

/// One load in the air: the callers that share it wait on the cell.
type Flight = Arc<OnceCell<Result<String, CacheError>>>;

// ANCHOR: single_flight
/// Single-flight: concurrent loads of one key in this process share one
/// call. The first caller's `load` runs; the others wait for its result.
#[derive(Default)]
pub struct SingleFlight {
    flights: Mutex<HashMap<String, Flight>>,
}

impl SingleFlight {
    pub async fn run(
        &self,
        key: &str,
        load: impl Future<Output = Result<String, CacheError>>,
    ) -> Result<String, CacheError> {
        let flight = Arc::clone(self.lock().entry(key.to_string()).or_default());
        // OnceCell runs one initialiser at a time: if it is cancelled, the
        // next waiter's runs instead.
        let result = flight.get_or_init(|| load).await.clone();
        // This flight has landed: the next miss starts a new one.
        let mut flights = self.lock();
        if flights.get(key).is_some_and(|f| Arc::ptr_eq(f, &flight)) {
            flights.remove(key);
        }
        result
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Flight>> {
        self.flights.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Cache-aside read whose misses go through `flights`.
pub async fn read_single_flight(
    cache: &impl Cache,
    db: &Db,
    flights: &SingleFlight,
    key: &str,
) -> Result<String, CacheError> {
    if let Some(value) = cache.get(key).await? {
        return Ok(value);
    }
    flights
        .run(key, async {
            // A flight that starts just after another landed finds its value.
            if let Some(value) = cache.get(key).await? {
                return Ok(value);
            }
            let value = db.load(key).await;
            cache.set(key, &value, Some(TTL)).await?;
            Ok(value)
        })
        .await
}
// ANCHOR_END: single_flight

// ANCHOR: refresh_ahead
/// Refresh-ahead: a read that finds less than [`REFRESH_WINDOW`] left of
/// the TTL answers from the cache at once and reloads the key in the
/// background.
pub async fn read_refresh_ahead(
    cache: &MemCache,
    db: &Arc<Db>,
    key: &str,
) -> Result<String, CacheError> {
    let Some(value) = cache.get(key).await? else {
        // A real miss: load while the reader waits, as cache-aside does.
        let value = db.load(key).await;
        cache.set(key, &value, Some(TTL)).await?;
        return Ok(value);
    };
    if let Ttl::Left(left) = cache.ttl(key).await?
        && left < REFRESH_WINDOW
        // One refresh per key at a time.
        && cache.set_nx(&format!("refreshing:{key}"), "1", LOAD * 10).await?
    {
        let (cache, db, key) = (cache.clone(), Arc::clone(db), key.to_string());
        tokio::spawn(async move {
            let fresh = db.load(&key).await;
            // A failed refresh leaves the old copy to expire as usual.
            let _ = cache.set(&key, &fresh, Some(TTL)).await;
            let _ = cache.del(&[&format!("refreshing:{key}")]).await;
        });
    }
    Ok(value)
}
// ANCHOR_END: refresh_ahead

/// The defences compared on one process.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Defence {
    /// Plain cache-aside: every miss loads.
    None,
    SingleFlight,
    /// moka's `get_with`, which coalesces concurrent loads of a key.
    Moka,
    RefreshAhead,
}

impl Defence {
    pub const ALL: [Defence; 4] = [
        Defence::None,
        Defence::SingleFlight,
        Defence::Moka,
        Defence::RefreshAhead,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Defence::None => "cache-aside, every miss loads",
            Defence::SingleFlight => "single-flight in the process",
            Defence::Moka => "moka's get_with (read-through)",
            Defence::RefreshAhead => "refresh-ahead (15 s window)",
        }
    }
}

/// What one stampede cost: database loads, and requests that waited for one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cost {
    pub loads: u64,
    pub waited: usize,
}

// ANCHOR: stampede
/// A hot key is cached at 0 s with a 60 s TTL, read once at 50 s, then
/// `requests` readers ask for it together at 60 s, the moment it expires.
/// Run on tokio's paused clock: sleeps take no real time.
pub async fn stampede(defence: Defence, requests: usize) -> Result<Cost, CacheError> {
    let db = Arc::new(Db::with("hot", "v1").slow(LOAD));
    let cache = MemCache::new();
    let flights = Arc::new(SingleFlight::default());
    let moka: moka::future::Cache<String, String> =
        moka::future::Cache::builder().max_capacity(1000).build();
    let read = {
        let (db, cache, flights, moka) = (db.clone(), cache.clone(), flights.clone(), moka.clone());
        move || {
            let (db, cache, flights, moka) =
                (db.clone(), cache.clone(), flights.clone(), moka.clone());
            async move {
                match defence {
                    Defence::None => read_aside(&cache, &db, "hot").await,
                    Defence::SingleFlight => read_single_flight(&cache, &db, &flights, "hot").await,
                    Defence::Moka => Ok(moka.get_with("hot".to_string(), db.load("hot")).await),
                    Defence::RefreshAhead => read_refresh_ahead(&cache, &db, "hot").await,
                }
            }
        }
    };
    read().await?;
    // The clock starts when the key is cached.
    let filled = Instant::now();
    tokio::time::sleep_until(filled + Duration::from_secs(50)).await;
    read().await?;
    tokio::time::sleep_until(filled + TTL).await;
    // moka has its own clock, which the paused tokio clock does not move:
    // the expiry at 60 s is an invalidation for it.
    if defence == Defence::Moka {
        moka.invalidate("hot").await;
    }
    let mut readers = tokio::task::JoinSet::new();
    for _ in 0..requests {
        let read = read.clone();
        readers.spawn(async move {
            let asked = Instant::now();
            read().await.map(|_| asked.elapsed())
        });
    }
    let mut waited = 0;
    while let Some(took) = readers.join_next().await {
        let took = took.map_err(|e| CacheError(format!("a reader panicked: {e}")))??;
        if took > Duration::ZERO {
            waited += 1;
        }
    }
    // Let a background refresh finish before counting.
    tokio::time::sleep(LOAD * 2).await;
    Ok(Cost {
        // Every load after the first one at 0 s.
        loads: db.reads() - 1,
        waited,
    })
}
// ANCHOR_END: stampede

// ANCHOR: servers
/// `servers` servers, `per_server` requests each, all for the hot key just
/// after it expired, and every request looks in Redis before the first
/// load ends (the database makes sure). Returns the database loads with a
/// single-flight in each server, then with a lease in Redis. The requests
/// are tasks on this thread (a `LocalSet`), so the cache's futures need
/// not be `Send`.
pub async fn servers_on_redis<C: Cache + Clone + 'static>(
    cache: &C,
    servers: usize,
    per_server: usize,
) -> Result<[u64; 2], CacheError> {
    tokio::task::LocalSet::new()
        .run_until(servers_run(cache, servers, per_server))
        .await
}

async fn servers_run<C: Cache + Clone + 'static>(
    cache: &C,
    servers: usize,
    per_server: usize,
) -> Result<[u64; 2], CacheError> {
    let mut loads = [0; 2];
    for (i, leased) in [false, true].into_iter().enumerate() {
        cache.del(&["hot", "lease:hot"]).await?;
        let db = Arc::new(Db::with("hot", "v1").slow(LOAD).gated(servers * per_server));
        let mut requests = tokio::task::JoinSet::new();
        for server in 0..servers {
            // One single-flight per server.
            let flights = Arc::new(SingleFlight::default());
            for request in 0..per_server {
                let cache = FirstLookup::new(cache.clone(), Arc::clone(&db));
                let (db, flights) = (Arc::clone(&db), Arc::clone(&flights));
                let token = format!("server-{server}-request-{request}");
                requests.spawn_local(async move {
                    if leased {
                        read_with_lease(&cache, &db, "hot", &token).await
                    } else {
                        read_single_flight(&cache, &db, &flights, "hot").await
                    }
                });
            }
        }
        while let Some(done) = requests.join_next().await {
            done.map_err(|e| CacheError(format!("a request panicked: {e}")))??;
        }
        loads[i] = db.reads();
    }
    cache.del(&["hot", "lease:hot"]).await?;
    Ok(loads)
}
// ANCHOR_END: servers

/// A cache that tells a gated database when its request first looks in it.
#[derive(Clone)]
struct FirstLookup<C> {
    inner: C,
    db: Arc<Db>,
    counted: Arc<std::sync::atomic::AtomicBool>,
}

impl<C> FirstLookup<C> {
    fn new(inner: C, db: Arc<Db>) -> Self {
        FirstLookup {
            inner,
            db,
            counted: Arc::default(),
        }
    }
}

impl<C: Cache> Cache for FirstLookup<C> {
    async fn get(&self, key: &str) -> Result<Option<String>, CacheError> {
        let found = self.inner.get(key).await;
        if !self.counted.swap(true, std::sync::atomic::Ordering::SeqCst) {
            self.db.arrived();
        }
        found
    }

    async fn set(&self, key: &str, value: &str, ttl: Option<Duration>) -> Result<(), CacheError> {
        self.inner.set(key, value, ttl).await
    }

    async fn set_nx(&self, key: &str, value: &str, ttl: Duration) -> Result<bool, CacheError> {
        self.inner.set_nx(key, value, ttl).await
    }

    async fn del(&self, keys: &[&str]) -> Result<(), CacheError> {
        self.inner.del(keys).await
    }

    async fn ttl(&self, key: &str) -> Result<Ttl, CacheError> {
        self.inner.ttl(key).await
    }

    async fn fill_with_lease(
        &self,
        key: &str,
        value: &str,
        ttl: Duration,
        lease: &str,
        token: &str,
    ) -> Result<bool, CacheError> {
        self.inner
            .fill_with_lease(key, value, ttl, lease, token)
            .await
    }
}
