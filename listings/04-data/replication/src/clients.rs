//! The clients of every protocol in the crate, and the properties their
//! histories are judged by.
//!
//! Each client runs a seeded plan: think a few ms, then read or write
//! through one server, wait for the answer or give up. Writes carry values
//! unique in the run (client 1 writes 11, 12, ...), so a read names the
//! write it saw. A write that fails or times out is recorded as unanswered
//! (it may take effect later, or never) and the client carries on under a
//! new name; a read without an answer tells nothing and is left out.

use consistency_checker::{History, NO_ANSWER, Op, OpKind};
use fault_sweep::Rng;

/// How a server answered a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Written,
    Value(u64),
    Failed,
}

/// A request a client sends: operation number, and the value to write or
/// `None` to read.
#[derive(Debug, Clone, Copy)]
pub struct Request {
    pub op: u64,
    pub write: Option<u64>,
}

#[derive(Debug, Clone, Copy)]
struct Planned {
    think: u64,
    write: bool,
    server: usize,
}

#[derive(Debug, Clone, Copy)]
struct Current {
    op: u64,
    invoke: u64,
    value: Option<u64>,
    server: usize,
}

/// One operation as a client saw it, and the server it asked.
#[derive(Debug, Clone, Copy)]
pub struct Record {
    pub op: Op,
    pub server: usize,
}

pub struct Clients {
    /// The node index of client 0.
    pub first: usize,
    plans: Vec<Vec<Planned>>,
    next: Vec<usize>,
    current: Vec<Option<Current>>,
    names: Vec<usize>,
    pub records: Vec<Record>,
    /// The virtual time the last client finished.
    pub done_at: u64,
}

pub const CLIENT_TIMEOUT: u64 = 250;

impl Clients {
    /// `clients` clients, `ops` operations each, through servers
    /// `0..servers`; `write_percent` of operations are writes.
    pub fn plan(seed: u64, clients: usize, ops: usize, servers: usize, first: usize) -> Clients {
        let mut rng = Rng::new(seed ^ 0x00C1_1E27);
        let plans = (0..clients)
            .map(|_| {
                (0..ops)
                    .map(|_| Planned {
                        think: 1 + rng.below(40),
                        write: rng.below(5) < 2,
                        server: rng.below(servers as u64) as usize,
                    })
                    .collect()
            })
            .collect();
        Clients {
            first,
            plans,
            next: vec![0; clients],
            current: vec![None; clients],
            names: (0..clients).collect(),
            records: Vec::new(),
            done_at: 0,
        }
    }

    /// Clients with fixed plans: per client, (think ms, write?, server) for
    /// each operation.
    pub fn scripted(plans: &[&[(u64, bool, usize)]], first: usize) -> Clients {
        let plans: Vec<Vec<Planned>> = plans
            .iter()
            .map(|ops| {
                ops.iter()
                    .map(|&(think, write, server)| Planned {
                        think,
                        write,
                        server,
                    })
                    .collect()
            })
            .collect();
        let n = plans.len();
        Clients {
            first,
            plans,
            next: vec![0; n],
            current: vec![None; n],
            names: (0..n).collect(),
            records: Vec::new(),
            done_at: 0,
        }
    }

    /// How many clients.
    pub fn len(&self) -> usize {
        self.plans.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.plans.is_empty()
    }

    /// The think time before the client's next operation, or `None` when
    /// its plan is done.
    pub fn think(&self, client: usize) -> Option<u64> {
        self.plans[client].get(self.next[client]).map(|p| p.think)
    }

    /// Whether every client has finished its plan.
    pub fn finished(&self) -> bool {
        (0..self.len()).all(|c| self.next[c] >= self.plans[c].len() && self.current[c].is_none())
    }

