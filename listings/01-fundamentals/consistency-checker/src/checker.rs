//! Deciding consistency models by searching for a legal order.
//!
//! Every model here asks the same question with a different rule for which
//! operation must come before which: is there one total order of the
//! operations, obeying that rule, in which every read returns the value of
//! the latest write before it (or 0 if there is none)?

use std::collections::HashSet;

use crate::history::{History, OpKind, Value};

/// `preds[j]` has bit `i` set when operation `i` must come before `j`.
type Preds = Vec<u64>;

// ANCHOR: search
/// Looks for an order of the operations in `members` (a set of indexes as
/// bits) that puts each one after its `preds` and lets every read return
/// the latest write. A write that was never answered may be left out of
/// the order: it may never have happened. Returns the order, or `None` if
/// there is none.
fn find_order(history: &History, members: u64, preds: &[u64]) -> Option<Vec<usize>> {
    let unanswered = history
        .ops()
        .iter()
        .enumerate()
        .filter(|(_, op)| op.is_unanswered())
        .fold(0u64, |bits, (i, _)| bits | 1 << i);
    let required = members & !unanswered;
    let mut order = Vec::new();
    let mut dead_ends = HashSet::new();
    let search = Search {
        history,
        members,
        required,
        preds,
    };
    extend(&search, 0, 0, &mut order, &mut dead_ends).then_some(order)
}

/// What stays fixed during one search.
struct Search<'a> {
    history: &'a History,
    members: u64,
    /// The members that must be placed: all but the unanswered writes.
    required: u64,
    preds: &'a [u64],
}

/// Depth-first: try each operation that may go next, and backtrack when a
/// read would return the wrong value. `placed` holds the operations already
/// in `order`; `value` is the register's value after them. A state that
/// failed once fails again, so `dead_ends` remembers it; without it the
/// search tries up to n! orders.
fn extend(
    search: &Search,
    placed: u64,
    value: Value,
    order: &mut Vec<usize>,
    dead_ends: &mut HashSet<(u64, Value)>,
) -> bool {
    let Search {
        history,
        members,
        required,
        preds,
    } = *search;
    if placed & required == required {
        return true;
    }
    if dead_ends.contains(&(placed, value)) {
        return false;
    }
    for (i, op) in history.ops().iter().enumerate() {
        let bit = 1u64 << i;
        let waiting = members & bit != 0 && placed & bit == 0;
        // Every operation that must come first is already placed.
        let ready = preds[i] & members & !placed == 0;
        if !waiting || !ready {
            continue;
        }
        let next_value = match op.kind {
            OpKind::Write(written) => written,
            OpKind::Read(seen) if seen == value => value,
            OpKind::Read(_) => continue, // this read cannot go here
        };
        order.push(i);
        if extend(search, placed | bit, next_value, order, dead_ends) {
            return true;
        }
        order.pop();
    }
    dead_ends.insert((placed, value));
    false
}
// ANCHOR_END: search

fn all_ops(history: &History) -> u64 {
    match history.ops().len() {
        64 => u64::MAX,
        n => (1u64 << n) - 1,
    }
}

// ANCHOR: relations
/// Real-time order: `i` before `j` when `i` returned before `j` was invoked.
fn real_time_order(history: &History) -> Preds {
    let ops = history.ops();
    ops.iter()
        .map(|later| {
            ops.iter()
                .enumerate()
                .filter(|(_, earlier)| earlier.ret < later.invoke)
                .fold(0, |bits, (i, _)| bits | 1 << i)
        })
        .collect()
}

/// Program order: `i` before `j` when the same client issued `i` first.
fn program_order(history: &History) -> Preds {
    let ops = history.ops();
    ops.iter()
        .map(|later| {
            ops.iter()
                .enumerate()
                .filter(|(_, earlier)| earlier.client == later.client && earlier.ret < later.invoke)
                .fold(0, |bits, (i, _)| bits | 1 << i)
        })
        .collect()
}
// ANCHOR_END: relations

/// Causal order: program order plus "a read comes after the write whose
/// value it returned", closed under transitivity.
fn causal_order(history: &History) -> Preds {
    let ops = history.ops();
    let mut preds = program_order(history);
    for (j, op) in ops.iter().enumerate() {
        if let OpKind::Read(seen) = op.kind
            && let Some(w) = ops.iter().position(|o| o.kind == OpKind::Write(seen))
        {
            preds[j] |= 1 << w;
        }
    }
    // Warshall on bit sets: whatever must precede k must precede what k precedes.
    for k in 0..ops.len() {
        for j in 0..ops.len() {
            if preds[j] & (1 << k) != 0 {
                preds[j] |= preds[k];
            }
        }
    }
    preds
}

// ANCHOR: models
/// Linearizable (Herlihy and Wing 1990): one order of all operations that
/// respects real time. Returns that order.
pub fn linearizable(history: &History) -> Option<Vec<usize>> {
    find_order(history, all_ops(history), &real_time_order(history))
}

/// Sequentially consistent (Lamport 1979): one order of all operations that
/// respects each client's program order, whatever real time says.
pub fn sequentially_consistent(history: &History) -> Option<Vec<usize>> {
    find_order(history, all_ops(history), &program_order(history))
}

/// Causally consistent, in the sense of causal memory (Ahamad et al. 1995):
/// each client may see its own order, but every one of them must contain
/// all writes and that client's operations, and respect causality (program
/// order plus reads-from). It does not ask that replicas converge, as
/// causal+ (COPS) does: that is a promise about the future.
pub fn causally_consistent(history: &History) -> bool {
    let preds = causal_order(history);
    let ops = history.ops();
    let writes = ops
        .iter()
        .enumerate()
        .filter(|(_, op)| matches!(op.kind, OpKind::Write(_)))
        .fold(0u64, |bits, (i, _)| bits | 1 << i);
    let mut clients: Vec<usize> = ops.iter().map(|op| op.client).collect();
    clients.sort_unstable();
    clients.dedup();
    clients.into_iter().all(|client| {
        let own = ops
            .iter()
            .enumerate()
            .filter(|(_, op)| op.client == client)
            .fold(0u64, |bits, (i, _)| bits | 1 << i);
        find_order(history, writes | own, &preds).is_some()
    })
}

/// Every read returns a value that some write wrote, or the initial 0.
/// This is not eventual consistency: that is a liveness property (once
/// writes stop, replicas end up agreeing), which no finite history can
/// break. This check only catches a read of a value nobody wrote.
pub fn reads_written_values(history: &History) -> bool {
    let ops = history.ops();
    ops.iter().all(|op| match op.kind {
        OpKind::Read(0) | OpKind::Write(_) => true,
        OpKind::Read(seen) => ops.iter().any(|o| o.kind == OpKind::Write(seen)),
    })
}
// ANCHOR_END: models

/// All four verdicts for one history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub linearizable: bool,
    pub sequential: bool,
    pub causal: bool,
    pub written_values: bool,
}

impl Verdict {
    /// Runs every check on `history`.
    pub fn of(history: &History) -> Verdict {
        Verdict {
            linearizable: linearizable(history).is_some(),
            sequential: sequentially_consistent(history).is_some(),
            causal: causally_consistent(history),
            written_values: reads_written_values(history),
        }
    }
}
