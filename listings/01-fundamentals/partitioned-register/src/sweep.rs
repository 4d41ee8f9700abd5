//! The CP register under faults: four clients send reads and writes to
//! random replicas while the seed's schedule partitions the network, drops
//! and delays messages, and crashes and restarts replicas. The history the
//! clients saw goes through the consistency checker's linearizability
//! search. `src/bin/partitioned-register-faults.rs` sweeps many seeds with it (see the
//! `fault-sweep` crate).

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use consistency_checker::rng::SplitMix64;
use consistency_checker::{History, NO_ANSWER, Op, OpKind, linearizable};
use fault_sweep::{Outcome, Schedule};
use tokio::time::sleep;

use crate::message::{Message, Stamp};
use crate::replica::{Protocol, Quorum};
use crate::scenarios::{CP, Cluster, REPLICAS, call_within};

pub const CLIENTS: usize = 4;
pub const OPS_PER_CLIENT: usize = 8;
/// How long a replica waits for its peers, and a client for its replica.
/// A read takes two round trips to a majority, and a message up to 32 ms.
const QUORUM_TIMEOUT: Duration = Duration::from_millis(100);
const CLIENT_TIMEOUT: Duration = Duration::from_millis(300);
/// Anti-entropy waits longer than a run lasts. ABD needs none, and gossip
/// would repair stale copies before the broken variants' bugs can show.
const NO_GOSSIP: Duration = Duration::from_secs(3600);
/// Faults start and end within this much of the start of the run.
pub const FAULT_HORIZON: Duration = Duration::from_millis(800);
/// A client waits 1 to this many ms before each operation.
const MAX_THINK_MS: u64 = 20;

/// The variants the `faults` binary accepts, by name.
pub const VARIANTS: [(&str, Protocol); 5] = [
    ("naive", Protocol::Naive),
    ("abd", Protocol::Abd),
    ("abd-without-query", Protocol::AbdWithoutQuery),
    ("abd-without-write-back", Protocol::AbdWithoutWriteBack),
    ("abd-without-waiting", Protocol::AbdWithoutWaiting),
];

/// The faults of one seed.
pub fn schedule(seed: u64) -> Schedule {
    Schedule::generate(seed, &REPLICAS, FAULT_HORIZON)
}

/// One operation as the client saw it, with the replica it called and, for
/// an acknowledged write, the stamp the replica gave it.
#[derive(Debug, Clone, Copy)]
pub struct Record {
    pub op: Op,
    pub replica: &'static str,
    pub stamp: Option<Stamp>,
}

// ANCHOR: client
/// One client: `plan` holds, per operation, the think time, the replica to
/// call and whether to write. Writes carry values unique in the run
/// (client 1 writes 11, 12, ...). An operation without an answer (a
/// refusal, or no reply in time) is a write whose outcome is unknown, or a
/// read that tells nothing and is left out; the client then carries on
/// under a new name, since its old operation may still take effect.
async fn client(
    id: usize,
    plan: Vec<(u64, &'static str, bool)>,
    records: Rc<RefCell<Vec<Record>>>,
) -> turmoil::Result {
    let mut name = id;
    for (k, (think_ms, replica, write)) in plan.into_iter().enumerate() {
        sleep(Duration::from_millis(think_ms)).await;
        let invoke = now_ms();
        let value = 10 * (id as u64 + 1) + k as u64 + 1;
        let request = if write {
            Message::Write {
                value: value.to_string(),
            }
        } else {
            Message::Read
        };
        let answer = call_within(replica, request, CLIENT_TIMEOUT).await.ok();
        let ret = now_ms();
        let (op, stamp) = match answer {
            Some(Message::Written { stamp }) => (Op::write(name, value, invoke, ret), Some(stamp)),
            Some(Message::Value { current }) => {
                let seen = current.map_or(Ok(0), |v| v.value.parse())?;
                (Op::read(name, seen, invoke, ret), None)
            }
            _ if write => (Op::unanswered_write(name, value, invoke), None),
            _ => continue,
        };
        records.borrow_mut().push(Record { op, replica, stamp });
        if op.ret == NO_ANSWER {
            name += CLIENTS;
        }
    }
    Ok(())
}
// ANCHOR_END: client

fn now_ms() -> u64 {
    let elapsed = turmoil::sim_elapsed().expect("called inside the simulation");
    u64::try_from(elapsed.as_millis()).expect("a short simulation")
}

/// Runs `protocol` under `schedule` with `seed` and returns what the
/// clients saw, sorted by invoke time.
pub fn records(protocol: Protocol, seed: u64, schedule: &Schedule) -> Vec<Record> {
    let sim = schedule.builder(seed, Duration::from_secs(60)).build();
    let quorum = Quorum {
        protocol,
        timeout: QUORUM_TIMEOUT,
        ..CP
    };
    let mut cluster = Cluster::on(sim, quorum, NO_GOSSIP);
    let mut workload = SplitMix64::new(seed);
    let records = Rc::new(RefCell::new(Vec::new()));
    for id in 0..CLIENTS {
        let plan = (0..OPS_PER_CLIENT)
            .map(|_| {
                let think = 1 + workload.below(MAX_THINK_MS);
                let replica = REPLICAS[workload.below(3) as usize];
                (think, replica, workload.below(5) < 2)
            })
            .collect();
        let name = format!("client-{}", id + 1);
        cluster
            .sim
            .client(name, client(id, plan, Rc::clone(&records)));
    }
    fault_sweep::drive(&mut cluster.sim, schedule, &REPLICAS).expect("every client finishes");
    let mut records = records.take();
    records.sort_by_key(|r| (r.op.invoke, r.op.client));
    records
}

/// One seed for the sweep: the history in words, with the operations that
/// break linearizability marked, and the checker's verdict.
pub fn run(variant: &str, seed: u64, schedule: &Schedule) -> Outcome {
    let protocol = VARIANTS
        .iter()
        .find(|(name, _)| *name == variant)
        .map(|(_, p)| *p)
        .expect("fault_sweep checks the variant name");
    let records = records(protocol, seed, schedule);
    let history = History::new(records.iter().map(|r| r.op).collect())
        .expect("the clients record a valid history");
    let (violation, marked) = match linearizable(&history) {
        Some(_) => (None, vec![]),
        None => {
            let (why, marked) = explain(&records);
            (Some(why), marked)
        }
    };
    let history = records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let line = describe(r);
            if marked.contains(&i) {
                format!("{line:<48} <-")
            } else {
                line
            }
        })
        .collect();
    Outcome { history, violation }
}

