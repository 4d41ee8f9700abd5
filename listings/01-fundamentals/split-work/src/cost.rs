//! Timers for the `cost` binary and for the tests that bound its claims.
//! Wall-clock times differ between runs, so nothing here is recorded.

use std::hint::black_box;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use crate::workers::fingerprint_scoped;

/// A function the optimizer must really call: `inline(never)` keeps the
/// call, `black_box` keeps the argument and the result.
#[inline(never)]
fn add_one(x: u64) -> u64 {
    x + 1
}

/// Nanoseconds per call of a small function that is not inlined.
pub fn ns_per_function_call(calls: u32) -> f64 {
    let start = Instant::now();
    let mut x = 0;
    for _ in 0..calls {
        x = add_one(black_box(x));
    }
    black_box(x);
    per_item_ns(start.elapsed(), calls)
}

// ANCHOR: channel
/// Nanoseconds per message handed to a thread that is already running: the
/// receiver is spawned before the clock starts, so only sending, receiving
/// and the final join are timed.
pub fn ns_per_channel_send(messages: u32) -> f64 {
    let (sender, receiver) = mpsc::channel::<u64>();
    let worker = thread::spawn(move || receiver.iter().fold(0, u64::wrapping_add));
    let start = Instant::now();
    for message in 0..u64::from(messages) {
        sender.send(message).expect("the worker is alive");
    }
    drop(sender); // ends the worker's loop
    black_box(worker.join().expect("the worker does not panic"));
    per_item_ns(start.elapsed(), messages)
}
// ANCHOR_END: channel

// ANCHOR: round_trip
/// Nanoseconds per round trip between two running threads: each side waits
/// for the other's message before it sends, so every trip wakes a waiting
/// thread twice. When the waiting thread has gone to sleep, each wake-up is
/// a trip through the OS scheduler and a switch of threads on a core.
pub fn ns_per_round_trip(trips: u32) -> f64 {
    let (to_echo, echo_inbox) = mpsc::channel::<u32>();
    let (to_main, main_inbox) = mpsc::channel::<u32>();
    let echo = thread::spawn(move || {
        for message in echo_inbox {
            to_main.send(message).expect("main is waiting");
        }
    });
    let start = Instant::now();
    for trip in 0..trips {
        to_echo.send(trip).expect("the echo thread is alive");
        black_box(main_inbox.recv().expect("the echo thread answers"));
    }
    let elapsed = start.elapsed();
    drop(to_echo); // ends the echo thread's loop
    echo.join().expect("the echo thread does not panic");
    per_item_ns(elapsed, trips)
}
// ANCHOR_END: round_trip

// ANCHOR: spawn
/// Nanoseconds to start a thread that does (almost) nothing and join it.
pub fn ns_per_spawn_and_join(threads: u32) -> f64 {
    let start = Instant::now();
    for i in 0..threads {
        let handle = thread::spawn(move || black_box(i));
        black_box(handle.join().expect("the thread does not panic"));
    }
    per_item_ns(start.elapsed(), threads)
}
// ANCHOR_END: spawn

/// The fastest of `tries` runs of the fingerprint job on `threads` threads;
/// the fastest run is the one least disturbed by other programs.
pub fn best_fingerprint_time(records: &[u64], threads: usize, tries: u32) -> Duration {
    (0..tries.max(1))
        .map(|_| {
            let start = Instant::now();
            black_box(fingerprint_scoped(black_box(records), threads));
            start.elapsed()
        })
        .min()
        .expect("at least one try")
}

fn per_item_ns(elapsed: Duration, items: u32) -> f64 {
    elapsed.as_secs_f64() * 1e9 / f64::from(items.max(1))
}
