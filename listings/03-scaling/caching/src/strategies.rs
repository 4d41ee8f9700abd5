//! The read and write paths of each strategy, and the scenarios that show
//! what each one can serve stale or lose.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::cache::{Cache, CacheError, Ttl};
use crate::db::Db;

/// How long a cached copy lives.
pub const TTL: Duration = Duration::from_secs(60);
/// How long a lease holds off other loaders if its holder never fills.
pub const LEASE_TTL: Duration = Duration::from_secs(5);

fn lease_key(key: &str) -> String {
    format!("lease:{key}")
}

// ANCHOR: aside
/// Cache-aside read: look in the cache; on a miss, read the database and
/// put the value in the cache for [`TTL`].
pub async fn read_aside(cache: &impl Cache, db: &Db, key: &str) -> Result<String, CacheError> {
    if let Some(value) = cache.get(key).await? {
        return Ok(value);
    }
    let value = db.load(key).await;
    cache.set(key, &value, Some(TTL)).await?;
    Ok(value)
}

/// Cache-aside write: the database first, then drop the cached copy (and
/// any lease on it), so the next read loads the new value.
pub async fn write_aside(
    cache: &impl Cache,
    db: &Db,
    key: &str,
    value: &str,
) -> Result<(), CacheError> {
    db.write(key, value);
    cache.del(&[key, &lease_key(key)]).await
}
// ANCHOR_END: aside

// ANCHOR: through
/// Write-through: the database, then the cache, before answering. The
/// cached copy has no TTL: every write keeps it current (in theory).
pub async fn write_through(
    cache: &impl Cache,
    db: &Db,
    key: &str,
    value: &str,
) -> Result<(), CacheError> {
    db.write(key, value);
    cache.set(key, value, None).await
}

/// Write-around: the database only. The cache learns of the value on the
/// next miss.
pub fn write_around(db: &Db, key: &str, value: &str) {
    db.write(key, value);
}
// ANCHOR_END: through

// ANCHOR: behind
/// Write-behind (write-back): the cache now, the database later. A write
/// is acknowledged once it is in the cache and in `pending`; `flush` writes
/// the newest value of each key to the database in one batch.
#[derive(Debug, Default)]
pub struct WriteBehind {
    pending: BTreeMap<String, String>,
}

impl WriteBehind {
    pub async fn write(
        &mut self,
        cache: &impl Cache,
        key: &str,
        value: &str,
    ) -> Result<(), CacheError> {
        cache.set(key, value, Some(TTL)).await?;
        // A second write to a key before the flush replaces the first.
        self.pending.insert(key.to_string(), value.to_string());
        Ok(())
    }

    /// Writes every pending key to the database; returns how many.
    pub fn flush(&mut self, db: &Db) -> usize {
        let batch = std::mem::take(&mut self.pending);
        for (key, value) in &batch {
            db.write(key, value);
        }
        batch.len()
    }
}
// ANCHOR_END: behind

// ANCHOR: lease
/// Cache-aside read under a lease: the reader that takes the key's lease
/// loads; a write deletes the lease, so a fill that raced a write is
/// refused instead of caching the old value. A reader that finds the lease
/// taken polls the cache instead of loading.
pub async fn read_with_lease(
    cache: &impl Cache,
    db: &Db,
    key: &str,
    token: &str,
) -> Result<String, CacheError> {
    let lease = lease_key(key);
    loop {
        if let Some(value) = cache.get(key).await? {
            return Ok(value);
        }
        if cache.set_nx(&lease, token, LEASE_TTL).await? {
            // The lease may be free because a fill just landed: look again.
            if let Some(value) = cache.get(key).await? {
                cache.del(&[&lease]).await?;
                return Ok(value);
            }
            let value = db.load(key).await;
            // Refused if a write came in meanwhile: answer what was read,
            // but leave the cache empty for the next reader.
            cache
                .fill_with_lease(key, &value, TTL, &lease, token)
                .await?;
            return Ok(value);
        }
        // Someone else holds the lease: wait for the fill, or for the
        // lease to expire if its holder died.
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}
// ANCHOR_END: lease

/// One row of the strategies table: what the cache and the database hold
/// for `price` after a scenario.
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    pub strategy: &'static str,
    pub scenario: &'static str,
    pub cache: Option<String>,
    pub db: String,
    pub ttl: Ttl,
}

const KEY: &str = "price";

async fn outcome(
    cache: &impl Cache,
    db: &Db,
    strategy: &'static str,
    scenario: &'static str,
) -> Result<Outcome, CacheError> {
    Ok(Outcome {
        strategy,
        scenario,
        cache: cache.get(KEY).await?,
        db: db.peek(KEY).unwrap_or_default(),
        ttl: cache.ttl(KEY).await?,
    })
}

