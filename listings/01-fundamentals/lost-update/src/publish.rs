//! A first look at memory ordering: hand a value to another thread by
//! writing it, then raising a flag.

use std::fmt;

use loom::sync::Arc;
use loom::sync::atomic::Ordering::{Acquire, Relaxed, Release};
use loom::sync::atomic::{AtomicBool, AtomicUsize};
use loom::thread;

/// The value the writer publishes.
pub const PAYLOAD: usize = 42;

/// What the reader saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Observation {
    /// The flag was still down: the reader knows it must not read the data.
    NotReady,
    /// The flag was up, and the data read as this value.
    Ready(usize),
}

impl fmt::Display for Observation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Observation::NotReady => write!(f, "not ready"),
            Observation::Ready(data) => write!(f, "ready with {data}"),
        }
    }
}

// ANCHOR: publish
/// One thread writes the data then raises the flag; another reads the flag
/// then the data. With `release_acquire` false, both flag operations are
/// `Relaxed`; with true, the store is `Release` and the load `Acquire`.
pub fn run_publish(release_acquire: bool) -> Observation {
    let (store_order, load_order) = if release_acquire {
        (Release, Acquire)
    } else {
        (Relaxed, Relaxed)
    };
    let data = Arc::new(AtomicUsize::new(0));
    let ready = Arc::new(AtomicBool::new(false));

    let writer = {
        let (data, ready) = (Arc::clone(&data), Arc::clone(&ready));
        thread::spawn(move || {
            data.store(PAYLOAD, Relaxed);
            ready.store(true, store_order); // Release: everything above is visible to an Acquire reader
        })
    };
    let seen = if ready.load(load_order) {
        Observation::Ready(data.load(Relaxed))
    } else {
        Observation::NotReady
    };
    writer.join().expect("the writer panicked");
    seen
}
// ANCHOR_END: publish
