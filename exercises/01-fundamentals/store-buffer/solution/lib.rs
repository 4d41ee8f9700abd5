// --- solution ---
//! Reference solution of the store-buffer exercise: `tso_outcomes` explores
//! every execution of a machine where each thread's stores wait in a FIFO
//! buffer before they reach memory, as on x86.
//!
//! Layout: [`Op`] is one step of a thread's program; [`sc_outcomes`] (given)
//! enumerates every outcome under sequential consistency; [`tso_outcomes`]
//! does the same with a store buffer per thread.
// --- stub ---
// //! Your turn: enumerate everything a small program can read on a machine
// //! whose threads each keep their stores in a buffer before memory sees
// //! them, as x86 processors do.
// //!
// //! Layout: [`Op`] is one step of a thread's program; [`sc_outcomes`] is
// //! given: it enumerates every outcome under sequential consistency, where
// //! each store reaches memory at once. [`tso_outcomes`] is yours.
// //!
// //! Run `cargo test -p store-buffer` until every test passes.
// --- end ---

use std::collections::BTreeSet;
// --- solution ---
use std::collections::VecDeque;
// --- end ---

/// One step of a thread's program. Shared variables are numbered from 0 and
/// all start at 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Write `value` to variable `var`.
    Store { var: usize, value: u64 },
    /// Read variable `var`; the value read becomes part of the outcome.
    Load { var: usize },
    /// A full fence (x86's `mfence`): the thread waits here until all of its
    /// earlier stores have reached memory.
    Fence,
}

/// What one execution read: for each thread, the values its loads returned,
/// in the order of its program.
pub type Outcome = Vec<Vec<u64>>;

/// Every outcome under sequential consistency: the threads' steps run one at
/// a time, in some interleaving that keeps each thread's program order, and a
/// store is in memory the moment it runs. `vars` is the number of variables.
pub fn sc_outcomes(threads: &[Vec<Op>], vars: usize) -> BTreeSet<Outcome> {
    let start = Sc {
        memory: vec![0; vars],
        next: vec![0; threads.len()],
        reads: vec![Vec::new(); threads.len()],
    };
    let mut outcomes = BTreeSet::new();
    sc_explore(threads, start, &mut outcomes);
    outcomes
}

/// The state of a sequentially consistent machine part way through.
#[derive(Clone)]
struct Sc {
    memory: Vec<u64>,
    /// Index of each thread's next operation.
    next: Vec<usize>,
    reads: Outcome,
}

/// Tries every thread as the one that runs next, and records the reads of
/// each execution that finishes.
fn sc_explore(threads: &[Vec<Op>], state: Sc, outcomes: &mut BTreeSet<Outcome>) {
    let mut finished = true;
    for (t, program) in threads.iter().enumerate() {
        let Some(&op) = program.get(state.next[t]) else {
            continue; // this thread is done
        };
        finished = false;
        let mut after = state.clone();
        after.next[t] += 1;
        match op {
            Op::Store { var, value } => after.memory[var] = value,
            Op::Load { var } => after.reads[t].push(after.memory[var]),
            Op::Fence => {} // every store is already in memory
        }
        sc_explore(threads, after, outcomes);
    }
    if finished {
        outcomes.insert(state.reads);
    }
}

/// Every outcome on a machine with x86's memory model (x86-TSO: Sewell et
/// al., "x86-TSO", CACM 2010). Each thread has a FIFO store buffer:
///
/// - a store goes into the thread's own buffer, not into memory;
/// - at any moment, the oldest store in any thread's buffer may move to
///   memory (this is a step of its own, interleaved with all the others);
/// - a load returns the newest store to that variable in the thread's own
///   buffer if there is one, and otherwise the value in memory;
/// - a fence can run only when the thread's buffer is empty.
///
/// An execution finishes when every thread has run its program and every
/// buffer is empty. `vars` is the number of variables.
pub fn tso_outcomes(threads: &[Vec<Op>], vars: usize) -> BTreeSet<Outcome> {
    // --- solution ---
    let start = Tso {
        memory: vec![0; vars],
        next: vec![0; threads.len()],
        reads: vec![Vec::new(); threads.len()],
        buffers: vec![VecDeque::new(); threads.len()],
    };
    let mut outcomes = BTreeSet::new();
    tso_explore(threads, start, &mut outcomes);
    outcomes
    // --- stub ---
    // let _ = (threads, vars);
    // todo!("explore every execution with a store buffer per thread")
    // --- end ---
}
// --- solution ---

/// The state of an x86-TSO machine part way through: the SC state plus one
/// buffer of pending `(var, value)` stores per thread, oldest first.
#[derive(Clone)]
struct Tso {
    memory: Vec<u64>,
    next: Vec<usize>,
    reads: Outcome,
    buffers: Vec<VecDeque<(usize, u64)>>,
}

/// Tries every possible next step: any thread's oldest buffered store moving
/// to memory, or any thread running its next operation.
fn tso_explore(threads: &[Vec<Op>], state: Tso, outcomes: &mut BTreeSet<Outcome>) {
    let mut finished = true;
    for (t, program) in threads.iter().enumerate() {
        // Only the oldest store may leave: a FIFO buffer never lets two
        // stores of one thread reach memory out of order.
        if let Some(&(var, value)) = state.buffers[t].front() {
            finished = false;
            let mut after = state.clone();
            after.buffers[t].pop_front();
            after.memory[var] = value;
            tso_explore(threads, after, outcomes);
        }
        let Some(&op) = program.get(state.next[t]) else {
            continue;
        };
        finished = false;
        let mut after = state.clone();
        match op {
            Op::Store { var, value } => after.buffers[t].push_back((var, value)),
            Op::Load { var } => {
                // A thread sees its own pending store before anyone else does.
                let own = after.buffers[t]
                    .iter()
                    .rev()
                    .find(|&&(v, _)| v == var)
                    .map(|&(_, value)| value);
                let value = own.unwrap_or(after.memory[var]);
                after.reads[t].push(value);
            }
            Op::Fence => {
                if !after.buffers[t].is_empty() {
                    continue; // the drain steps above must run first
                }
            }
        }
        after.next[t] += 1;
        tso_explore(threads, after, outcomes);
    }
    if finished {
        outcomes.insert(state.reads);
    }
}
// --- end ---
