// --- solution ---
//! Reference solution of the cas-register exercise: a depth-first search
//! for an order, placing at each step any operation whose real-time
//! predecessors are all placed, and remembering each (operations placed,
//! register value) pair that led nowhere so it is never explored twice.
// --- stub ---
// //! Your turn: decide whether a history of a register with compare-and-set
// //! is linearizable. Lock services and leader elections (etcd, ZooKeeper,
// //! Consul) are built on exactly this operation, and "two clients both won
// //! the compare-and-set" is the bug a checker like this one finds.
// //!
// //! Layout: [`Op`] and [`OpKind`] describe one operation as a client saw it;
// //! [`is_linearizable`] is the function you write.
// //!
// //! Run `cargo test -p cas-register` until every test passes.
// --- end ---

/// What an operation did. The register starts at 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpKind {
    /// Read, and got this value back.
    Read(u64),
    /// Wrote this value.
    Write(u64),
    /// Compare-and-set: if the value was `expected`, set it to `new`.
    /// `ok` is what the client was told: true if the swap happened.
    Cas { expected: u64, new: u64, ok: bool },
}

/// One operation: sent at `invoke`, answered at `ret` (`invoke <= ret`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Op {
    pub client: usize,
    pub kind: OpKind,
    pub invoke: u64,
    pub ret: u64,
}

/// True when there is one order of all `ops` that respects real time (if
/// `a` returned before `b` was invoked, `a` comes first) and in which every
/// operation's result is what the register would have answered: a read
/// returns the current value, and a compare-and-set reports `ok` exactly
/// when the current value equals `expected` (and then sets `new`).
///
/// Panics if there are more than 64 operations.
pub fn is_linearizable(ops: &[Op]) -> bool {
    assert!(ops.len() <= 64, "at most 64 operations");
    // --- solution ---
    let all = if ops.len() == 64 {
        u64::MAX
    } else {
        (1u64 << ops.len()) - 1
    };
    // preds[j]: operations that returned before j was invoked.
    let preds: Vec<u64> = ops
        .iter()
        .map(|later| {
            ops.iter()
                .enumerate()
                .filter(|(_, earlier)| earlier.ret < later.invoke)
                .fold(0, |bits, (i, _)| bits | 1 << i)
        })
        .collect();
    let mut dead_ends = std::collections::HashSet::new();
    search(ops, &preds, all, 0, 0, &mut dead_ends)
    // --- stub ---
    // todo!("search for an order, as the chapter's checker does, with one more kind of operation")
    // --- end ---
}
// --- solution ---

/// The register's answer to `kind` when it holds `value`: the value after
/// the operation, or `None` if the operation's recorded result is impossible.
fn step(kind: OpKind, value: u64) -> Option<u64> {
    match kind {
        OpKind::Read(seen) => (seen == value).then_some(value),
        OpKind::Write(written) => Some(written),
        OpKind::Cas { expected, new, ok } => match (expected == value, ok) {
            (true, true) => Some(new),
            (false, false) => Some(value),
            _ => None,
        },
    }
}

fn search(
    ops: &[Op],
    preds: &[u64],
    all: u64,
    placed: u64,
    value: u64,
    dead_ends: &mut std::collections::HashSet<(u64, u64)>,
) -> bool {
    if placed == all {
        return true;
    }
    if dead_ends.contains(&(placed, value)) {
        return false;
    }
    for (i, op) in ops.iter().enumerate() {
        let bit = 1u64 << i;
        if placed & bit != 0 || preds[i] & !placed != 0 {
            continue;
        }
        if let Some(next) = step(op.kind, value)
            && search(ops, preds, all, placed | bit, next, dead_ends)
        {
            return true;
        }
    }
    dead_ends.insert((placed, value));
    false
}
// --- end ---
