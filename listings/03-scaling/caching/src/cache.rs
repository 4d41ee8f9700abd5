//! The cache the strategies write to: the few Redis commands they need,
//! behind a trait, so the same strategy code runs on Redis in `main` and on
//! a map in the tests and on the paused clock.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use redis::aio::MultiplexedConnection;
use service_smoke::{Failure, Service};
use tokio::time::Instant;

/// A cache command that failed: the server went away, or answered oddly.
#[derive(Clone, Debug)]
pub struct CacheError(pub String);

impl std::fmt::Display for CacheError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// How long a key has left, as Redis's `PTTL` reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ttl {
    /// No such key (`PTTL` answers -2).
    Missing,
    /// The key never expires (-1).
    Never,
    /// The key expires after this long.
    Left(Duration),
}

// ANCHOR: trait
/// The commands the strategies use, each one Redis command.
// Async methods in a trait: fine here, since the strategies take the cache
// as a generic parameter and never as `dyn Cache`.
#[allow(async_fn_in_trait)]
pub trait Cache {
    /// `GET key`
    async fn get(&self, key: &str) -> Result<Option<String>, CacheError>;
    /// `SET key value [PX ttl]`: no `ttl`, no expiry.
    async fn set(&self, key: &str, value: &str, ttl: Option<Duration>) -> Result<(), CacheError>;
    /// `SET key value NX PX ttl`: true if this call set it, false if the
    /// key was there already.
    async fn set_nx(&self, key: &str, value: &str, ttl: Duration) -> Result<bool, CacheError>;
    /// `DEL key...`
    async fn del(&self, keys: &[&str]) -> Result<(), CacheError>;
    /// `PTTL key`
    async fn ttl(&self, key: &str) -> Result<Ttl, CacheError>;
    /// Sets `key` only if `lease` still holds `token`, and drops the lease,
    /// all in one step (a Lua script on Redis). False if the lease is gone.
    async fn fill_with_lease(
        &self,
        key: &str,
        value: &str,
        ttl: Duration,
        lease: &str,
        token: &str,
    ) -> Result<bool, CacheError>;
}
// ANCHOR_END: trait

/// Redis, every key under a prefix of its own: two runs at once (or a
/// listing run beside the tests) never see each other's keys.
#[derive(Clone)]
pub struct RedisCache {
    conn: MultiplexedConnection,
    prefix: String,
}

// ANCHOR: lease_script
/// Compare-and-set in one step: Redis runs a script without running any
/// other command in between.
const FILL_WITH_LEASE: &str = r#"
if redis.call('GET', KEYS[2]) == ARGV[2] then
    redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
    redis.call('DEL', KEYS[2])
    return 1
end
return 0
"#;
// ANCHOR_END: lease_script

impl RedisCache {
    /// Connects to the course's Redis (`REDIS_URL`, or the port that
    /// `cargo xtask services up` uses), or says how to start it.
    pub async fn connect() -> Result<RedisCache, Failure> {
        let url = Service::Redis.url();
        let conn = service_smoke::redis_connection(&url).await?;
        Ok(RedisCache {
            conn,
            prefix: format!("caching:{}:", service_smoke::run_token()),
        })
    }

    fn key(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    async fn query<T: redis::FromRedisValue>(&self, cmd: &redis::Cmd) -> Result<T, CacheError> {
        let mut conn = self.conn.clone();
        cmd.query_async(&mut conn)
            .await
            .map_err(|e| CacheError(format!("Redis: {e}")))
    }

    /// Deletes every key this run made.
    pub async fn clean_up(&self) -> Result<(), CacheError> {
        use redis::AsyncCommands;
        let redis_error = |e: redis::RedisError| CacheError(format!("Redis: {e}"));
        let mut conn = self.conn.clone();
        let mut keys: Vec<String> = Vec::new();
        {
            let mut iter = conn
                .scan_match::<_, String>(format!("{}*", self.prefix))
                .await
                .map_err(redis_error)?;
            while let Some(key) = iter.next_item().await {
                keys.push(key.map_err(redis_error)?);
            }
        }
        if !keys.is_empty() {
            let _deleted: u64 = self.query(redis::cmd("DEL").arg(&keys)).await?;
        }
        Ok(())
    }
}

fn millis(ttl: Duration) -> u64 {
    // Redis refuses PX 0; a TTL under a millisecond rounds up.
    u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1)
}

impl Cache for RedisCache {
    async fn get(&self, key: &str) -> Result<Option<String>, CacheError> {
        self.query(redis::cmd("GET").arg(self.key(key))).await
    }

    async fn set(&self, key: &str, value: &str, ttl: Option<Duration>) -> Result<(), CacheError> {
        let mut cmd = redis::cmd("SET");
        cmd.arg(self.key(key)).arg(value);
        if let Some(ttl) = ttl {
            cmd.arg("PX").arg(millis(ttl));
        }
        self.query(&cmd).await
    }

