//! A pipeline on real threads: each stage is a small pool, and bounded
//! channels join the stages.

use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread;

use crate::reorder::ReorderBuffer;

/// One stage of a pipeline: its name, how many worker threads it runs, and
/// what one item costs it (in ticks of the simulated clock; on real threads,
/// in rounds of arithmetic).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stage {
    pub name: &'static str,
    pub workers: usize,
    pub cost_ticks: u64,
}

/// The chapter's image pipeline: decode (1 tick), resize (3), upload (2),
/// with the given number of workers at each stage.
pub fn image_stages(decode: usize, resize: usize, upload: usize) -> [Stage; 3] {
    [
        Stage {
            name: "decode",
            workers: decode,
            cost_ticks: 1,
        },
        Stage {
            name: "resize",
            workers: resize,
            cost_ticks: 3,
        },
        Stage {
            name: "upload",
            workers: upload,
            cost_ticks: 2,
        },
    ]
}

/// An item flowing through the pipeline; the id restores order at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub id: usize,
    pub value: u64,
}

/// The work of stage number `stage` on one value: `cost` rounds of mixing,
/// so a stage that costs more really does take longer.
pub fn apply(stage: usize, cost: u64, value: u64) -> u64 {
    (0..cost * 10_000).fold(value, |v, _| {
        v.wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(stage as u64 * 2 + 1)
    })
}

/// What every item should end up as: all stages applied in order, on one thread.
pub fn expected(stages: &[Stage], id: usize) -> u64 {
    stages
        .iter()
        .enumerate()
        .fold(id as u64, |v, (i, s)| apply(i, s.cost_ticks, v))
}

/// What a real run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipelineRun {
    /// Items each stage processed, stage by stage.
    pub processed: Vec<usize>,
    /// What came out of the last stage, after the reorder buffer.
    pub outputs: Vec<Item>,
}

// ANCHOR: stage
/// Starts one stage: `workers` threads share `input` and all send to `output`.
/// The output channel is bounded, so a fast stage blocks in `send` when the
/// next stage falls behind instead of piling items up in memory.
fn spawn_stage(
    index: usize,
    stage: Stage,
    input: Receiver<Item>,
    output: SyncSender<Item>,
) -> Vec<thread::JoinHandle<usize>> {
    let input = Arc::new(Mutex::new(input));
    (0..stage.workers)
        .map(|_| {
            let input = Arc::clone(&input);
            let output = output.clone();
            thread::spawn(move || {
                let mut processed = 0;
                loop {
                    let next = input.lock().expect("lock poisoned").recv();
                    let Ok(item) = next else { break }; // upstream closed: done
                    let value = apply(index, stage.cost_ticks, item.value);
                    processed += 1;
                    if output.send(Item { value, ..item }).is_err() {
                        break;
                    }
                }
                processed // dropping `output` here is how this stage closes the next
            })
        })
        .collect()
}
// ANCHOR_END: stage

/// Runs `items` items through `stages` on real threads, with every channel
/// holding at most `capacity` items, and restores their order at the end.
pub fn run_pipeline(stages: &[Stage], items: usize, capacity: usize) -> PipelineRun {
    assert!(
        stages.iter().all(|s| s.workers > 0),
        "every stage needs a worker"
    );
    let (source_tx, mut upstream) = mpsc::sync_channel::<Item>(capacity);
    let mut handles = Vec::new();
    for (index, &stage) in stages.iter().enumerate() {
        let (tx, rx) = mpsc::sync_channel::<Item>(capacity);
        handles.push(spawn_stage(index, stage, upstream, tx));
        upstream = rx;
    }

    // The source runs on its own thread so the main thread can drain the end.
    let source = thread::spawn(move || {
        for id in 0..items {
            let item = Item {
                id,
                value: id as u64,
            };
            if source_tx.send(item).is_err() {
                break;
            }
        }
    });

    let mut reorder = ReorderBuffer::new();
    let mut outputs = Vec::with_capacity(items);
    for item in upstream {
        outputs.extend(reorder.push(item.id, item));
    }
    source.join().expect("the source panicked");
    let processed = handles
        .into_iter()
        .map(|stage| {
            stage
                .into_iter()
                .map(|h| h.join().expect("a worker panicked"))
                .sum()
        })
        .collect();
    PipelineRun { processed, outputs }
}
