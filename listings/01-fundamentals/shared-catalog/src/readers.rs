//! How many readers a `Mutex` and an `RwLock` let in at once.
//!
//! Every probe uses `try_lock`, `try_read` or `try_write`, which return at
//! once instead of waiting, so the answer is the same on every run and a
//! wrong guess about a lock shows up as a number, never as a hang.

use std::sync::{Barrier, Mutex, RwLock, TryLockError};
use std::thread;

// ANCHOR: readers_at_once
/// Starts `readers` threads that each try once to get in, without waiting.
/// Whoever gets in keeps its guard until every thread has tried (the
/// barrier), so the count is how many the lock admits at the same time.
pub fn readers_at_once<Guard>(
    readers: usize,
    try_enter: impl Fn() -> Option<Guard> + Sync,
) -> usize {
    let everyone_tried = Barrier::new(readers);
    thread::scope(|scope| {
        let handles: Vec<_> = (0..readers)
            .map(|_| {
                scope.spawn(|| {
                    let guard = try_enter();
                    let got_in = guard.is_some();
                    everyone_tried.wait();
                    drop(guard);
                    got_in
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| usize::from(handle.join().expect("a reader panicked")))
            .sum()
    })
}
// ANCHOR_END: readers_at_once

// ANCHOR: probes
/// Readers at once when the catalog sits behind a `Mutex`.
pub fn mutex_readers<T: Send>(lock: &Mutex<T>, readers: usize) -> usize {
    readers_at_once(readers, || lock.try_lock().ok())
}

/// Readers at once when the catalog sits behind an `RwLock`.
pub fn rwlock_readers<T: Send + Sync>(lock: &RwLock<T>, readers: usize) -> usize {
    readers_at_once(readers, || lock.try_read().ok())
}
// ANCHOR_END: probes

/// What a lock said to a request that did not wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Probe {
    /// The request got in.
    Granted,
    /// Someone else holds the lock in a way that excludes this request.
    WouldBlock,
}

fn probe<G>(result: Result<G, TryLockError<G>>) -> Probe {
    match result {
        Ok(_) => Probe::Granted,
        Err(TryLockError::WouldBlock) => Probe::WouldBlock,
        // The listings never poison these locks; a poisoned lock still let
        // the request in.
        Err(TryLockError::Poisoned(_)) => Probe::Granted,
    }
}

/// Can a writer get into a `Mutex` while a reader holds it?
pub fn mutex_writer_while_reading<T>(lock: &Mutex<T>) -> Probe {
    let _reader = lock.lock().expect("not poisoned");
    probe(lock.try_lock())
}

/// Can a writer get into an `RwLock` while a reader holds it?
pub fn rwlock_writer_while_reading<T>(lock: &RwLock<T>) -> Probe {
    let _reader = lock.read().expect("not poisoned");
    probe(lock.try_write())
}

/// Can a reader get into an `RwLock` while a writer holds it?
pub fn rwlock_reader_while_writing<T>(lock: &RwLock<T>) -> Probe {
    let _writer = lock.write().expect("not poisoned");
    probe(lock.try_read())
}
