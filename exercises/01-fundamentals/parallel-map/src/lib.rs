//! Your turn: `parallel_map` runs a function over every input on a fixed
//! pool of worker threads and returns the results in the order of the
//! inputs, however the workers happen to finish.
//!
//! Layout: one function, [`parallel_map`], which you write. The tests in
//! `tests/parallel-map.rs` check the order, the bound on threads, that jobs
//! really run at the same time, and the edge cases.
//!
//! Run `cargo test -p parallel-map` until every test passes.

/// Applies `f` to every input on at most `workers` threads and returns the
/// results in input order: `parallel_map(2, vec![1, 2, 3], |x| x * 10)` is
/// `vec![10, 20, 30]`. Calls `f` exactly once per input. Every thread it
/// starts has exited when it returns.
///
/// # Panics
///
/// If `workers` is 0: a pool with no workers would never finish.
pub fn parallel_map<T, R, F>(workers: usize, inputs: Vec<T>, f: F) -> Vec<R>
where
    T: Send + 'static,
    R: Send + 'static,
    F: Fn(T) -> R + Send + Sync + 'static,
{
    let _ = (workers, inputs, f);
    todo!("run `f` on every input with at most `workers` threads, results in input order")
}
