//! Tests for the parallel-map exercise. Each one runs `parallel_map` on a
//! helper thread with a deadline, so a solution that hangs fails instead of
//! blocking the test run forever.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use parallel_map::parallel_map;

/// Runs `work` on its own thread and fails the test if it takes over 20 s.
fn within_deadline<R: Send + 'static>(work: impl FnOnce() -> R + Send + 'static) -> R {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || tx.send(work()));
    rx.recv_timeout(Duration::from_secs(20))
        .expect("parallel_map did not return within 20 s (or panicked)")
}

// Pins the basic contract: every result, in input order.
#[test]
fn results_come_back_in_input_order() {
    let out = within_deadline(|| parallel_map(3, (0..50u64).collect(), |x| x * x));
    assert_eq!(out, (0..50u64).map(|x| x * x).collect::<Vec<_>>());
}

// Pins order under uneven work: the slowest job is first, and still first.
#[test]
fn a_slow_first_job_stays_first() {
    let out = within_deadline(|| {
        parallel_map(4, vec![200u64, 0, 0, 0, 0, 0], |ms| {
            thread::sleep(Duration::from_millis(ms));
            ms
        })
    });
    assert_eq!(out, vec![200, 0, 0, 0, 0, 0]);
}

// Pins exactly once: no job is dropped or run twice.
#[test]
fn f_runs_exactly_once_per_input() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&calls);
    let out = within_deadline(move || {
        parallel_map(4, (0..100).collect(), move |x: i32| {
            counted.fetch_add(1, Ordering::Relaxed);
            x
        })
    });
    assert_eq!(out.len(), 100);
    assert_eq!(calls.load(Ordering::Relaxed), 100);
}

// Pins the pool's bound: at most `workers` threads run `f`, and not the
// caller's thread (that would be a loop, not a pool).
#[test]
fn at_most_workers_threads_run_f_and_none_is_the_caller() {
    let seen = Arc::new(Mutex::new(HashSet::new()));
    let recorded = Arc::clone(&seen);
    let caller = within_deadline(move || {
        let caller = thread::current().id();
        parallel_map(3, (0..60).collect(), move |x: u32| {
            recorded.lock().unwrap().insert(thread::current().id());
            thread::sleep(Duration::from_millis(1));
            x
        });
        caller
    });
    let seen = seen.lock().unwrap();
    assert!(
        !seen.is_empty() && seen.len() <= 3,
        "{} threads ran f",
        seen.len()
    );
    assert!(!seen.contains(&caller), "f ran on the calling thread");
}

// Pins parallelism: with two workers, two jobs are running at the same time.
// Each job waits (up to 5 s) for the other to start; run one after the
// other, the first one gives up and reports false.
#[test]
fn two_workers_run_two_jobs_at_once() {
    let started = Arc::new(AtomicUsize::new(0));
    let out = within_deadline(move || {
        parallel_map(2, vec![(); 2], move |()| {
            started.fetch_add(1, Ordering::SeqCst);
            let deadline = Instant::now() + Duration::from_secs(5);
            while started.load(Ordering::SeqCst) < 2 {
                if Instant::now() > deadline {
                    return false;
                }
                thread::yield_now();
            }
            true
        })
    });
    assert_eq!(out, vec![true, true]);
}

// Pins the edge cases: no inputs, and more workers than inputs.
#[test]
fn no_inputs_and_more_workers_than_inputs() {
    let empty = within_deadline(|| parallel_map(4, Vec::<u8>::new(), |x| x));
    assert!(empty.is_empty());
    let few = within_deadline(|| parallel_map(16, vec!['a', 'b'], |c| c.to_ascii_uppercase()));
    assert_eq!(few, vec!['A', 'B']);
}

// Pins bad input: zero workers is refused with a clear message.
#[test]
#[should_panic(expected = "at least one worker")]
fn zero_workers_is_refused() {
    parallel_map(0, vec![1], |x: i32| x);
}
