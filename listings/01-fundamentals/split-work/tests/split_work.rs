//! Pins how the batch is cut, that every way of spreading the job over
//! threads gives the single-threaded answer, that panics come back through
//! `join`, and, with generous bounds, what a thread costs.

use std::process::Command;

use split_work::cost::{
    ns_per_channel_send, ns_per_function_call, ns_per_round_trip, ns_per_spawn_and_join,
};
use split_work::schedule::{Finish, Scheduler, simulate};
use split_work::workers::{
    CORRUPT, fingerprint_checked, fingerprint_scoped, fingerprint_spawned, panic_message,
    worker_outcomes,
};
use split_work::{fingerprint, records, split_ranges};

// Pins the split the chapter and the quiz show: extra items go to the first chunks.
#[test]
fn ten_records_over_four_threads_are_cut_three_three_two_two() {
    assert_eq!(split_ranges(10, 4), vec![0..3, 3..6, 6..8, 8..10]);
    assert_eq!(split_ranges(10, 3), vec![0..4, 4..7, 7..10]);
}

// Pins the contract for every small size: contiguous, in order, complete,
// never empty, lengths within one of each other, at most `parts` chunks.
#[test]
fn every_split_is_contiguous_complete_and_balanced() {
    for len in 0..60 {
        for parts in 0..20 {
            let ranges = split_ranges(len, parts);
            let mut next = 0;
            for range in &ranges {
                assert_eq!(range.start, next, "len {len}, parts {parts}: {ranges:?}");
                assert!(!range.is_empty(), "len {len}, parts {parts}: {ranges:?}");
                next = range.end;
            }
            assert_eq!(next, len, "len {len}, parts {parts}: {ranges:?}");
            assert!(ranges.len() <= parts.max(1));
            let shortest = ranges.iter().map(|r| r.len()).min().unwrap_or(0);
            let longest = ranges.iter().map(|r| r.len()).max().unwrap_or(0);
            assert!(
                longest - shortest <= 1,
                "len {len}, parts {parts}: {ranges:?}"
            );
        }
    }
}

// Pins the edge cases: no items, zero threads, more threads than items.
#[test]
fn empty_batches_zero_threads_and_too_many_threads() {
    assert!(split_ranges(0, 4).is_empty());
    assert_eq!(split_ranges(5, 0), vec![0..5]);
    assert_eq!(split_ranges(3, 16), vec![0..1, 1..2, 2..3]);
}

// Pins that the fingerprint ignores order, which is what lets chunks be
// combined in any order, and that it depends on every record.
#[test]
fn the_fingerprint_ignores_order_but_not_content() {
    let batch = records(1_000);
    let mut reversed = batch.clone();
    reversed.reverse();
    assert_eq!(fingerprint(&batch), fingerprint(&reversed));
    let mut changed = batch.clone();
    changed[500] += 1;
    assert_ne!(fingerprint(&batch), fingerprint(&changed));
    assert_eq!(fingerprint(&[]), 0);
}

// Pins that spawned and scoped threads agree with one thread for any count,
// including zero threads, more threads than records, and an empty batch.
#[test]
fn every_thread_count_gives_the_single_threaded_answer() {
    for count in [0, 1, 7, 1_000] {
        let batch = records(count);
        let expected = fingerprint(&batch);
        for threads in [0, 1, 2, 3, 8, 2_000] {
            assert_eq!(
                fingerprint_scoped(&batch, threads),
                expected,
                "{count}/{threads}"
            );
            let (spawned, bytes_copied) = fingerprint_spawned(&batch, threads);
            assert_eq!(spawned, expected, "{count}/{threads}");
            assert_eq!(bytes_copied, count * 8, "every record is copied once");
        }
    }
}

// Pins that one worker's panic reaches `join` as an Err with its message,
// while the other workers' results still come back, in chunk order.
#[test]
fn a_panicking_worker_comes_back_as_err_and_the_others_finish() {
    let mut batch = records(10);
    batch[7] = CORRUPT;
    let outcomes = worker_outcomes(&batch, 4);
    assert_eq!(outcomes.len(), 4);
    assert_eq!(outcomes[0], Ok(fingerprint(&batch[0..3])));
    assert_eq!(outcomes[1], Ok(fingerprint(&batch[3..6])));
    assert_eq!(outcomes[2], Err("record 7 is corrupt".to_string()));
    assert_eq!(outcomes[3], Ok(fingerprint(&batch[8..10])));
}