    /// Starts the client's next operation: the server its plan names (the
    /// caller may send elsewhere, e.g. to the leader) and the request.
    pub fn begin(&mut self, client: usize, now: u64) -> (usize, Request) {
        let k = self.next[client];
        let planned = self.plans[client][k];
        self.next[client] += 1;
        let op = (client * 1000 + k) as u64;
        let value = planned
            .write
            .then_some(10 * (client as u64 + 1) + k as u64 + 1);
        self.current[client] = Some(Current {
            op,
            invoke: now,
            value,
            server: planned.server,
        });
        (planned.server, Request { op, write: value })
    }

    /// Notes that the client's current operation went to `server`.
    pub fn redirect(&mut self, client: usize, server: usize) {
        if let Some(current) = self.current[client].as_mut() {
            current.server = server;
        }
    }

    /// Records the answer to `op` (a timeout is `Answer::Failed`). Returns
    /// whether it was the client's current operation, so that the caller
    /// schedules the next one.
    pub fn finish(&mut self, client: usize, op: u64, answer: Answer, now: u64) -> bool {
        let Some(current) = self.current[client].filter(|c| c.op == op) else {
            return false;
        };
        self.current[client] = None;
        self.done_at = self.done_at.max(now);
        let name = self.names[client];
        let recorded = match (current.value, answer) {
            (Some(v), Answer::Written) => Some(Op::write(name, v, current.invoke, now)),
            (Some(v), _) => {
                self.names[client] += self.len();
                Some(Op::unanswered_write(name, v, current.invoke))
            }
            (None, Answer::Value(v)) => Some(Op::read(name, v, current.invoke, now)),
            (None, _) => None,
        };
        if let Some(op) = recorded {
            self.records.push(Record {
                op,
                server: current.server,
            });
        }
        true
    }

    /// The history, sorted by invoke time.
    pub fn history(&self) -> History {
        let mut ops: Vec<Op> = self.records.iter().map(|r| r.op).collect();
        ops.sort_by_key(|o| (o.invoke, o.client));
        History::new(ops).expect("the clients record a valid history")
    }
}

// ANCHOR: stale
/// A stale read: a read that returned a value older than a write that was
/// acknowledged before the read was sent. "Older" is decided from the
/// history alone: the value's write was acknowledged before that newer
/// write was sent (the initial 0 is older than every write). Returns the
/// read and the newer write.
pub fn stale_read(history: &History) -> Option<(usize, usize)> {
    let ops = history.ops();
    let write_of = |v: u64| ops.iter().position(|o| o.kind == OpKind::Write(v));
    for (r, read) in ops.iter().enumerate() {
        let OpKind::Read(seen) = read.kind else {
            continue;
        };
        let seen_write = write_of(seen);
        let newer = ops.iter().position(|w| {
            matches!(w.kind, OpKind::Write(_))
                && w.ret != NO_ANSWER
                && w.ret < read.invoke
                && seen_write.is_none_or(|s| ops[s].ret < w.invoke)
        });
        if let Some(w) = newer {
            return Some((r, w));
        }
    }
    None
}
// ANCHOR_END: stale

/// The values of acknowledged writes.
pub fn acknowledged(history: &History) -> Vec<u64> {
    history
        .ops()
        .iter()
        .filter_map(|o| match o.kind {
            OpKind::Write(v) if o.ret != NO_ANSWER => Some(v),
            _ => None,
        })
        .collect()
}

/// The values reads returned, the initial 0 left out.
pub fn read_values(history: &History) -> Vec<u64> {
    history
        .ops()
        .iter()
        .filter_map(|o| match o.kind {
            OpKind::Read(v) if v != 0 => Some(v),
            _ => None,
        })
        .collect()
}

/// One operation as `c2' write 23 via r1 [120..184]`.
pub fn describe(op: &Op, server: usize, clients: usize) -> String {
    let client = format!(
        "c{}{}",
        op.client % clients + 1,
        "'".repeat(op.client / clients)
    );
    let ret = if op.ret == NO_ANSWER {
        "?".to_string()
    } else {
        op.ret.to_string()
    };
    format!(
        "{client:<4} {:<11} via r{} [{}..{ret}]",
        op.kind.to_string(),
        server + 1,
        op.invoke
    )
}
