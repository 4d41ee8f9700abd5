//! The pipeline on a simulated clock. Each stage takes exactly `cost_ticks`
//! ticks per item, so the numbers are the same on every machine and every run.

use crate::pipeline::Stage;

/// What the simulation measured.
#[derive(Debug, Clone, PartialEq)]
pub struct SimRun {
    /// Tick at which the last item left the pipeline.
    pub total_ticks: u64,
    /// Tick at which the first item left: the time to fill the pipeline.
    pub first_out_tick: u64,
    /// Average ticks between two items leaving, once the first is out
    /// (`None` for fewer than two items).
    pub ticks_per_item: Option<f64>,
    /// Most items ever waiting in each channel between two stages.
    pub peak_waiting: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Worker {
    Idle,
    Busy {
        ticks_left: u64,
    },
    /// Finished its item but the next channel is full: waits in `send`.
    Blocked,
}

// ANCHOR: model
/// The rule of thumb: a stage with `w` workers that each take `c` ticks per
/// item finishes one item every `c / w` ticks, and the pipeline can go no
/// faster than its slowest stage. Returns the slowest stages (several when
/// they tie) and their ticks per item.
pub fn bottleneck(stages: &[Stage]) -> (Vec<Stage>, f64) {
    let per_item = |s: &Stage| s.cost_ticks as f64 / s.workers as f64;
    let slowest = stages
        .iter()
        .map(per_item)
        .max_by(f64::total_cmp)
        .expect("a pipeline needs at least one stage");
    let stages = stages.iter().filter(|s| per_item(s) == slowest).copied();
    (stages.collect(), slowest)
}
// ANCHOR_END: model

/// Pushes `items` items through `stages`, one tick at a time. Every channel
/// between two stages holds at most `capacity` items (`usize::MAX` for an
/// unbounded channel). A worker takes an item when it is idle, works
/// `cost_ticks` ticks, then hands the item on, waiting while the next
/// channel is full. A capacity of 0 (a hand-to-hand channel) is not modelled.
pub fn simulate(stages: &[Stage], items: usize, capacity: usize) -> SimRun {
    assert!(!stages.is_empty(), "a pipeline needs at least one stage");
    assert!(
        capacity > 0,
        "the model needs channels that hold at least one item"
    );
    assert!(
        stages.iter().all(|s| s.workers > 0 && s.cost_ticks > 0),
        "every stage needs a worker and costs at least one tick"
    );
    let mut workers: Vec<Vec<Worker>> = stages
        .iter()
        .map(|s| vec![Worker::Idle; s.workers])
        .collect();
    // waiting[i] sits between stage i and stage i + 1.
    let mut waiting = vec![0usize; stages.len() - 1];
    let mut peak_waiting = waiting.clone();
    let mut not_started = items;
    let mut out_ticks: Vec<u64> = Vec::with_capacity(items);
    // Every item passes every stage alone in the worst case, plus one tick
    // per hand-off: a bound that a correct model never reaches.
    let limit = items as u64 * stages.iter().map(|s| s.cost_ticks + 1).sum::<u64>();

    let mut tick = 0u64;
    while out_ticks.len() < items {
        assert!(tick <= limit, "the simulation stopped making progress");
        // Hand-offs: finished workers pass their item to the next channel.
        for (s, stage_workers) in workers.iter_mut().enumerate() {
            for worker in stage_workers.iter_mut().filter(|w| **w == Worker::Blocked) {
                if s + 1 == stages.len() {
                    out_ticks.push(tick);
                } else if waiting[s] < capacity {
                    waiting[s] += 1;
                } else {
                    continue; // channel full: stay blocked
                }
                *worker = Worker::Idle;
            }
        }
        if out_ticks.len() == items {
            break;
        }
        // Idle workers take the next item from their input.
        for (s, stage_workers) in workers.iter_mut().enumerate() {
            for worker in stage_workers.iter_mut().filter(|w| **w == Worker::Idle) {
                let input = if s == 0 {
                    &mut not_started
                } else {
                    &mut waiting[s - 1]
                };
                if *input > 0 {
                    *input -= 1;
                    *worker = Worker::Busy {
                        ticks_left: stages[s].cost_ticks,
                    };
                }
            }
        }
        for (peak, now) in peak_waiting.iter_mut().zip(&waiting) {
            *peak = (*peak).max(*now);
        }
        // One tick of work for everyone who is busy.
        for worker in workers.iter_mut().flatten() {
            if let Worker::Busy { ticks_left } = worker {
                *ticks_left -= 1;
                if *ticks_left == 0 {
                    *worker = Worker::Blocked;
                }
            }
        }
        tick += 1;
    }

    let first_out_tick = out_ticks.first().copied().unwrap_or(0);
    let ticks_per_item = (items >= 2).then(|| (tick - first_out_tick) as f64 / (items - 1) as f64);
    SimRun {
        total_ticks: tick,
        first_out_tick,
        ticks_per_item,
        peak_waiting,
    }
}
