//! Tests for the chunked-map exercise: results, cuts, real threads running
//! at the same time, and panics reported per chunk.

use std::collections::BTreeSet;
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

use chunked_map::{ChunkPanicked, map_chunks};

fn numbers(count: u64) -> Vec<u64> {
    (1..=count).collect()
}

// Pins the results: summing the chunks' sums gives the sum of the slice.
#[test]
fn chunk_sums_add_up_to_the_whole() {
    let items = numbers(1_000);
    for threads in [1, 2, 3, 7, 16] {
        let sums = map_chunks(&items, threads, |chunk| chunk.iter().sum::<u64>()).unwrap();
        assert_eq!(sums.iter().sum::<u64>(), 500_500, "{threads} threads");
        assert_eq!(sums.len(), threads, "{threads} threads");
    }
}

// Pins the cut: 10 items over 4 threads are chunks of 3, 3, 2, 2, in order.
#[test]
fn chunks_are_contiguous_balanced_and_in_order() {
    let items = numbers(10);
    let chunks = map_chunks(&items, 4, |chunk| chunk.to_vec()).unwrap();
    assert_eq!(
        chunks,
        vec![vec![1, 2, 3], vec![4, 5, 6], vec![7, 8], vec![9, 10]]
    );
}

// Pins the edge cases: zero threads counts as one, more threads than items
// gives one chunk per item, and an empty slice gives no chunks at all.
#[test]
fn zero_threads_too_many_threads_and_no_items() {
    let items = numbers(3);
    assert_eq!(map_chunks(&items, 0, |c| c.len()).unwrap(), vec![3]);
    assert_eq!(map_chunks(&items, 8, |c| c.len()).unwrap(), vec![1, 1, 1]);
    let empty: [u64; 0] = [];
    assert_eq!(
        map_chunks(&empty, 4, |c| c.len()).unwrap(),
        Vec::<usize>::new()
    );
}

// Pins that every chunk runs on a thread of its own, not on the caller's.
#[test]
fn every_chunk_runs_on_its_own_thread() {
    let items = numbers(8);
    let ids = map_chunks(&items, 4, |_| thread::current().id()).unwrap();
    let distinct: BTreeSet<String> = ids.iter().map(|id| format!("{id:?}")).collect();
    assert_eq!(distinct.len(), 4, "{ids:?}");
    assert!(!ids.contains(&thread::current().id()));
}

// Pins that the chunks run at the same time: each worker waits (up to 3 s)
// until all four have started. Joining each thread before spawning the next
// makes the first worker give up, and this test fail after a few seconds.
#[test]
fn all_chunks_run_at_the_same_time() {
    let started = Mutex::new(0);
    let items = numbers(4);
    let saw_everyone = map_chunks(&items, 4, |_| {
        *started.lock().unwrap() += 1;
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if *started.lock().unwrap() == 4 {
                return true;
            }
            thread::yield_now();
        }
        false
    })
    .unwrap();
    assert_eq!(
        saw_everyone,
        vec![true; 4],
        "the workers ran one after another"
    );
}

// Pins panics: the panicking chunk is named, with its message, and a
// String payload (from a formatted panic) is read as well as a &str one.
#[test]
fn a_panicking_chunk_becomes_an_error() {
    let items = numbers(10);
    let result = map_chunks(&items, 4, |chunk| {
        if chunk.contains(&7) {
            panic!("item {} is bad", 7);
        }
        chunk.len()
    });
    assert_eq!(
        result,
        Err(ChunkPanicked {
            chunk: 2,
            message: "item 7 is bad".to_string()
        })
    );
    let literal = map_chunks(&items, 2, |_| -> usize { panic!("always") });
    assert_eq!(literal.unwrap_err().message, "always");
    let number = map_chunks(&items, 1, |_| -> usize { std::panic::panic_any(7_u8) });
    assert_eq!(number.unwrap_err().message, "a panic without a message");
}

// Pins which panic wins (the lowest chunk) and that the other workers
// still ran to the end before map_chunks returned.
#[test]
fn the_lowest_panicking_chunk_is_reported_after_all_finish() {
    let items = numbers(10);
    let finished = Mutex::new(Vec::new());
    let result = map_chunks(&items, 5, |chunk| {
        if chunk[0] == 3 || chunk[0] == 9 {
            panic!("chunk starting at {} failed", chunk[0]);
        }
        finished.lock().unwrap().push(chunk[0]);
    });
    assert_eq!(result.unwrap_err().chunk, 1);
    let mut finished = finished.into_inner().unwrap();
    finished.sort_unstable();
    assert_eq!(finished, vec![1, 5, 7]);
}
