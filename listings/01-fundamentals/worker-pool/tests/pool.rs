//! Pins the pool's fan-out and fan-in, the reorder buffer, and the
//! thread-per-job baseline.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use worker_pool::pool::{collatz_total, in_job_order, run_pool, thread_per_job};
use worker_pool::reorder::ReorderBuffer;

fn double(x: u64) -> u64 {
    x * 2
}

// Pins the job itself: known totals of Collatz steps.
#[test]
fn collatz_total_matches_known_values() {
    assert_eq!(collatz_total(1), 0);
    assert_eq!(collatz_total(2), 1);
    assert_eq!(collatz_total(5), 15); // 0 + 1 + 7 + 2 + 5
}

// Pins fan-in: every job comes back exactly once, with the right result.
#[test]
fn pool_returns_every_job_exactly_once() {
    let inputs: Vec<u64> = (0..100).collect();
    let done = in_job_order(run_pool(4, inputs.clone(), double));
    let ids: Vec<usize> = done.iter().map(|d| d.job_id).collect();
    assert_eq!(ids, (0..100).collect::<Vec<_>>());
    for d in &done {
        assert_eq!(d.output, inputs[d.job_id] * 2);
    }
}

// Pins the pool's bound: no more than `workers` workers ever run a job.
#[test]
fn pool_runs_jobs_on_at_most_its_workers() {
    let done = run_pool(3, (0..50).collect(), double);
    let workers: BTreeSet<usize> = done.iter().map(|d| d.worker_id).collect();
    assert!(workers.iter().all(|&w| w < 3), "{workers:?}");
}

// Pins the naive version: one thread per job, results in job order.
#[test]
fn thread_per_job_spawns_one_thread_per_job() {
    let (results, spawned) = thread_per_job((0..20).collect(), double);
    assert_eq!(spawned, 20);
    assert_eq!(results, (0..20).map(|x| x * 2).collect::<Vec<_>>());
}

// Pins shutdown: with no jobs the workers see a closed channel and exit.
#[test]
fn pool_with_no_jobs_shuts_down() {
    assert!(run_pool(4, Vec::<u64>::new(), double).is_empty());
}

// Pins that more workers than jobs is fine: idle workers just exit.
#[test]
fn pool_with_more_workers_than_jobs() {
    let done = in_job_order(run_pool(8, vec![5, 6], double));
    assert_eq!(
        done.iter().map(|d| d.output).collect::<Vec<_>>(),
        vec![10, 12]
    );
}

// Pins bad input: a pool of zero workers is refused, not a silent hang.
#[test]
#[should_panic(expected = "at least one worker")]
fn pool_of_zero_workers_is_refused() {
    run_pool(0, vec![1u64], double);
}

static JOB_TWO_STARTED: AtomicBool = AtomicBool::new(false);

/// Job 0 waits until job 2 has started. With two workers, the other worker
/// runs job 1, sends its result, and only then takes job 2: so job 1's
/// result is sent before job 0 can finish, on every run.
fn zero_waits_for_two(job: u64) -> u64 {
    match job {
        0 => {
            let deadline = Instant::now() + Duration::from_secs(10);
            while !JOB_TWO_STARTED.load(Ordering::Acquire) && Instant::now() < deadline {
                std::thread::yield_now();
            }
        }
        2 => JOB_TWO_STARTED.store(true, Ordering::Release),
        _ => {}
    }
    job
}

// Pins that fan-in order is arrival order: a slow job 0 arrives after job 1,
// and in_job_order puts it back first.
#[test]
fn results_arrive_in_completion_order_not_job_order() {
    let arrived = run_pool(2, vec![0, 1, 2], zero_waits_for_two);
    let ids: Vec<usize> = arrived.iter().map(|d| d.job_id).collect();
    let position = |id| ids.iter().position(|&i| i == id).unwrap();
    assert!(position(1) < position(0), "arrival order {ids:?}");
    let ordered: Vec<usize> = in_job_order(arrived).iter().map(|d| d.job_id).collect();
    assert_eq!(ordered, vec![0, 1, 2]);
}

// Pins the reorder buffer: early results wait, a filled gap releases a run.
#[test]
fn reorder_buffer_releases_contiguous_runs() {
    let mut buffer = ReorderBuffer::new();
    assert_eq!(buffer.push(2, 'c'), Vec::<char>::new());
    assert_eq!(buffer.push(1, 'b'), Vec::<char>::new());
    assert_eq!(buffer.waiting(), 2);
    assert_eq!(buffer.push(0, 'a'), vec!['a', 'b', 'c']);
    assert_eq!(buffer.push(3, 'd'), vec!['d']);
    assert_eq!(buffer.waiting(), 0);
}

// Pins bad input: an id seen twice is a bug upstream, refused loudly.
#[test]
#[should_panic(expected = "seen twice")]
fn reorder_buffer_refuses_a_duplicate_id() {
    let mut buffer = ReorderBuffer::new();
    buffer.push(0, 'a');
    buffer.push(0, 'a');
}