// Pins that each worker reports its own first corrupt record, by its index
// in the whole batch, and that a clean batch has no errors.
#[test]
fn several_corrupt_records_fail_only_their_workers() {
    let mut batch = records(9);
    batch[1] = CORRUPT;
    batch[2] = CORRUPT;
    batch[8] = CORRUPT;
    let outcomes = worker_outcomes(&batch, 3);
    assert_eq!(outcomes[0], Err("record 1 is corrupt".to_string()));
    assert_eq!(outcomes[1], Ok(fingerprint(&batch[3..6])));
    assert_eq!(outcomes[2], Err("record 8 is corrupt".to_string()));
    let clean = records(9);
    let total = worker_outcomes(&clean, 3)
        .into_iter()
        .map(|outcome| outcome.expect("no corrupt record"))
        .fold(0, u64::wrapping_add);
    assert_eq!(total, fingerprint(&clean));
    assert_eq!(fingerprint_checked(&clean, 0), fingerprint(&clean));
}

// Pins how a panic payload becomes text: &str, String, and anything else.
#[test]
fn panic_messages_are_read_from_str_string_and_other_payloads() {
    let literal = std::thread::spawn(|| panic!("literal")).join().unwrap_err();
    let formatted = std::thread::spawn(|| panic!("record {}", 3))
        .join()
        .unwrap_err();
    let number = std::thread::spawn(|| std::panic::panic_any(42_u8))
        .join()
        .unwrap_err();
    assert_eq!(panic_message(&*literal), "literal");
    assert_eq!(panic_message(&*formatted), "record 3");
    assert_eq!(panic_message(&*number), "a panic without a message");
}

// Pins the chapter's claim with bounds far below what any machine shows:
// starting a thread costs more than 100 function calls and 10 channel sends.
#[test]
fn a_thread_costs_more_than_a_call_and_a_channel_send() {
    let call = ns_per_function_call(2_000_000);
    let send = ns_per_channel_send(100_000);
    let spawn = ns_per_spawn_and_join(300);
    assert!(
        spawn > 100.0 * call,
        "spawn {spawn:.0} ns, call {call:.1} ns"
    );
    assert!(
        spawn > 10.0 * send,
        "spawn {spawn:.0} ns, send {send:.1} ns"
    );
}

// Pins the claim that waking a waiting thread costs more than a call, with
// a bound far below what any machine shows.
#[test]
fn a_round_trip_between_threads_costs_more_than_a_call() {
    let call = ns_per_function_call(2_000_000);
    let trip = ns_per_round_trip(2_000);
    assert!(trip > 10.0 * call, "trip {trip:.0} ns, call {call:.1} ns");
}

const FOUR_CORES: Scheduler = Scheduler {
    cores: 4,
    slice_us: 4_000,
    switch_us: 5,
};

// Pins the pool rows of the chapter: as many threads as cores never switch,
// and the jobs finish in waves of four.
#[test]
fn a_pool_no_bigger_than_the_cores_finishes_in_waves_without_switches() {
    let jobs = vec![100_000; 8];
    let pool = simulate(&jobs, 4, FOUR_CORES);
    assert_eq!(
        pool,
        Finish {
            first_us: 100_000,
            mean_us: 150_000,
            last_us: 200_000,
            switches: 0
        }
    );
    assert_eq!(simulate(&jobs, 2, FOUR_CORES).last_us, 400_000);
}

// Pins the thread-per-job row: eight threads on four cores take turns, so
// every job finishes near the end and each turn after the first pays a switch.
#[test]
fn a_thread_per_job_delays_every_job_to_the_end() {
    let jobs = vec![100_000; 8];
    let per_job = simulate(&jobs, 8, FOUR_CORES);
    assert_eq!(per_job.switches, 49 * 4);
    assert_eq!(per_job.first_us, 4_000 + 48 * 4_005);
    assert_eq!(per_job.last_us, 4_000 + 49 * 4_005);
    let pool = simulate(&jobs, 4, FOUR_CORES);
    assert!(per_job.mean_us > pool.mean_us + 45_000);
    assert!(per_job.last_us > pool.last_us);
}

// Pins the edge cases: no jobs, zero threads, and free switches, where the
// thread per job still delivers its first job later but the batch on time.
#[test]
fn no_jobs_zero_threads_and_free_switches() {
    assert_eq!(simulate(&[], 4, FOUR_CORES).last_us, 0);
    assert_eq!(simulate(&[10, 20], 0, FOUR_CORES).last_us, 30);
    let free = Scheduler {
        switch_us: 0,
        ..FOUR_CORES
    };
    let jobs = vec![100_000; 8];
    let per_job = simulate(&jobs, 8, free);
    assert_eq!(per_job.last_us, 200_000);
    assert!(per_job.first_us > 100_000);
}

// Pins that the recorded listing prints the same bytes every run.
#[test]
fn the_main_listing_is_deterministic() {
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_split-work"))
            .output()
            .expect("split-work runs")
    };
    let first = run();
    assert!(first.status.success());
    let text = String::from_utf8_lossy(&first.stdout);
    assert!(text.contains("every row equals the single-threaded fingerprint: true"));
    assert!(text.contains("worker 2, records 6..8: Err(\"record 7 is corrupt\")"));
    assert_eq!(first.stdout, run().stdout);
}