/// One operation as `c2 write 23 via r1 [120..184] stamp 4@r1`; a write
/// without an answer shows `[120..?]`, and a client's later names `c2'`.
pub fn describe(record: &Record) -> String {
    let op = record.op;
    let client = format!(
        "c{}{}",
        op.client % CLIENTS + 1,
        "'".repeat(op.client / CLIENTS)
    );
    let what = match op.kind {
        OpKind::Write(v) => format!("write {v}"),
        OpKind::Read(v) => format!("read -> {v}"),
    };
    let ret = if op.ret == NO_ANSWER {
        "?".to_string()
    } else {
        op.ret.to_string()
    };
    let mut line = format!(
        "{client:<4} {what:<11} via {} [{}..{ret}]",
        record.replica, op.invoke
    );
    if let Some(stamp) = record.stamp {
        line.push_str(&format!(" stamp {}@r{}", stamp.counter, stamp.replica));
    }
    line
}

/// Why no order exists, in the simplest form that applies, with the two
/// operations that show it: a read that returned an older value than a
/// write acknowledged before the read was sent, or a read that went back to
/// an older value than an earlier read had returned.
fn explain(records: &[Record]) -> (String, Vec<usize>) {
    let ops: Vec<Op> = records.iter().map(|r| r.op).collect();
    let write_of = |value| ops.iter().position(|o| o.kind == OpKind::Write(value));
    // `old` is surely older than the write at `new` when its write was
    // acknowledged before that one was sent (the initial 0 is older than
    // every write).
    let older = |old: u64, new: usize| write_of(old).is_none_or(|w| ops[w].ret < ops[new].invoke);
    let name = |i: usize| {
        let line = describe(&records[i]);
        let client = line.split_whitespace().next().unwrap_or_default();
        match ops[i].kind {
            OpKind::Write(v) => format!("write {v} by {client}"),
            OpKind::Read(v) => format!("read {v} by {client} at {}", ops[i].invoke),
        }
    };
    for (read, op) in ops.iter().enumerate() {
        let OpKind::Read(seen) = op.kind else {
            continue;
        };
        let acknowledged = (0..ops.len()).find(|&w| {
            matches!(ops[w].kind, OpKind::Write(_)) && ops[w].ret < op.invoke && older(seen, w)
        });
        if let Some(write) = acknowledged {
            let why = format!(
                "{} returned an older value than {}, acknowledged at {}",
                name(read),
                name(write),
                ops[write].ret
            );
            return (why, vec![write, read]);
        }
    }
    for (first, op) in ops.iter().enumerate() {
        let OpKind::Read(new) = op.kind else { continue };
        let Some(new_write) = write_of(new) else {
            continue;
        };
        let went_back = (0..ops.len()).find(|&later| {
            matches!(ops[later].kind, OpKind::Read(old) if old != new && older(old, new_write))
                && op.ret < ops[later].invoke
        });
        if let Some(later) = went_back {
            let why = format!("{} went back from {}", name(later), name(first));
            return (why, vec![first, later]);
        }
    }
    let why = "no order of the operations fits their times and the register's rules";
    (why.into(), vec![])
}
