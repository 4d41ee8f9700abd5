//! Tests for the view-counter exercise: counting, sharing across threads,
//! a stable spread of paths over shards, writers to different shards that
//! do not wait for each other, and the report of the most viewed paths.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use view_counter::ViewCounter;

// Pins that the counter can be shared across threads at all.
#[test]
fn the_counter_is_send_and_sync() {
    fn shareable<T: Send + Sync>() {}
    shareable::<ViewCounter>();
}

// Pins counting, including a path never seen and the total.
#[test]
fn views_are_counted_per_path() {
    let views = ViewCounter::new(4);
    views.record("/about");
    views.record("/about");
    views.record("/checkout");
    assert_eq!(views.views("/about"), 2);
    assert_eq!(views.views("/checkout"), 1);
    assert_eq!(views.views("/missing"), 0);
    assert_eq!(views.total(), 3);
}

// Pins update: it sees the current count (0 for a new path), may change it,
// and hands back what the closure returns.
#[test]
fn update_changes_one_count_and_returns_the_result() {
    let views = ViewCounter::new(4);
    assert_eq!(views.update("/new", |n| *n), 0);
    views.record("/home");
    let before = views.update("/home", |n| {
        let before = *n;
        *n = 10;
        before
    });
    assert_eq!(before, 1);
    assert_eq!(views.views("/home"), 10);
}

// Pins that no view is lost when eight threads record at once.
#[test]
fn views_from_many_threads_all_land() {
    let views = Arc::new(ViewCounter::new(8));
    let handlers: Vec<_> = (0..8)
        .map(|_| {
            let views = Arc::clone(&views);
            thread::spawn(move || {
                for i in 0..1_000 {
                    views.record(&format!("/item/{}", i % 10));
                }
            })
        })
        .collect();
    for handler in handlers {
        handler.join().unwrap();
    }
    assert_eq!(views.total(), 8_000);
    for i in 0..10 {
        assert_eq!(views.views(&format!("/item/{i}")), 800, "/item/{i}");
    }
}

// Pins the spread: a shard below the number of shards, the same every time,
// and 200 paths over 16 shards leave no shard empty.
#[test]
fn paths_spread_over_every_shard_and_stay_put() {
    let views = ViewCounter::new(16);
    let other = ViewCounter::new(16);
    let mut used = [false; 16];
    for i in 0..200 {
        let path = format!("/product/{i}");
        let shard = views.shard_of(&path);
        assert!(shard < 16, "{path} in shard {shard}");
        assert_eq!(views.shard_of(&path), shard, "{path} moved");
        assert_eq!(
            other.shard_of(&path),
            shard,
            "{path} differs between counters"
        );
        used[shard] = true;
    }
    assert!(used.iter().all(|&u| u), "shards never used: {used:?}");
    assert_eq!(ViewCounter::new(1).shard_of("/anything"), 0);
}

// Pins the point of shards: while one thread is inside `update` on a path,
// a thread recording a path of another shard gets through (the first one
// waits up to 5 s to see it). Behind one lock the second thread waits for
// the first, which gives up, and this test fails after about five seconds.
#[test]
fn writers_to_other_shards_do_not_wait() {
    let views = ViewCounter::new(8);
    let held = "/checkout";
    let other = (0..1_000)
        .map(|i| format!("/page/{i}"))
        .find(|path| views.shard_of(path) != views.shard_of(held))
        .expect("1000 paths all land in the shard of /checkout: spread them over the shards");
    let inside = AtomicBool::new(false);
    let recorded = AtomicBool::new(false);
    let saw_it = thread::scope(|scope| {
        let holder = scope.spawn(|| {
            views.update(held, |_| {
                inside.store(true, Ordering::SeqCst);
                let deadline = Instant::now() + Duration::from_secs(5);
                while Instant::now() < deadline {
                    if recorded.load(Ordering::SeqCst) {
                        return true;
                    }
                    thread::yield_now();
                }
                false
            })
        });
        scope.spawn(|| {
            // Record only once the holder is inside, so it really is held.
            while !inside.load(Ordering::SeqCst) {
                thread::yield_now();
            }
            views.record(&other);
            recorded.store(true, Ordering::SeqCst);
        });
        holder.join().unwrap()
    });
    assert!(
        saw_it,
        "recording {other} waited for the lock held on {held}: one lock for every path"
    );
    assert_eq!(views.views(&other), 1);
}

// Pins that `total` and `top` hold one shard's lock at a time: while they
// wait for a shard held inside `update`, writers to every other shard get
// through. A report that keeps the guards it took so far (to sort under
// them, say) blocks those writers, and this test fails after about 5 s.
#[test]
fn reports_hold_one_shard_at_a_time() {
    let views = ViewCounter::new(8);
    let held = (0..1_000)
        .map(|i| format!("/held/{i}"))
        .find(|path| views.shard_of(path) == 4)
        .expect("1000 paths and none in shard 4: spread them over the shards");
    let others: Vec<String> = (0..8)
        .filter(|&shard| shard != 4)
        .map(|shard| {
            (0..1_000)
                .map(|i| format!("/other/{i}"))
                .find(|path| views.shard_of(path) == shard)
                .expect("a path for every shard")
        })
        .collect();
    let inside = AtomicBool::new(false);
    let recorded = AtomicBool::new(false);
    let wait_inside = || {
        while !inside.load(Ordering::SeqCst) {
            thread::yield_now();
        }
    };
    let saw_it = thread::scope(|scope| {
        let holder = scope.spawn(|| {
            views.update(&held, |_| {
                inside.store(true, Ordering::SeqCst);
                let deadline = Instant::now() + Duration::from_secs(5);
                while Instant::now() < deadline {
                    if recorded.load(Ordering::SeqCst) {
                        return true;
                    }
                    thread::yield_now();
                }
                false
            })
        });
        scope.spawn(|| {
            wait_inside();
            views.total()
        });
        scope.spawn(|| {
            wait_inside();
            views.top(3)
        });
        scope.spawn(|| {
            wait_inside();
            // Give the reports time to reach shard 4 and wait there.
            thread::sleep(Duration::from_millis(200));
            for path in &others {
                views.record(path);
            }
            recorded.store(true, Ordering::SeqCst);
        });
        holder.join().unwrap()
    });
    assert!(
        saw_it,
        "writers waited while total or top waited for shard 4: a report held other shards' locks"
    );
    assert_eq!(views.total(), 7);
}

// Pins the report: most viewed first, ties in alphabetical order, and a
// request for more paths than there are.
#[test]
fn top_lists_the_most_viewed_paths_first() {
    let views = ViewCounter::new(4);
    for (path, n) in [("/a", 2), ("/b", 5), ("/c", 2), ("/d", 1)] {
        for _ in 0..n {
            views.record(path);
        }
    }
    assert_eq!(
        views.top(3),
        [
            ("/b".to_string(), 5),
            ("/a".to_string(), 2),
            ("/c".to_string(), 2)
        ]
    );
    assert_eq!(views.top(10).len(), 4);
    assert!(views.top(0).is_empty());
    assert!(ViewCounter::new(2).top(5).is_empty());
}

// Pins the refusal of a counter with nowhere to put a path.
#[test]
#[should_panic(expected = "at least one shard")]
fn zero_shards_are_refused() {
    ViewCounter::new(0);
}