    async fn set_nx(&self, key: &str, value: &str, ttl: Duration) -> Result<bool, CacheError> {
        let reply: Option<String> = self
            .query(
                redis::cmd("SET")
                    .arg(self.key(key))
                    .arg(value)
                    .arg("NX")
                    .arg("PX")
                    .arg(millis(ttl)),
            )
            .await?;
        Ok(reply.is_some())
    }

    async fn del(&self, keys: &[&str]) -> Result<(), CacheError> {
        let keys: Vec<String> = keys.iter().map(|k| self.key(k)).collect();
        let _deleted: u64 = self.query(redis::cmd("DEL").arg(keys)).await?;
        Ok(())
    }

    async fn ttl(&self, key: &str) -> Result<Ttl, CacheError> {
        let ms: i64 = self.query(redis::cmd("PTTL").arg(self.key(key))).await?;
        Ok(match ms {
            -2 => Ttl::Missing,
            -1 => Ttl::Never,
            ms => Ttl::Left(Duration::from_millis(ms.max(0) as u64)),
        })
    }

    async fn fill_with_lease(
        &self,
        key: &str,
        value: &str,
        ttl: Duration,
        lease: &str,
        token: &str,
    ) -> Result<bool, CacheError> {
        let filled: i64 = self
            .query(
                redis::cmd("EVAL")
                    .arg(FILL_WITH_LEASE)
                    .arg(2)
                    .arg(self.key(key))
                    .arg(self.key(lease))
                    .arg(value)
                    .arg(token)
                    .arg(millis(ttl)),
            )
            .await?;
        Ok(filled == 1)
    }
}

/// Values and when they expire (`None`: never).
type Entries = HashMap<String, (String, Option<Instant>)>;

/// The same commands on a map, with expiry on tokio's clock: the tests and
/// the paused-clock runs use it. `down` makes every command fail, as a
/// stopped Redis would.
#[derive(Clone, Default)]
pub struct MemCache {
    entries: Arc<Mutex<Entries>>,
    down: Arc<std::sync::atomic::AtomicBool>,
}

impl MemCache {
    pub fn new() -> MemCache {
        MemCache::default()
    }

    /// Every later command fails (true) or works again (false).
    pub fn set_down(&self, down: bool) {
        self.down.store(down, std::sync::atomic::Ordering::SeqCst);
    }

    /// Loses every entry, as a cache node that restarts without persistence.
    pub fn lose_everything(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn live(&self) -> Result<std::sync::MutexGuard<'_, Entries>, CacheError> {
        if self.down.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(CacheError("the cache is down".to_string()));
        }
        let mut entries = self.lock();
        let now = Instant::now();
        entries.retain(|_, (_, expires)| expires.is_none_or(|at| now < at));
        Ok(entries)
    }
}

impl Cache for MemCache {
    async fn get(&self, key: &str) -> Result<Option<String>, CacheError> {
        Ok(self.live()?.get(key).map(|(v, _)| v.clone()))
    }

    async fn set(&self, key: &str, value: &str, ttl: Option<Duration>) -> Result<(), CacheError> {
        let expires = ttl.map(|t| Instant::now() + t);
        self.live()?
            .insert(key.to_string(), (value.to_string(), expires));
        Ok(())
    }

    async fn set_nx(&self, key: &str, value: &str, ttl: Duration) -> Result<bool, CacheError> {
        let mut entries = self.live()?;
        if entries.contains_key(key) {
            return Ok(false);
        }
        entries.insert(
            key.to_string(),
            (value.to_string(), Some(Instant::now() + ttl)),
        );
        Ok(true)
    }

    async fn del(&self, keys: &[&str]) -> Result<(), CacheError> {
        let mut entries = self.live()?;
        for key in keys {
            entries.remove(*key);
        }
        Ok(())
    }

    async fn ttl(&self, key: &str) -> Result<Ttl, CacheError> {
        Ok(match self.live()?.get(key) {
            None => Ttl::Missing,
            Some((_, None)) => Ttl::Never,
            Some((_, Some(at))) => Ttl::Left(at.saturating_duration_since(Instant::now())),
        })
    }

    async fn fill_with_lease(
        &self,
        key: &str,
        value: &str,
        ttl: Duration,
        lease: &str,
        token: &str,
    ) -> Result<bool, CacheError> {
        let mut entries = self.live()?;
        if entries.get(lease).map(|(v, _)| v.as_str()) != Some(token) {
            return Ok(false);
        }
        entries.remove(lease);
        entries.insert(
            key.to_string(),
            (value.to_string(), Some(Instant::now() + ttl)),
        );
        Ok(true)
    }
}
