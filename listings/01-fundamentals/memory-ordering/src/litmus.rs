//! Litmus tests: two threads, two shared variables, one question about which
//! values the loads may return.

use loom::sync::Arc;
use loom::sync::atomic::Ordering::{self, Relaxed};
use loom::sync::atomic::{AtomicBool, AtomicUsize};
use loom::thread;
use lost_update::publish::{Observation, PAYLOAD};

// ANCHOR: publish_with
/// The writer stores the data, then raises the flag with `store`; the reader
/// loads the flag with `load` and, if it is up, reads the data.
pub fn publish_with(store: Ordering, load: Ordering) -> Observation {
    let data = Arc::new(AtomicUsize::new(0));
    let ready = Arc::new(AtomicBool::new(false));
    let writer = {
        let (data, ready) = (Arc::clone(&data), Arc::clone(&ready));
        thread::spawn(move || {
            data.store(PAYLOAD, Relaxed);
            ready.store(true, store);
        })
    };
    let seen = if ready.load(load) {
        Observation::Ready(data.load(Relaxed))
    } else {
        Observation::NotReady
    };
    writer.join().expect("the writer panicked");
    seen
}
// ANCHOR_END: publish_with

// ANCHOR: store_buffering
/// Store buffering: each thread raises its own flag, then reads the other's.
/// Returns (what the spawned thread read of `x`, what main read of `y`).
pub fn store_buffering(store: Ordering, load: Ordering) -> (bool, bool) {
    let x = Arc::new(AtomicBool::new(false));
    let y = Arc::new(AtomicBool::new(false));
    let other = {
        let (x, y) = (Arc::clone(&x), Arc::clone(&y));
        thread::spawn(move || {
            y.store(true, store);
            x.load(load)
        })
    };
    x.store(true, store);
    let seen_y = y.load(load);
    let seen_x = other.join().expect("the other thread panicked");
    (seen_x, seen_y)
}
// ANCHOR_END: store_buffering

// ANCHOR: load_buffering
/// Load buffering: each thread reads one flag, then raises the other.
/// Returns (what the spawned thread read of `x`, what main read of `y`).
pub fn load_buffering() -> (bool, bool) {
    let x = Arc::new(AtomicBool::new(false));
    let y = Arc::new(AtomicBool::new(false));
    let other = {
        let (x, y) = (Arc::clone(&x), Arc::clone(&y));
        thread::spawn(move || {
            let seen_x = x.load(Relaxed);
            y.store(true, Relaxed);
            seen_x
        })
    };
    let seen_y = y.load(Relaxed);
    x.store(true, Relaxed);
    let seen_x = other.join().expect("the other thread panicked");
    (seen_x, seen_y)
}
// ANCHOR_END: load_buffering

/// A pair of flags as the tables print it: `(x, y)` with 1 for a raised flag
/// and 0 for one still down.
pub fn flags_text(flags: (bool, bool)) -> String {
    format!("({}, {})", u8::from(flags.0), u8::from(flags.1))
}
