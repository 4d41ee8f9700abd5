//! One limit shared by several servers: a token bucket per client kept in
//! Redis, updated by one Lua script (atomic), against a read-then-write
//! from the server (racy) and a bucket in each server's memory (local).
//! Time is passed in by the caller, so the counts do not depend on timing.

use std::time::Duration;

use redis::aio::MultiplexedConnection;

use crate::algorithms::{Decision, Limiter, Micros, TokenBucket};

/// A token is a million micro-tokens, as in [`TokenBucket`].
const WHOLE: i64 = 1_000_000;

// ANCHOR: script
/// The bucket is a hash {tokens, last}; tokens in millionths. Redis runs a
/// script from start to end with no other command in between, so two
/// servers can never both take the last token.
pub const BUCKET_LUA: &str = r#"
local now = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2]) * 1000000
local rate = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'last')
local tokens = tonumber(state[1]) or capacity
local last = tonumber(state[2]) or now
if now > last then
  tokens = math.min(capacity, tokens + (now - last) * rate)
  last = now
end
local admitted = 0
if tokens >= 1000000 then
  tokens = tokens - 1000000
  admitted = 1
end
redis.call('HSET', KEYS[1], 'tokens', tokens, 'last', last)
-- A missing key reads as a full bucket: keep it until this one is full.
local full_in = (last - now) + (capacity - tokens) / rate
redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil(full_in / 1000)))
return admitted
"#;
// ANCHOR_END: script

/// What to do when Redis does not answer in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnError {
    /// Admit: the service stays up, unprotected by this limit.
    Open,
    /// Refuse: the limit holds, and every client gets a 429.
    Closed,
}

// ANCHOR: shared
/// A limiter whose buckets live in Redis, shared by every server.
pub struct SharedLimiter {
    client: redis::Client,
    conn: Option<MultiplexedConnection>,
    script: redis::Script,
    timeout: Duration,
    on_error: OnError,
    capacity: u64,
    rate: u64,
    /// Checks that Redis did not answer within `timeout`.
    pub errors: u64,
}

impl SharedLimiter {
    /// Only parses the URL: connecting happens on the first check, so a
    /// server starts even while Redis is down.
    pub fn new(
        url: &str,
        timeout: Duration,
        on_error: OnError,
        capacity: u64,
        rate: u64,
    ) -> redis::RedisResult<SharedLimiter> {
        Ok(SharedLimiter {
            client: redis::Client::open(url)?,
            conn: None,
            // EVALSHA first; on NOSCRIPT, redis-rs loads the script and
            // retries, so the script text crosses the network once.
            script: redis::Script::new(BUCKET_LUA),
            timeout,
            on_error,
            capacity,
            rate,
            errors: 0,
        })
    }

    /// Admit one request of the client whose bucket is `key`, at `now`.
    pub async fn check(&mut self, key: &str, now: Micros) -> bool {
        match tokio::time::timeout(self.timeout, self.try_check(key, now)).await {
            Ok(Ok(admitted)) => admitted,
            Ok(Err(_)) | Err(_) => {
                self.errors += 1;
                self.conn = None; // reconnect on the next check
                self.on_error == OnError::Open
            }
        }
    }

    async fn try_check(&mut self, key: &str, now: Micros) -> redis::RedisResult<bool> {
        if self.conn.is_none() {
            let config = redis::AsyncConnectionConfig::new()
                .set_connection_timeout(Some(self.timeout))
                .set_response_timeout(Some(self.timeout));
            let conn = self
                .client
                .get_multiplexed_async_connection_with_config(&config)
                .await?;
            self.conn = Some(conn);
        }
        let conn = self.conn.as_mut().expect("connected above");
        let admitted: i64 = self
            .script
            .key(key)
            .arg(now)
            .arg(self.capacity)
            .arg(self.rate)
            .invoke_async(conn)
            .await?;
        Ok(admitted == 1)
    }
}
// ANCHOR_END: shared

// ANCHOR: racy
/// The same bucket, read with one command and written with another. Between
/// the two, another server can read the same token count.
pub async fn racy_read(
    conn: &mut MultiplexedConnection,
    key: &str,
) -> redis::RedisResult<(Option<i64>, Option<i64>)> {
    redis::cmd("HMGET")
        .arg(key)
        .arg("tokens")
        .arg("last")
        .query_async(conn)
        .await
}

pub async fn racy_write(
    conn: &mut MultiplexedConnection,
    key: &str,
    read: (Option<i64>, Option<i64>),
    now: Micros,
    capacity: u64,
    rate: u64,
) -> redis::RedisResult<bool> {
    let capacity = capacity as i64 * WHOLE;
    let now = now as i64;
    let (tokens, last) = (read.0.unwrap_or(capacity), read.1.unwrap_or(now));
    let mut tokens = if now > last {
        (tokens + (now - last) * rate as i64).min(capacity)
    } else {
        tokens
    };
    let admitted = tokens >= WHOLE;
    if admitted {
        tokens -= WHOLE;
    }
    // `query_async` returns any type we name; `()` discards HSET's reply.
    let () = redis::cmd("HSET")
        .arg(key)
        .arg("tokens")
        .arg(tokens)
        .arg("last")
        .arg(now.max(last))
        .query_async(conn)
        .await?;
    Ok(admitted)
}
// ANCHOR_END: racy

/// A bucket in one server's memory: each server enforces the whole limit.
pub fn local(capacity: u64, rate: u64) -> TokenBucket {
    TokenBucket::new(capacity, rate)
}

/// Runs `requests` checks at `now` on a local bucket and counts admissions.
pub fn local_admits(bucket: &mut TokenBucket, requests: usize, now: Micros) -> usize {
    (0..requests)
        .filter(|_| bucket.check(now) == Decision::Admit)
        .count()
}