// ANCHOR: race
/// A cache-aside read and a write to the same key, interleaved: the read
/// misses and reads the database, the write lands, then the read fills.
pub async fn aside_race(cache: &impl Cache) -> Result<Outcome, CacheError> {
    let db = Db::with(KEY, "10");
    // Reader: a miss, so it reads the database.
    let _miss = cache.get(KEY).await?;
    let read = db.load(KEY).await;
    // Writer: the database, then delete the cached copy.
    write_aside(cache, &db, KEY, "12").await?;
    // Reader: fill the cache with what it read.
    cache.set(KEY, &read, Some(TTL)).await?;
    outcome(cache, &db, "cache-aside", "a read races a write").await
}

/// Two write-through writers, A (11) and B (12), interleaved.
pub async fn through_race(cache: &impl Cache) -> Result<Outcome, CacheError> {
    let db = Db::with(KEY, "10");
    cache.set(KEY, "10", None).await?;
    db.write(KEY, "11"); // A: the database
    write_through(cache, &db, KEY, "12").await?; // B: both
    cache.set(KEY, "11", None).await?; // A: the cache
    outcome(cache, &db, "write-through", "two writers interleave").await
}

/// A write-around to a key that a read had cached.
pub async fn around_cached(cache: &impl Cache) -> Result<Outcome, CacheError> {
    let db = Db::with(KEY, "10");
    read_aside(cache, &db, KEY).await?;
    write_around(&db, KEY, "12");
    outcome(cache, &db, "write-around", "a write to a cached key").await
}

/// Three acknowledged write-behind writes, then the writer crashes before
/// its flush: the pending batch dies with it.
pub async fn behind_crash(cache: &impl Cache) -> Result<Outcome, CacheError> {
    let db = Db::with(KEY, "10");
    let mut writer = WriteBehind::default();
    for value in ["11", "12", "13"] {
        writer.write(cache, KEY, value).await?;
    }
    drop(writer); // the crash
    outcome(
        cache,
        &db,
        "write-behind",
        "3 acked writes, crash before flush",
    )
    .await
}
// ANCHOR_END: race

// ANCHOR: race_leased
/// The same race, the reader filling under a lease.
pub async fn aside_race_leased(cache: &impl Cache) -> Result<Outcome, CacheError> {
    let db = Db::with(KEY, "10");
    let lease = lease_key(KEY);
    // Reader: a miss; it takes the lease and reads the database.
    let _miss = cache.get(KEY).await?;
    let _took_it = cache.set_nx(&lease, "reader-1", LEASE_TTL).await?;
    let read = db.load(KEY).await;
    // Writer: as before; deleting the key also deletes the lease.
    write_aside(cache, &db, KEY, "12").await?;
    // Reader: fill, if the lease is still its own.
    cache
        .fill_with_lease(KEY, &read, TTL, &lease, "reader-1")
        .await?;
    outcome(cache, &db, "cache-aside", "the same race, under a lease").await
}
// ANCHOR_END: race_leased

/// Runs every scenario, each on a clean cache: `clear` empties it between
/// two scenarios.
pub async fn all_scenarios<C: Cache>(cache: &C) -> Result<Vec<Outcome>, CacheError> {
    let mut outcomes = Vec::new();
    outcomes.push(aside_race(cache).await?);
    cache.del(&[KEY, &lease_key(KEY)]).await?;
    outcomes.push(through_race(cache).await?);
    cache.del(&[KEY]).await?;
    outcomes.push(around_cached(cache).await?);
    cache.del(&[KEY]).await?;
    outcomes.push(behind_crash(cache).await?);
    cache.del(&[KEY]).await?;
    // Last, so that the page can show it after it explains leases.
    outcomes.push(aside_race_leased(cache).await?);
    cache.del(&[KEY, &lease_key(KEY)]).await?;
    Ok(outcomes)
}

/// Write-behind's gain: `writes` writes spread over `keys` keys, then one
/// flush. Returns the database writes that took.
pub async fn behind_coalescing(
    cache: &impl Cache,
    writes: usize,
    keys: usize,
) -> Result<u64, CacheError> {
    let db = Db::default();
    let mut writer = WriteBehind::default();
    for i in 0..writes {
        writer
            .write(cache, &format!("stock:{}", i % keys), &i.to_string())
            .await?;
    }
    writer.flush(&db);
    Ok(db.writes())
}

/// Write-through against write-around for data written once and seldom
/// read: `written` new keys, the first `read_back` of them read once.
/// Returns (entries cached, database reads) for each.
pub async fn write_once_read_rarely(
    cache: &impl Cache,
    written: usize,
    read_back: usize,
) -> Result<[(usize, u64); 2], CacheError> {
    let mut results = [(0, 0); 2];
    for (i, through) in [true, false].into_iter().enumerate() {
        let db = Db::default();
        let keys: Vec<String> = (0..written).map(|n| format!("order:{i}:{n}")).collect();
        for key in &keys {
            if through {
                write_through(cache, &db, key, "new").await?;
            } else {
                write_around(&db, key, "new");
            }
        }
        for key in &keys[..read_back] {
            read_aside(cache, &db, key).await?;
        }
        let mut cached = 0;
        for key in &keys {
            if cache.ttl(key).await? != Ttl::Missing {
                cached += 1;
            }
        }
        let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        cache.del(&refs).await?;
        results[i] = (cached, db.reads());
    }
    Ok(results)
}
