//! A simulated scheduler for equal CPU-bound jobs, to show what threads
//! beyond the core count do to the time each job finishes. It is a model,
//! not a measurement: a real OS scheduler is fairer and messier, but shares
//! cores between runnable threads the same way (each gets a turn).

use std::collections::VecDeque;

/// The machine and its scheduler, in microseconds.
#[derive(Debug, Clone, Copy)]
pub struct Scheduler {
    /// Cores: at most this many threads run at any moment.
    pub cores: usize,
    /// How long a thread runs before another runnable thread gets the core.
    pub slice_us: u64,
    /// What a core pays to switch from one thread to another.
    pub switch_us: u64,
}

/// When the jobs of a batch finished, and how many switches it took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finish {
    /// When the first job finished.
    pub first_us: u64,
    /// The mean of all jobs' finishing times: what a caller waits on average.
    pub mean_us: u64,
    /// When the last job finished: the batch is done.
    pub last_us: u64,
    /// How many times a core switched from one thread to another.
    pub switches: u64,
}

// ANCHOR: simulate
/// Runs `jobs` (each a length of CPU time in µs) on `threads` threads that
/// each take the next job from a shared queue when they finish one. The
/// scheduler works in rounds: the first `cores` runnable threads each run
/// for one slice (or until their job ends), then go to the back of the line.
/// A core that runs a different thread than in its last round pays a switch.
pub fn simulate(jobs: &[u64], threads: usize, scheduler: Scheduler) -> Finish {
    let cores = scheduler.cores.max(1);
    let slice = scheduler.slice_us.max(1);
    let mut waiting: VecDeque<u64> = jobs.iter().copied().collect();
    // Each thread starts with a job; a thread with none never runs.
    let mut runnable: VecDeque<(usize, u64)> = (0..threads.max(1))
        .map_while(|thread| waiting.pop_front().map(|job| (thread, job)))
        .collect();
    let mut last_on_core: Vec<Option<usize>> = vec![None; cores];
    let (mut now, mut switches) = (0, 0);
    let mut finished: Vec<u64> = Vec::with_capacity(jobs.len());
    while !runnable.is_empty() {
        let round: Vec<(usize, u64)> = (0..cores).map_while(|_| runnable.pop_front()).collect();
        let mut round_length = 0;
        for (core, (thread, left)) in round.into_iter().enumerate() {
            let switch = match last_on_core[core] {
                Some(previous) if previous != thread => scheduler.switch_us,
                _ => 0,
            };
            switches += u64::from(switch > 0);
            last_on_core[core] = Some(thread);
            let ran = left.min(slice);
            round_length = round_length.max(switch + ran);
            if ran == left {
                finished.push(now + switch + ran);
                // The thread takes the next job, if any, and stays in line.
                if let Some(job) = waiting.pop_front() {
                    runnable.push_back((thread, job));
                }
            } else {
                runnable.push_back((thread, left - ran));
            }
        }
        now += round_length;
    }
    let count = finished.len().max(1) as u64;
    Finish {
        first_us: finished.iter().copied().min().unwrap_or(0),
        mean_us: finished.iter().sum::<u64>() / count,
        last_us: finished.iter().copied().max().unwrap_or(0),
        switches,
    }
}
// ANCHOR_END: simulate
