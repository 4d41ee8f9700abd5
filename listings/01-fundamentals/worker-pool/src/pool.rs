//! Fan-out and fan-in: a thread per job, then a fixed pool of workers.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;

/// The job of this chapter: the total number of Collatz steps of every
/// number from 1 to `n`. Its cost grows with `n`, so jobs of one batch take
/// very different times, as real jobs do.
pub fn collatz_total(n: u64) -> u64 {
    (1..=n)
        .map(|mut x| {
            let mut steps = 0;
            while x != 1 {
                x = if x % 2 == 0 { x / 2 } else { 3 * x + 1 };
                steps += 1;
            }
            steps
        })
        .sum()
}

// ANCHOR: thread_per_job
/// The naive version: spawn one OS thread per job, then join them all.
/// Returns the results in job order and how many threads it spawned.
pub fn thread_per_job<T, R>(inputs: Vec<T>, work: fn(T) -> R) -> (Vec<R>, usize)
where
    T: Send + 'static,
    R: Send + 'static,
{
    let handles: Vec<_> = inputs
        .into_iter()
        .map(|input| thread::spawn(move || work(input)))
        .collect();
    let spawned = handles.len();
    let results = handles
        .into_iter()
        .map(|h| h.join().expect("a job panicked"))
        .collect();
    (results, spawned)
}
// ANCHOR_END: thread_per_job

/// One finished job: which job it was, which worker ran it, and its result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done<R> {
    pub job_id: usize,
    pub worker_id: usize,
    pub output: R,
}

// ANCHOR: pool
/// A fixed pool: `workers` threads pull jobs from one shared channel
/// (fan-out) and send results back on another (fan-in). Returns the results
/// in the order they *arrived*, which is not the order of `inputs`.
pub fn run_pool<T, R>(workers: usize, inputs: Vec<T>, work: fn(T) -> R) -> Vec<Done<R>>
where
    T: Send + 'static,
    R: Send + 'static,
{
    assert!(workers > 0, "a pool needs at least one worker");
    let (job_tx, job_rx) = mpsc::channel::<(usize, T)>();
    // An mpsc channel has one receiver; the workers share it behind a lock.
    let job_rx = Arc::new(Mutex::new(job_rx));
    let (done_tx, done_rx) = mpsc::channel::<Done<R>>();

    let handles: Vec<_> = (0..workers)
        .map(|worker_id| {
            let job_rx = Arc::clone(&job_rx);
            let done_tx = done_tx.clone();
            thread::spawn(move || {
                loop {
                    // The guard is a temporary of this statement, so the lock
                    // is released at the `;`, before the job runs.
                    let next = job_rx.lock().expect("lock poisoned").recv();
                    // Err means the channel is closed and drained: shut down.
                    let Ok((job_id, input)) = next else { break };
                    let output = work(input);
                    let done = Done {
                        job_id,
                        worker_id,
                        output,
                    };
                    if done_tx.send(done).is_err() {
                        break; // nobody is collecting any more
                    }
                }
            })
        })
        .collect();
    // The workers now hold the only result senders, so the fan-in loop
    // below ends exactly when the last worker exits.
    drop(done_tx);

    for job in inputs.into_iter().enumerate() {
        job_tx.send(job).expect("every worker exited early");
    }
    drop(job_tx); // closing the job channel is the shutdown signal

    let arrived: Vec<Done<R>> = done_rx.iter().collect();
    for handle in handles {
        handle.join().expect("a worker panicked");
    }
    arrived
}
// ANCHOR_END: pool

// ANCHOR: sort
/// Restores job order after a fan-in: the job id travels with the result.
pub fn in_job_order<R>(mut arrived: Vec<Done<R>>) -> Vec<Done<R>> {
    arrived.sort_by_key(|done| done.job_id);
    arrived
}
// ANCHOR_END: sort
