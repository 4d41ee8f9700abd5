//! The shared limit on Redis (started by `cargo xtask services up`), with
//! servers running truly at once, and the choice made when Redis is gone.

use std::time::{Duration, Instant};

use rate_limiting::shared::{OnError, SharedLimiter, racy_read, racy_write};
use service_smoke::Service;

const SERVERS: usize = 4;
const EACH: usize = 25;
const CAPACITY: u64 = 20;

fn key(name: &str) -> String {
    format!("rate-limiting-test:{}:{name}", service_smoke::run_token())
}

/// Every server a task with its own connection, every request a task.
async fn free_running(atomic: bool, key: String) -> usize {
    let url = Service::Redis.url();
    let mut tasks = Vec::new();
    for _ in 0..SERVERS {
        let conn = service_smoke::redis_connection(&url)
            .await
            .expect("Redis is up");
        for _ in 0..EACH {
            let (url, key, mut conn) = (url.clone(), key.clone(), conn.clone());
            tasks.push(tokio::spawn(async move {
                if atomic {
                    let mut l = SharedLimiter::new(
                        &url,
                        Duration::from_secs(2),
                        OnError::Closed,
                        CAPACITY,
                        CAPACITY,
                    )
                    .unwrap();
                    l.check(&key, 0).await
                } else {
                    let read = racy_read(&mut conn, &key).await.unwrap();
                    racy_write(&mut conn, &key, read, 0, CAPACITY, CAPACITY)
                        .await
                        .unwrap()
                }
            }));
        }
    }
    let mut admitted = 0;
    for t in tasks {
        admitted += usize::from(t.await.unwrap());
    }
    admitted
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_script_admits_exactly_the_limit_under_concurrency() {
    for round in 0..3 {
        let admitted = free_running(true, key(&format!("atomic{round}"))).await;
        assert_eq!(admitted, CAPACITY as usize);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn read_then_write_overshoots_under_concurrency() {
    // Timing decides by how much; over five tries it overshoots at least once.
    let mut seen = Vec::new();
    for round in 0..5 {
        let admitted = free_running(false, key(&format!("racy{round}"))).await;
        assert!(admitted >= CAPACITY as usize, "never fewer: {admitted}");
        seen.push(admitted);
        if admitted > CAPACITY as usize {
            return;
        }
    }
    panic!("no overshoot in five tries: {seen:?}");
}

/// A port that accepts connections and never answers: a hung Redis.
fn silent_port() -> (std::net::TcpListener, u16) {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    (l, port)
}

fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

async fn decisions(url: &str, on_error: OnError) -> (Vec<bool>, u64, Duration) {
    let mut l = SharedLimiter::new(url, Duration::from_millis(50), on_error, 2, 2).unwrap();
    let started = Instant::now();
    let mut out = Vec::new();
    for _ in 0..5 {
        out.push(l.check("k", 0).await);
    }
    (out, l.errors, started.elapsed())
}

#[tokio::test]
async fn fail_open_admits_and_fail_closed_refuses_when_redis_is_unreachable() {
    let (_listener, silent) = silent_port();
    for url in [
        format!("redis://127.0.0.1:{}", closed_port()),
        format!("redis://127.0.0.1:{silent}"),
    ] {
        let (open, errors, took) = decisions(&url, OnError::Open).await;
        assert_eq!(open, [true; 5], "{url}");
        assert_eq!(errors, 5);
        // Five checks, each cut off by the 50 ms timeout at the latest.
        assert!(took < Duration::from_secs(2), "{url}: {took:?}");
        let (closed, errors, _) = decisions(&url, OnError::Closed).await;
        assert_eq!(closed, [false; 5], "{url}");
        assert_eq!(errors, 5);
    }
}

#[tokio::test]
async fn with_redis_up_the_limit_holds_whatever_the_choice() {
    let url = Service::Redis.url();
    let k = key("up");
    for on_error in [OnError::Open, OnError::Closed] {
        let mut l = SharedLimiter::new(&url, Duration::from_secs(2), on_error, 2, 2).unwrap();
        let got: Vec<bool> = {
            let mut v = Vec::new();
            for _ in 0..3 {
                v.push(l.check(&format!("{k}{on_error:?}"), 0).await);
            }
            v
        };
        assert_eq!(got, [true, true, false]);
        assert_eq!(l.errors, 0);
    }
}

async fn pttl(key: &str) -> i64 {
    let mut conn = service_smoke::redis_connection(&Service::Redis.url())
        .await
        .expect("Redis is up");
    redis::cmd("PTTL")
        .arg(key)
        .query_async(&mut conn)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_key_lives_until_its_bucket_would_be_full_again() {
    // A missing key reads as a full bucket, so a key that expired sooner
    // would hand a drained client its whole burst back early.
    let url = Service::Redis.url();
    let k = key("ttl");
    // A burst of 100 at 1 a second: 100 s from empty to full.
    let mut l = SharedLimiter::new(&url, Duration::from_secs(2), OnError::Closed, 100, 1).unwrap();
    assert!(l.check(&k, 0).await);
    let one = pttl(&k).await;
    assert!((900..=1_000).contains(&one), "one token short: {one} ms");
    for _ in 1..100 {
        assert!(l.check(&k, 0).await);
    }
    assert!(!l.check(&k, 0).await);
    let empty = pttl(&k).await;
    assert!((99_000..=100_000).contains(&empty), "empty: {empty} ms");
}

/// Two servers share one client's bucket (a burst of 20, 10 a second); the
/// second server's clock reads `skew` ahead. The client sends one request
/// every 10 ms of true time for `seconds`: to the first server for the first
/// second (which empties the bucket), then to each in turn.
async fn two_clocks(name: &str, skew: u64, seconds: u64) -> usize {
    let url = Service::Redis.url();
    let k = key(name);
    let new = || SharedLimiter::new(&url, Duration::from_secs(2), OnError::Closed, 20, 10).unwrap();
    let (mut a, mut b) = (new(), new());
    let mut admitted = 0;
    for step in 0..seconds * 100 {
        let now = step * 10_000;
        admitted += usize::from(if step < 100 || step % 2 == 0 {
            a.check(&k, now).await
        } else {
            b.check(&k, now + skew).await
        });
    }
    admitted
}

#[tokio::test]
async fn a_clock_ahead_gives_its_skew_in_tokens_once() {
    const SECOND: u64 = 1_000_000;
    for seconds in [5, 10] {
        let agreed = two_clocks(&format!("agreed{seconds}"), 0, seconds).await;
        let skewed = two_clocks(&format!("skewed{seconds}"), SECOND, seconds).await;
        // 1 s of skew at 10 a second: 10 tokens, once, whatever the length
        // (fewer if the bucket was nearly full when the fast clock joined).
        assert_eq!(skewed - agreed, 10, "{seconds} s: {agreed} vs {skewed}");
    }
}
