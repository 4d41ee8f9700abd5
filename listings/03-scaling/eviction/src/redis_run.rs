//! A Redis of our own, sized to hold about as many keys as our caches, and
//! a trace replayed through it.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A `redis-server` started for this run on a free port, with no
/// persistence, stopped when this is dropped.
pub struct PrivateRedis {
    child: Child,
    port: u16,
}

impl PrivateRedis {
    pub fn start() -> Result<PrivateRedis, String> {
        // Ask the kernel for a free port, then let it go for Redis.
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free port on 127.0.0.1: {e}"))?
            .port();
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| {
                format!(
                    "cannot start redis-server ({e}); install Redis 7 or run `cargo xtask services up`, which installs it"
                )
            })?;
        let redis = PrivateRedis { child, port };
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            if let Ok(mut conn) = redis.connection() {
                let pong: redis::RedisResult<String> = redis::cmd("PING").query(&mut conn);
                if pong.is_ok() {
                    return Ok(redis);
                }
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "redis-server did not answer on port {port} within 5 s"
                ));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn connection(&self) -> redis::RedisResult<redis::Connection> {
        redis::Client::open(format!("redis://127.0.0.1:{}", self.port))?
            .get_connection_with_timeout(Duration::from_secs(2))
    }
}

impl Drop for PrivateRedis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What one replay measured.
#[derive(Debug)]
pub struct Replay {
    pub version: String,
    pub maxmemory: u64,
    pub hit_ratio: f64,
    /// Keys in Redis at the end: the size the memory limit allowed.
    pub held: usize,
    pub evicted: u64,
    pub seconds: f64,
}

/// Bytes in every value: enough that the keys' own memory, not Redis's
/// buffers and bookkeeping, decides how many fit in `maxmemory`.
const VALUE_LEN: usize = 2048;

/// Commands per pipeline, when measuring and when replaying: few round
/// trips, and the same input buffer both times (Redis counts its clients'
/// buffers as used memory too).
const BATCH: usize = 100;

fn info_field(info: &str, field: &str) -> Result<String, String> {
    info.lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .map(|v| v.trim().to_string())
        .ok_or_else(|| format!("INFO has no {field}"))
}

fn info_number(info: &str, field: &str) -> Result<u64, String> {
    info_field(info, field)?
        .parse()
        .map_err(|e| format!("INFO {field}: {e}"))
}

// ANCHOR: replay
/// Sets Redis's memory limit to what `capacity` keys take and its eviction
/// policy to `policy` (`allkeys-lru`, `allkeys-lfu`, ...), then sends each
/// request of `trace` as `SET key value NX`: one command that adds the key
/// if it is missing (a miss, evicting when memory is full) and otherwise
/// replies nil (a hit: the lookup counts as a use, as a `GET` would).
pub fn replay(
    redis: &PrivateRedis,
    policy: &str,
    trace: &[u64],
    capacity: usize,
) -> Result<Replay, String> {
    let e = |e: redis::RedisError| format!("Redis: {e}");
    let mut conn = redis.connection().map_err(e)?;
    let info = |conn: &mut redis::Connection| -> Result<String, String> {
        redis::cmd("INFO").query(conn).map_err(e)
    };
    // Measure what `capacity` keys cost, then allow that much.
    let () = redis::cmd("FLUSHALL").query(&mut conn).map_err(e)?;
    let before = info_number(&info(&mut conn)?, "used_memory")?;
    let value = "v".repeat(VALUE_LEN);
    let fill: Vec<usize> = (0..capacity).collect();
    for batch in fill.chunks(BATCH) {
        let mut pipe = redis::pipe();
        for key in batch {
            pipe.cmd("SET").arg(format!("k{key}")).arg(&value).ignore();
        }
        let () = pipe.query(&mut conn).map_err(e)?;
    }
    let after = info_number(&info(&mut conn)?, "used_memory")?;
    let () = redis::cmd("FLUSHALL").query(&mut conn).map_err(e)?;
    let baseline = info_number(&info(&mut conn)?, "used_memory")?;
    let maxmemory = baseline + after.saturating_sub(before);
    let () = redis::cmd("CONFIG")
        .arg("SET")
        .arg("maxmemory")
        .arg(maxmemory)
        .arg("maxmemory-policy")
        .arg(policy)
        .query(&mut conn)
        .map_err(e)?;
    let () = redis::cmd("CONFIG")
        .arg("RESETSTAT")
        .query(&mut conn)
        .map_err(e)?;

    let started = Instant::now();
    let mut hits = 0usize;
    for batch in trace.chunks(BATCH) {
        let mut pipe = redis::pipe();
        for key in batch {
            pipe.cmd("SET").arg(format!("k{key}")).arg(&value).arg("NX");
        }
        // "OK" when the key was added, nil when it was already there.
        let replies: Vec<Option<String>> = pipe.query(&mut conn).map_err(e)?;
        hits += replies.iter().filter(|r| r.is_none()).count();
    }
    let seconds = started.elapsed().as_secs_f64();
    let held: usize = redis::cmd("DBSIZE").query(&mut conn).map_err(e)?;
    let stats = info(&mut conn)?;
    Ok(Replay {
        version: info_field(&stats, "redis_version")?,
        maxmemory,
        hit_ratio: hits as f64 / trace.len() as f64,
        held,
        evicted: info_number(&stats, "evicted_keys")?,
        seconds,
    })
}
// ANCHOR_END: replay
