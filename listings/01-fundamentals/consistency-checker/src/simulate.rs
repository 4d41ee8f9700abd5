//! A register under load, in one thread, driven by a schedule.
//!
//! Clients take turns in the order the schedule picks. Each operation takes
//! three turns of its client: invoke, take effect, return. Other clients'
//! turns can fall in between, so operations overlap as they would over a
//! network, yet the run is a plain loop and replays exactly from its
//! schedule.

use std::sync::atomic::{AtomicU64, Ordering::SeqCst};

use crate::history::{History, Op, OpKind, Value};

/// Where reads are served from. Writes always go to the primary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadsFrom {
    /// The primary: one atomic register.
    Primary,
    /// An asynchronous replica that applies each write `lag` ticks after
    /// the primary did.
    Replica { lag: u64 },
}

// ANCHOR: read
/// What a read at tick `now` returns. The primary answers with its current
/// value. The replica answers with the last write it has applied: the
/// newest write the primary applied at least `lag` ticks ago.
fn read(
    reads_from: ReadsFrom,
    primary: &AtomicU64,
    applied_writes: &[(u64, Value)],
    now: u64,
) -> Value {
    match reads_from {
        ReadsFrom::Primary => primary.load(SeqCst),
        ReadsFrom::Replica { lag } => applied_writes
            .iter()
            .rev()
            .find(|(tick, _)| tick + lag <= now)
            .map_or(0, |&(_, value)| value),
    }
}
// ANCHOR_END: read

#[derive(Debug, Clone, Copy)]
enum Client {
    Idle {
        done: usize,
    },
    Invoked {
        write: bool,
        invoke: u64,
        done: usize,
    },
    Applied {
        kind: OpKind,
        invoke: u64,
        done: usize,
    },
    Finished,
}

/// Runs `clients` clients doing `ops_per_client` operations each (a write of
/// a fresh value or a read, as `pick` decides) and returns what they saw.
/// `pick(n)` returns a number below `n`: which client moves next, and
/// whether it writes. Panics if that makes more than 64 operations.
pub fn run(
    clients: usize,
    ops_per_client: usize,
    reads_from: ReadsFrom,
    pick: &mut impl FnMut(u64) -> u64,
) -> History {
    let primary = AtomicU64::new(0);
    let mut applied_writes: Vec<(u64, Value)> = Vec::new(); // (tick, value)
    let mut next_value: Value = 1;
    let mut state = vec![Client::Idle { done: 0 }; clients];
    let mut ops = Vec::new();
    let mut now: u64 = 0;
    if ops_per_client == 0 {
        state.fill(Client::Finished);
    }
    loop {
        let active: Vec<usize> = (0..clients)
            .filter(|&c| !matches!(state[c], Client::Finished))
            .collect();
        if active.is_empty() {
            break;
        }
        now += 1;
        let client = active[pick(active.len() as u64) as usize % active.len()];
        state[client] = match state[client] {
            Client::Idle { done } => Client::Invoked {
                write: pick(2) == 0,
                invoke: now,
                done,
            },
            Client::Invoked {
                write,
                invoke,
                done,
            } => {
                let kind = if write {
                    let value = next_value;
                    next_value += 1;
                    primary.store(value, SeqCst);
                    applied_writes.push((now, value));
                    OpKind::Write(value)
                } else {
                    OpKind::Read(read(reads_from, &primary, &applied_writes, now))
                };
                Client::Applied { kind, invoke, done }
            }
            Client::Applied { kind, invoke, done } => {
                ops.push(Op {
                    client,
                    kind,
                    invoke,
                    ret: now,
                });
                if done + 1 == ops_per_client {
                    Client::Finished
                } else {
                    Client::Idle { done: done + 1 }
                }
            }
            Client::Finished => unreachable!("only active clients move"),
        };
    }
    History::new(ops).expect("a simulated run is a valid history")
}
