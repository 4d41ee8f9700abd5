// --- solution ---
//! Reference solution of the chunked-map exercise: scoped threads borrow the
//! slice, every worker is spawned before any is joined, and `join` turns a
//! worker's panic into an `Err` that names its chunk.
//!
//! Layout: [`map_chunks`] does the work; [`ChunkPanicked`] is its error.

use std::any::Any;
use std::thread;
// --- stub ---
// //! Your turn: run a function over a slice in chunks, one scoped thread per
// //! chunk, and report a panicking chunk as an error instead of crashing.
// //!
// //! Layout: [`map_chunks`] is the function you write; [`ChunkPanicked`] is
// //! its error. The tests in `tests/chunked-map.rs` check the results, how
// //! the slice is cut, that the chunks really run on threads of their own and
// //! at the same time, and what happens when a chunk panics.
// //!
// //! Run `cargo test -p chunked-map` until every test passes.
// --- end ---

/// A worker panicked while working on its chunk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkPanicked {
    /// Which chunk, counting from 0 in slice order.
    pub chunk: usize,
    /// The panic's message (`"a panic without a message"` if it had none).
    pub message: String,
}

/// Cuts `items` into at most `threads` contiguous chunks whose lengths
/// differ by at most one (the first chunks get the extra items; no chunk is
/// empty; `threads == 0` counts as 1), runs `work` on every chunk at the same
/// time, each on its own scoped thread, and returns the results in chunk
/// order.
///
/// If any worker panics, returns `Err` with the panic of the lowest-numbered
/// chunk that panicked, after every worker has finished.
pub fn map_chunks<T, R, F>(items: &[T], threads: usize, work: F) -> Result<Vec<R>, ChunkPanicked>
where
    T: Sync,
    R: Send,
    F: Fn(&[T]) -> R + Sync,
{
    // --- solution ---
    let parts = threads.clamp(1, items.len().max(1));
    let (base, extra) = (items.len() / parts, items.len() % parts);
    let work = &work;
    thread::scope(|scope| {
        let mut rest = items;
        let mut handles = Vec::with_capacity(parts);
        for part in 0..parts {
            let (chunk, tail) = rest.split_at(base + usize::from(part < extra));
            rest = tail;
            if !chunk.is_empty() {
                handles.push(scope.spawn(move || work(chunk)));
            }
        }
        // Spawned all, now join all. Collecting every outcome first means
        // each worker is joined, so a panic is ours to report and does not
        // make the scope panic.
        let outcomes: Vec<_> = handles.into_iter().map(|handle| handle.join()).collect();
        outcomes
            .into_iter()
            .enumerate()
            .map(|(chunk, outcome)| {
                outcome.map_err(|payload| ChunkPanicked {
                    chunk,
                    message: panic_message(&*payload),
                })
            })
            .collect()
    })
    // --- stub ---
    // let _ = (items, threads, &work);
    // todo!("split the slice, spawn one scoped thread per chunk, join them in order")
    // --- end ---
}
// --- solution ---

fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic without a message".to_string()
    }
}
// --- end ---
