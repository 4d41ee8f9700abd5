//! Reference solution of the chunked-map exercise: scoped threads borrow the
//! slice, every worker is spawned before any is joined, and `join` turns a
//! worker's panic into an `Err` that names its chunk.
//!
//! Layout: [`map_chunks`] does the work; [`ChunkPanicked`] is its error.

use std::any::Any;
use std::thread;

/// A worker panicked while working on its chunk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkPanicked {
    /// Which chunk, counting from 0 in slice order.
    pub chunk: usize,
    /// The panic's message (`"a panic without a message"` if it had none).
    pub message: String,
}

/// Cuts `items` into at most `threads` contiguous chunks whose lengths
/// differ by at most one, runs `work` on every chunk at once on scoped
/// threads, and returns the results in chunk order, or the panic of the
/// lowest-numbered chunk that panicked.
pub fn map_chunks<T, R, F>(items: &[T], threads: usize, work: F) -> Result<Vec<R>, ChunkPanicked>
where
    T: Sync,
    R: Send,
    F: Fn(&[T]) -> R + Sync,
{
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
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic without a message".to_string()
    }
}
