//! The tests for `Gcra`. If this file and the chapter disagree, this file
//! is right.

use gcra::Gcra;

fn gcra(burst: u64, interval: u64) -> Gcra {
    Gcra::new(burst, interval).expect("valid settings")
}

/// How many of `n` requests at `now` are admitted.
fn admitted_at(g: &mut Gcra, now: u64, n: usize) -> usize {
    (0..n).filter(|_| g.check(now).is_ok()).count()
}

#[test]
fn zero_burst_or_interval_is_refused() {
    assert!(Gcra::new(0, 100).is_none());
    assert!(Gcra::new(5, 0).is_none());
    assert!(Gcra::new(1, 1).is_some());
}

#[test]
fn a_fresh_client_gets_exactly_its_burst() {
    let mut g = gcra(10, 100);
    assert_eq!(admitted_at(&mut g, 1_000, 25), 10);
}

#[test]
fn burst_of_one_admits_one_per_interval() {
    let mut g = gcra(1, 100);
    assert_eq!(g.check(0), Ok(()));
    assert_eq!(g.check(0), Err(100));
    assert_eq!(g.check(99), Err(1));
    assert_eq!(g.check(100), Ok(()));
}

#[test]
fn a_long_idle_saves_up_no_more_than_the_burst() {
    let mut g = gcra(10, 100);
    assert_eq!(admitted_at(&mut g, 0, 10), 10);
    // An hour later: the bucket is full again, and no fuller.
    assert_eq!(admitted_at(&mut g, 3_600_000, 30), 10);
}

#[test]
fn the_wait_is_exact_and_admitted_at_exactly_that_tick() {
    let mut g = gcra(3, 100);
    assert_eq!(admitted_at(&mut g, 1_000, 3), 3);
    assert_eq!(g.check(1_000), Err(100));
    assert_eq!(g.check(1_040), Err(60));
    assert_eq!(g.check(1_099), Err(1));
    assert_eq!(g.check(1_100), Ok(()));
    assert_eq!(g.check(1_100), Err(100));
}

#[test]
fn refused_requests_do_not_push_the_client_further_back() {
    let mut g = gcra(2, 100);
    assert_eq!(admitted_at(&mut g, 0, 2), 2);
    // A client that hammers while refused...
    for t in 0..100 {
        assert!(g.check(t).is_err());
    }
    // ...is admitted as soon as one interval has passed.
    assert_eq!(g.check(100), Ok(()));
}

#[test]
fn partial_refill_admits_one_per_interval_elapsed() {
    let mut g = gcra(10, 100);
    assert_eq!(admitted_at(&mut g, 0, 10), 10);
    assert_eq!(admitted_at(&mut g, 350, 10), 3);
    assert_eq!(admitted_at(&mut g, 400, 10), 1);
}

/// A token bucket in integers: `burst * interval` ticks of credit, one tick
/// gained per tick, `interval` spent per request.
struct Reference {
    cap: u64,
    interval: u64,
    credit: u64,
    last: u64,
}

impl Reference {
    fn check(&mut self, now: u64) -> bool {
        self.credit = (self.credit + (now - self.last)).min(self.cap);
        self.last = now;
        if self.credit >= self.interval {
            self.credit -= self.interval;
            true
        } else {
            false
        }
    }
}

#[test]
fn decides_as_a_token_bucket_does_on_random_traces() {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for _ in 0..200 {
        let burst = next() % 8 + 1;
        let interval = next() % 50 + 1;
        let mut g = gcra(burst, interval);
        let mut r = Reference {
            cap: burst * interval,
            interval,
            credit: burst * interval,
            last: 0,
        };
        let mut now = 0;
        for _ in 0..300 {
            now += next() % (2 * interval);
            assert_eq!(
                g.check(now).is_ok(),
                r.check(now),
                "burst {burst}, interval {interval}, at {now}"
            );
        }
    }
}
