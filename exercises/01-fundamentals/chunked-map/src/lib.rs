//! Your turn: run a function over a slice in chunks, one scoped thread per
//! chunk, and report a panicking chunk as an error instead of crashing.
//!
//! Layout: [`map_chunks`] is the function you write; [`ChunkPanicked`] is
//! its error. The tests in `tests/chunked-map.rs` check the results, how
//! the slice is cut, that the chunks really run on threads of their own and
//! at the same time, and what happens when a chunk panics.
//!
//! Run `cargo test -p chunked-map` until every test passes.

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
    let _ = (items, threads, &work);
    todo!("split the slice, spawn one scoped thread per chunk, join them in order")
}
