//! Tests for the hedged-request exercise. They run on tokio's paused clock
//! (`start_paused = true`): sleeps take no real time, and
//! `Instant::elapsed` reports exact virtual milliseconds.

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::time::Duration;

use hedged_request::{TimedOut, hedged};
use tokio::time::Instant;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Counts how often a replica was started and how often it was dropped
/// before it answered.
#[derive(Default)]
struct Replica {
    started: AtomicUsize,
    cancelled: AtomicUsize,
}

struct CancelWatch<'a>(&'a Replica, bool);

impl Drop for CancelWatch<'_> {
    fn drop(&mut self) {
        if !self.1 {
            self.0.cancelled.fetch_add(1, SeqCst);
        }
    }
}

impl Replica {
    /// A request to this replica that answers `name` after `latency`.
    async fn call(&self, name: &'static str, latency: Duration) -> &'static str {
        self.started.fetch_add(1, SeqCst);
        let mut watch = CancelWatch(self, false);
        tokio::time::sleep(latency).await;
        watch.1 = true;
        name
    }

    fn started(&self) -> usize {
        self.started.load(SeqCst)
    }

    fn cancelled(&self) -> usize {
        self.cancelled.load(SeqCst)
    }
}

// Pins the common case: a fast primary answers and no backup is sent, or
// even built: `backup` is not called, since building a request may cost
// something (a connection from a pool) before it is ever polled.
#[tokio::test(start_paused = true)]
async fn a_fast_primary_answers_alone() {
    let (a, b) = (Replica::default(), Replica::default());
    let built = AtomicUsize::new(0);
    let backup = || {
        built.fetch_add(1, SeqCst);
        b.call("b", ms(10))
    };
    let start = Instant::now();
    let answer = hedged(a.call("a", ms(10)), backup, ms(50), ms(500)).await;
    assert_eq!(answer, Ok("a"));
    assert_eq!(start.elapsed(), ms(10));
    assert_eq!(b.started(), 0, "the backup must not be sent");
    assert_eq!(built.load(SeqCst), 0, "`backup` must not be called");
}

// Pins the hedge: a slow primary, a backup sent at 50 ms that answers at
// 80 ms, and the primary cancelled then.
#[tokio::test(start_paused = true)]
async fn a_slow_primary_is_beaten_by_the_backup() {
    let (a, b) = (Replica::default(), Replica::default());
    let start = Instant::now();
    let answer = hedged(
        a.call("a", ms(300)),
        || b.call("b", ms(30)),
        ms(50),
        ms(500),
    )
    .await;
    assert_eq!(answer, Ok("b"));
    assert_eq!(start.elapsed(), ms(80));
    assert_eq!((a.cancelled(), b.cancelled()), (1, 0));
}

// Pins that the primary keeps running after the hedge: it answers at
// 100 ms, before the backup's 50 + 200 ms, and the backup is cancelled.
#[tokio::test(start_paused = true)]
async fn the_primary_can_still_win_after_the_hedge() {
    let (a, b) = (Replica::default(), Replica::default());
    let start = Instant::now();
    let answer = hedged(
        a.call("a", ms(100)),
        || b.call("b", ms(200)),
        ms(50),
        ms(500),
    )
    .await;
    assert_eq!(answer, Ok("a"));
    assert_eq!(start.elapsed(), ms(100));
    assert_eq!(a.started(), 1, "the primary must not be restarted");
    assert_eq!((a.cancelled(), b.started(), b.cancelled()), (0, 1, 1));
}

// Pins the deadline: both too slow, so the answer is TimedOut at exactly
// 120 ms, and both requests are cancelled.
#[tokio::test(start_paused = true)]
async fn the_deadline_cancels_both() {
    let (a, b) = (Replica::default(), Replica::default());
    let start = Instant::now();
    let answer = hedged(
        a.call("a", ms(300)),
        || b.call("b", ms(300)),
        ms(50),
        ms(120),
    )
    .await;
    assert_eq!(answer, Err(TimedOut));
    assert_eq!(start.elapsed(), ms(120));
    assert_eq!((a.cancelled(), b.cancelled()), (1, 1));
}

// Pins the edge: a deadline before the hedge delay means no backup at all.
#[tokio::test(start_paused = true)]
async fn no_backup_when_the_deadline_comes_before_the_hedge() {
    let (a, b) = (Replica::default(), Replica::default());
    let answer = hedged(
        a.call("a", ms(300)),
        || b.call("b", ms(1)),
        ms(200),
        ms(100),
    )
    .await;
    assert_eq!(answer, Err(TimedOut));
    assert_eq!(b.started(), 0);
}
