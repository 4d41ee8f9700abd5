// --- solution ---
//! Reference solution of the parallel-map exercise: a fixed pool pulling
//! `(job id, input)` pairs from one channel, results sent back with their id
//! and put in place by it.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
// --- stub ---
// //! Your turn: `parallel_map` runs a function over every input on a fixed
// //! pool of worker threads and returns the results in the order of the
// //! inputs, however the workers happen to finish.
// //!
// //! Layout: one function, [`parallel_map`], which you write. The tests in
// //! `tests/parallel-map.rs` check the order, the bound on threads, that jobs
// //! really run at the same time, and the edge cases.
// //!
// //! Run `cargo test -p parallel-map` until every test passes.
// --- end ---

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
    // --- solution ---
    assert!(workers > 0, "parallel_map needs at least one worker");
    let jobs = inputs.len();
    let f = Arc::new(f);
    let (job_tx, job_rx) = mpsc::channel::<(usize, T)>();
    let job_rx = Arc::new(Mutex::new(job_rx));
    let (result_tx, result_rx) = mpsc::channel::<(usize, R)>();

    // No point starting more threads than there are jobs.
    let handles: Vec<_> = (0..workers.min(jobs))
        .map(|_| {
            let (f, job_rx, result_tx) = (Arc::clone(&f), Arc::clone(&job_rx), result_tx.clone());
            thread::spawn(move || {
                loop {
                    // Own statement, so the lock is released before `f` runs.
                    let next = job_rx.lock().expect("lock poisoned").recv();
                    let Ok((id, input)) = next else { break };
                    if result_tx.send((id, f(input))).is_err() {
                        break;
                    }
                }
            })
        })
        .collect();
    drop(result_tx);

    for job in inputs.into_iter().enumerate() {
        job_tx.send(job).expect("workers exited early");
    }
    drop(job_tx); // shutdown: workers drain the channel, then exit

    let mut slots: Vec<Option<R>> = (0..jobs).map(|_| None).collect();
    for (id, result) in result_rx {
        slots[id] = Some(result);
    }
    for handle in handles {
        handle.join().expect("a worker panicked");
    }
    slots
        .into_iter()
        .map(|r| r.expect("every job sends one result"))
        .collect()
    // --- stub ---
    // let _ = (workers, inputs, f);
    // todo!("run `f` on every input with at most `workers` threads, results in input order")
    // --- end ---
}
