//! Real threads on a shared register, recording the history they saw.
//!
//! A plan says, round by round, which threads read, which write and which
//! rest. In a round the working threads run at the same time, so their
//! operations overlap; a barrier separates rounds, so an operation of one
//! round returns before any operation of the next is invoked. Times come
//! from a shared atomic counter read before and after each operation: if
//! one operation returned before another was invoked, its return time is
//! smaller, which is all the linearizability check needs. The clock and the
//! register both use `SeqCst`, so all their accesses fall in one total
//! order, and each register operation sits in it between its two clock
//! readings: an atomic register's history always has a linearization.

use std::sync::atomic::{AtomicU64, Ordering::SeqCst};
use std::sync::{Barrier, Mutex};
use std::thread;

use crate::history::{History, Op, OpKind, Value};
use crate::rng::SplitMix64;

/// A register that several threads share. `client` says which thread calls.
pub trait Register: Sync {
    fn write(&self, client: usize, value: Value);
    fn read(&self, client: usize) -> Value;
}

/// One atomic word: every operation takes effect at one instant.
#[derive(Default)]
pub struct AtomicRegister(AtomicU64);

impl Register for AtomicRegister {
    fn write(&self, _client: usize, value: Value) {
        self.0.store(value, SeqCst);
    }
    fn read(&self, _client: usize) -> Value {
        self.0.load(SeqCst)
    }
}

// ANCHOR: cached
/// A broken register: each client keeps the value it last fetched and
/// answers its next `reuse` reads from that copy, like a client-side cache
/// without invalidation.
pub struct CachedRegister {
    value: AtomicU64,
    reuse: u32,
    /// Per client: the cached value and how many more reads may use it.
    cache: Mutex<Vec<(Value, u32)>>,
}

impl CachedRegister {
    pub fn new(clients: usize, reuse: u32) -> CachedRegister {
        CachedRegister {
            value: AtomicU64::new(0),
            reuse,
            cache: Mutex::new(vec![(0, 0); clients]),
        }
    }
}

impl Register for CachedRegister {
    fn write(&self, _client: usize, value: Value) {
        self.value.store(value, SeqCst);
    }
    fn read(&self, client: usize) -> Value {
        let mut cache = self.cache.lock().unwrap();
        let (cached, left) = &mut cache[client];
        if *left > 0 {
            *left -= 1; // stale if someone wrote since the fetch
        } else {
            *cached = self.value.load(SeqCst);
            *left = self.reuse;
        }
        *cached
    }
}
// ANCHOR_END: cached

/// What a thread does in one round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Rest,
    Read,
    Write,
}

/// `plan[round][client]`: what each thread does in each round.
pub type Plan = Vec<Vec<Step>>;

/// A seeded plan of `rounds` rounds for `clients` threads.
pub fn seeded_plan(seed: u64, clients: usize, rounds: usize) -> Plan {
    let mut rng = SplitMix64::new(seed);
    (0..rounds)
        .map(|_| {
            (0..clients)
                .map(|_| match rng.below(3) {
                    0 => Step::Rest,
                    1 => Step::Read,
                    _ => Step::Write,
                })
                .collect()
        })
        .collect()
}

// ANCHOR: record
/// Runs `plan` on `register` with one real thread per client and returns
/// the history they recorded. Each write writes a value no other writes.
pub fn record(register: &impl Register, plan: &Plan) -> History {
    let clients = plan.first().map_or(0, Vec::len);
    let clock = AtomicU64::new(0);
    let barrier = Barrier::new(clients);
    let ops = Mutex::new(Vec::new());
    thread::scope(|s| {
        for client in 0..clients {
            let (clock, barrier, ops) = (&clock, &barrier, &ops);
            s.spawn(move || {
                for (round, steps) in plan.iter().enumerate() {
                    barrier.wait(); // the previous round is over for everyone
                    let step = steps[client];
                    if step == Step::Rest {
                        continue;
                    }
                    let value = (round * clients + client + 1) as Value;
                    let invoke = clock.fetch_add(1, SeqCst);
                    let kind = if step == Step::Read {
                        OpKind::Read(register.read(client))
                    } else {
                        register.write(client, value);
                        OpKind::Write(value)
                    };
                    let ret = clock.fetch_add(1, SeqCst);
                    let op = Op {
                        client,
                        kind,
                        invoke,
                        ret,
                    };
                    ops.lock().unwrap().push(op);
                }
            });
        }
    });
    History::new(ops.into_inner().unwrap()).expect("one operation per thread at a time")
}
// ANCHOR_END: record

/// Whether `plan` forces a stale read from a [`CachedRegister`] that reuses
/// each fetch at least once, whatever the timing inside a round: some
/// client reads in a round, reads again in a later round without a fetch
/// in between, and a write runs in a round strictly between the two.
pub fn forces_stale_read(plan: &Plan) -> bool {
    let clients = plan.first().map_or(0, Vec::len);
    (0..clients).any(|client| {
        let reads: Vec<usize> = (0..plan.len())
            .filter(|&r| plan[r][client] == Step::Read)
            .collect();
        // With reuse 1, reads alternate: fetch, cached, fetch, cached...
        reads.chunks_exact(2).any(|pair| {
            let (fetch, cached) = (pair[0], pair[1]);
            (fetch + 1..cached).any(|r| plan[r].contains(&Step::Write))
        })
    })
}
