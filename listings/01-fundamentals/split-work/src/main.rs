//! Prints facts about splitting the fingerprint job over threads that hold
//! on every run and every machine: the results, how the batch is cut, and
//! which worker a corrupt record brings down. No timings (see `--bin cost`).

use split_work::workers::{CORRUPT, fingerprint_scoped, fingerprint_spawned, worker_outcomes};
use split_work::{fingerprint, records, split_ranges};
use std::ops::Range;

const BATCH: usize = 100_000;
const SMALL_BATCH: usize = 10;
const CORRUPT_INDEX: usize = 7;

fn main() {
    let batch = records(BATCH);
    let one_thread = fingerprint(&batch);
    println!("Fingerprint of {BATCH} records on scoped threads (0 bytes copied):");
    println!("{:<8} {:<32} fingerprint", "threads", "chunk lengths");
    let mut all_equal = true;
    for threads in 1..=4 {
        let scoped = fingerprint_scoped(&batch, threads);
        all_equal &= scoped == one_thread;
        let lengths: Vec<String> = split_ranges(BATCH, threads)
            .iter()
            .map(|range| range.len().to_string())
            .collect();
        println!("{:<8} {:<32} {:#018x}", threads, lengths.join(", "), scoped);
    }
    let (spawned, bytes_copied) = fingerprint_spawned(&batch, 4);
    println!(
        "thread::spawn with owned copies, 4 threads: {spawned:#018x}, {bytes_copied} bytes copied"
    );
    println!(
        "every row equals the single-threaded fingerprint: {}",
        all_equal && spawned == one_thread
    );

    println!();
    println!("Cutting {SMALL_BATCH} records into chunks:");
    for threads in [3, 4] {
        println!(
            "{threads} threads: {}",
            ranges_text(&split_ranges(SMALL_BATCH, threads))
        );
    }
    println!(
        "16 threads: {} chunks of one record (no thread gets nothing)",
        split_ranges(SMALL_BATCH, 16).len()
    );

    println!();
    println!(
        "Record {CORRUPT_INDEX} of {SMALL_BATCH} is corrupt; 4 workers check and fingerprint:"
    );
    let mut small = records(SMALL_BATCH);
    small[CORRUPT_INDEX] = CORRUPT;
    let chunks = split_ranges(SMALL_BATCH, 4);
    for (worker, (range, outcome)) in chunks.iter().zip(worker_outcomes(&small, 4)).enumerate() {
        let outcome = match outcome {
            Ok(value) => format!("Ok({value:#018x})"),
            Err(message) => format!("Err({message:?})"),
        };
        println!("worker {worker}, records {range:?}: {outcome}");
    }
}

fn ranges_text(ranges: &[Range<usize>]) -> String {
    let parts: Vec<String> = ranges.iter().map(|range| format!("{range:?}")).collect();
    parts.join(", ")
}
