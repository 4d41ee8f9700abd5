//! Several threads add one to a shared counter, in four different ways.

use loom::sync::atomic::AtomicUsize;
use loom::sync::atomic::Ordering::Relaxed;
use loom::sync::{Arc, Mutex};
use loom::thread;

/// How each thread adds one to the counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Increment {
    /// Read the value, then write value + 1: two steps another thread can
    /// slip between.
    LoadThenStore,
    /// One indivisible read-modify-write instruction.
    FetchAdd,
    /// Read, compute, and write only if nobody wrote in between; else retry.
    CompareExchangeLoop,
    /// Hold a lock across the read and the write.
    Mutex,
}

impl Increment {
    /// Every version, racy one first, in the order the chapter shows them.
    pub const ALL: [Increment; 4] = [
        Increment::LoadThenStore,
        Increment::FetchAdd,
        Increment::CompareExchangeLoop,
        Increment::Mutex,
    ];

    /// The name the printed table uses.
    pub fn label(self) -> &'static str {
        match self {
            Increment::LoadThenStore => "load then store (racy)",
            Increment::FetchAdd => "fetch_add",
            Increment::CompareExchangeLoop => "compare_exchange loop",
            Increment::Mutex => "Mutex",
        }
    }
}

// ANCHOR: racy
/// Racy: the write is based on a read that may already be stale.
pub fn increment_load_then_store(counter: &AtomicUsize) {
    let seen = counter.load(Relaxed);
    // Another thread may add one right here; the store below erases it.
    counter.store(seen + 1, Relaxed);
}
// ANCHOR_END: racy

// ANCHOR: fetch_add
/// Correct: the read, the add and the write are one indivisible step.
pub fn increment_fetch_add(counter: &AtomicUsize) {
    counter.fetch_add(1, Relaxed);
}
// ANCHOR_END: fetch_add

// ANCHOR: compare_exchange
/// Correct: write `seen + 1` only if the counter still holds `seen`.
pub fn increment_compare_exchange(counter: &AtomicUsize) {
    let mut seen = counter.load(Relaxed);
    // Each retry means another thread's increment succeeded, so the loop
    // ends once the others stop writing: it is lock-free, not wait-free.
    loop {
        match counter.compare_exchange(seen, seen + 1, Relaxed, Relaxed) {
            Ok(_) => return,
            Err(actual) => seen = actual, // lost the race: retry from the new value
        }
    }
}
// ANCHOR_END: compare_exchange

// ANCHOR: mutex
/// Correct: nobody else can read or write while we hold the guard.
pub fn increment_mutex(counter: &Mutex<usize>) {
    let mut guard = counter.lock().expect("no thread panics while holding it");
    *guard += 1;
} // the guard drops here and unlocks
// ANCHOR_END: mutex

/// The counter the threads share: an atomic for three versions, an integer
/// behind a lock for the Mutex version.
enum Shared {
    Atomic(AtomicUsize),
    Locked(Mutex<usize>),
}

impl Shared {
    fn new(version: Increment) -> Shared {
        match version {
            Increment::Mutex => Shared::Locked(Mutex::new(0)),
            _ => Shared::Atomic(AtomicUsize::new(0)),
        }
    }

    fn increment(&self, version: Increment) {
        match (version, self) {
            (Increment::LoadThenStore, Shared::Atomic(c)) => increment_load_then_store(c),
            (Increment::FetchAdd, Shared::Atomic(c)) => increment_fetch_add(c),
            (Increment::CompareExchangeLoop, Shared::Atomic(c)) => increment_compare_exchange(c),
            (Increment::Mutex, Shared::Locked(c)) => increment_mutex(c),
            _ => unreachable!("Shared::new pairs each version with its counter"),
        }
    }

    fn value(&self) -> usize {
        match self {
            Shared::Atomic(c) => c.load(Relaxed),
            Shared::Locked(c) => *c.lock().expect("no thread panicked"),
        }
    }
}

// ANCHOR: model
/// Spawns `threads` threads that each add one `increments` times, waits for
/// them all, and returns the counter. Call it inside a loom model.
pub fn run_counter(version: Increment, threads: usize, increments: usize) -> usize {
    let counter = Arc::new(Shared::new(version));
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let counter = Arc::clone(&counter);
            thread::spawn(move || {
                for _ in 0..increments {
                    counter.increment(version);
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().expect("an incrementing thread panicked");
    }
    // join() makes every thread's writes visible here, whatever the ordering.
    counter.value()
}
// ANCHOR_END: model
