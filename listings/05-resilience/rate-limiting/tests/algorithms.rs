//! The five limiters and governor on seeded traces: what each one bounds,
//! and the recorded table's numbers.

use rate_limiting::algorithms::{
    Decision, FixedWindow, LeakyQueue, Limiter, MS, SECOND, SlidingCounter, SlidingLog, TokenBucket,
};
use rate_limiting::trace::{self, LIMIT, worst_second};

fn admits(limiter: &mut dyn Limiter, times: &[u64]) -> Vec<bool> {
    times
        .iter()
        .map(|&t| limiter.check(t) != Decision::Reject)
        .collect()
}

#[test]
fn the_recorded_table() {
    let arrivals = trace::bursty(7);
    let rows: Vec<_> = trace::ours()
        .into_iter()
        .map(|mut l| {
            let r = trace::run(l.as_mut(), &arrivals);
            (r.name, r.admitted, r.worst_second, r.max_state)
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("token bucket", 48, 12, 16),
            ("leaky bucket (queue)", 48, 10, 8),
            ("fixed window", 71, 20, 16),
            ("sliding log", 43, 10, 80),
            ("sliding window counter", 48, 12, 24),
        ]
    );
}

#[test]
fn fixed_window_lets_twice_the_limit_through_at_a_boundary() {
    let mut fixed = FixedWindow::new(10, SECOND);
    // 10 in the last 100 ms of one window, 10 in the first 100 ms of the next.
    let times: Vec<u64> = (0..10)
        .map(|i| 900 * MS + i * 10 * MS)
        .chain((0..10).map(|i| SECOND + i * 10 * MS))
        .collect();
    assert!(admits(&mut fixed, &times).iter().all(|&a| a));
    let mut log = SlidingLog::new(10, SECOND);
    assert_eq!(admits(&mut log, &times).iter().filter(|&&a| a).count(), 10);
}

#[test]
fn sliding_log_and_leaky_queue_never_pass_more_than_the_limit_in_a_second() {
    for seed in 0..200 {
        let arrivals = trace::bursty(seed);
        let log = trace::run(&mut SlidingLog::new(LIMIT as usize, SECOND), &arrivals);
        assert!(log.worst_second <= LIMIT as usize, "seed {seed}");
        let queue = trace::run(&mut LeakyQueue::new(LIMIT, LIMIT), &arrivals);
        assert!(queue.worst_second <= LIMIT as usize, "seed {seed}");
        // A queue of 10 at 10 a second holds a request at most 0.9 s.
        assert!(queue.max_delay <= 900 * MS, "seed {seed}");
        for pair in queue.passed_at.windows(2) {
            assert!(pair[1] - pair[0] >= 100 * MS, "seed {seed}");
        }
    }
}

#[test]
fn token_bucket_bounds_a_second_by_capacity_plus_rate() {
    for seed in 0..200 {
        let arrivals = trace::bursty(seed);
        let r = trace::run(&mut TokenBucket::new(LIMIT, LIMIT), &arrivals);
        assert!(r.worst_second <= 2 * LIMIT as usize, "seed {seed}");
    }
}

#[test]
fn an_idle_bucket_refills_to_its_capacity_and_no_further() {
    let mut bucket = TokenBucket::new(10, 10);
    // An hour idle, then 30 at once: only the capacity gets through.
    let times = vec![3_600 * SECOND; 30];
    assert_eq!(
        admits(&mut bucket, &times).iter().filter(|&&a| a).count(),
        10
    );
    assert_eq!(bucket.next_token(3_600 * SECOND), 100 * MS);
}

#[test]
fn governor_decides_as_our_token_bucket_does() {
    for seed in 0..200 {
        let arrivals = trace::bursty(seed);
        let ours = trace::run(&mut TokenBucket::new(LIMIT, LIMIT), &arrivals);
        let theirs = trace::governor(&arrivals);
        assert_eq!(ours.passed_at, theirs.passed_at, "seed {seed}");
    }
}

#[test]
fn sliding_counter_weights_the_previous_window() {
    let mut c = SlidingCounter::new(10, SECOND);
    // 10 at 0.5 s fill the first window.
    assert!(admits(&mut c, &[500 * MS; 10]).iter().all(|&a| a));
    // At 1.5 s half the previous window overlaps: 5 count, so 5 more fit.
    let later = admits(&mut c, &[1_500 * MS; 8]);
    assert_eq!(later.iter().filter(|&&a| a).count(), 5);
    // At 2.9 s the window before (1 s to 2 s) held 5, weighted by 0.1.
    let last = admits(&mut c, &[2_900 * MS; 12]);
    assert_eq!(last.iter().filter(|&&a| a).count(), 10);
}

#[test]
fn worst_second_counts_a_half_open_span() {
    assert_eq!(worst_second(&[0, 999_999, SECOND]), 2);
    assert_eq!(worst_second(&[]), 0);
    assert_eq!(worst_second(&[5, 5, 5]), 3);
}

#[test]
fn a_logged_request_stops_counting_exactly_one_window_later() {
    let mut log = SlidingLog::new(2, SECOND);
    assert_eq!(
        admits(&mut log, &[0, 0, SECOND - 1, SECOND]),
        [true, true, false, true]
    );
    let mut fixed = FixedWindow::new(2, SECOND);
    assert_eq!(
        admits(&mut fixed, &[0, 0, SECOND - 1, SECOND]),
        [true, true, false, true]
    );
}

// Pins the numbers the chapter gives for its editable excerpt.
#[test]
fn the_burst_is_a_setting() {
    let arrivals = trace::bursty(7);
    let r = trace::run(&mut TokenBucket::new(20, LIMIT), &arrivals);
    assert_eq!((r.admitted, r.worst_second), (78, 22));
    let r = trace::run(&mut TokenBucket::new(1, LIMIT), &arrivals);
    assert_eq!((r.admitted, r.worst_second), (17, 3));
}
