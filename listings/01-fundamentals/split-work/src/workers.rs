//! The fingerprint job spread over threads.

use std::any::Any;
use std::thread::{self, JoinHandle};

use crate::fingerprint::fingerprint;
use crate::split::split_ranges;

// ANCHOR: spawned
/// `thread::spawn` takes a closure that must own everything it uses: the new
/// thread may outlive this function, so it cannot borrow `records`. Each
/// worker therefore gets its own copy of its chunk. Returns the fingerprint
/// and how many bytes were copied to make those copies.
pub fn fingerprint_spawned(records: &[u64], threads: usize) -> (u64, usize) {
    let mut bytes_copied = 0;
    let handles: Vec<JoinHandle<u64>> = split_ranges(records.len(), threads)
        .into_iter()
        .map(|range| {
            let chunk: Vec<u64> = records[range].to_vec();
            bytes_copied += chunk.len() * size_of::<u64>();
            thread::spawn(move || fingerprint(&chunk))
        })
        .collect();
    // Spawn them all first, then join: joining inside the loop above would
    // wait for each worker before starting the next.
    let total = handles
        .into_iter()
        .map(|handle| handle.join().expect("a worker panicked"))
        .fold(0, u64::wrapping_add);
    (total, bytes_copied)
}
// ANCHOR_END: spawned

// ANCHOR: scoped
/// Scoped threads may borrow: `thread::scope` joins every thread spawned in
/// it before it returns, so no thread can outlive `records`. No copies.
pub fn fingerprint_scoped(records: &[u64], threads: usize) -> u64 {
    thread::scope(|scope| {
        let handles: Vec<_> = split_ranges(records.len(), threads)
            .into_iter()
            .map(|range| {
                let chunk: &[u64] = &records[range];
                scope.spawn(move || fingerprint(chunk))
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("a worker panicked"))
            .fold(0, u64::wrapping_add)
    })
}
// ANCHOR_END: scoped

/// The record value that [`fingerprint_checked`] refuses.
pub const CORRUPT: u64 = u64::MAX;

/// Like [`fingerprint`], but panics on a corrupt record, naming its index in
/// the whole batch (`first_index` is where this chunk starts).
pub fn fingerprint_checked(chunk: &[u64], first_index: usize) -> u64 {
    for (offset, &record) in chunk.iter().enumerate() {
        assert!(
            record != CORRUPT,
            "record {} is corrupt",
            first_index + offset
        );
    }
    fingerprint(chunk)
}

// ANCHOR: outcomes
/// Runs one checked worker per chunk and returns every worker's outcome, in
/// chunk order: `Ok(fingerprint)`, or `Err(message)` if that worker panicked.
/// A panic ends only its own thread; `join` hands it to us as an `Err`.
pub fn worker_outcomes(records: &[u64], threads: usize) -> Vec<Result<u64, String>> {
    thread::scope(|scope| {
        let handles: Vec<_> = split_ranges(records.len(), threads)
            .into_iter()
            .map(|range| {
                let first_index = range.start;
                let chunk = &records[range];
                scope.spawn(move || fingerprint_checked(chunk, first_index))
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().map_err(|payload| panic_message(&*payload)))
            .collect()
    })
}
// ANCHOR_END: outcomes

// ANCHOR: panic_message
/// The text a panic carried. `panic!("literal")` carries a `&'static str`,
/// `panic!("{}", x)` a `String`; anything else is possible but rare.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic without a message".to_string()
    }
}
// ANCHOR_END: panic_message
