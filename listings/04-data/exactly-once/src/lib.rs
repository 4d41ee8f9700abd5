//! Exactly-once effects over at-least-once delivery, simulated: a broker
//! that duplicates, reorders and redelivers after crashes; a consumer that
//! records what it applied in one of five ways; a checker that compares the
//! effects with the messages sent. Also: what a bounded deduplication window
//! forgets, and which operations need no deduplication at all.

pub mod natural;
pub mod window;

use seeded::SplitMix64;
use std::collections::{BTreeMap, HashSet};

/// A payment message: charge `cents` to `account`. `id` is its idempotency
/// key, chosen once by the producer and the same on every delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payment {
    pub id: u64,
    pub account: u32,
    pub cents: i64,
}

// ANCHOR: modes
/// How the consumer records that a payment was applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// No record: every delivery charges.
    NoDedup,
    /// Commit the charge, then (a second commit) the dedup record.
    RecordAfter,
    /// Commit the dedup record, then (a second commit) the charge.
    RecordBefore,
    /// Charge and dedup record in one transaction.
    OneTransaction,
    /// One transaction, but keyed on the content (account, amount), not the id.
    KeyOnContent,
}
// ANCHOR_END: modes

pub const MODES: [Mode; 5] = [
    Mode::NoDedup,
    Mode::RecordAfter,
    Mode::RecordBefore,
    Mode::OneTransaction,
    Mode::KeyOnContent,
];

/// The durable store: survives a consumer crash. Each commit is atomic.
#[derive(Debug, Default)]
pub struct Store {
    /// One entry per charge made: the id of the payment it came from.
    pub charges: Vec<u64>,
    /// Dedup records.
    pub seen: HashSet<u64>,
}

/// The broker's and the consumer's faults, per delivery.
#[derive(Debug, Clone, Copy)]
pub struct Faults {
    /// Chance that a delivery is also queued again (a lost ack, a producer retry).
    pub duplicate: f64,
    /// Chance of a crash at each point between the consumer's steps.
    pub crash: f64,
    /// The broker delivers any of the first `reorder` queued messages.
    pub reorder: usize,
}

pub const FAULTS: Faults = Faults {
    duplicate: 0.1,
    crash: 0.03,
    reorder: 3,
};

/// The checker's verdict: compares the charges with the payments sent.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// Extra charges: a payment charged k > 1 times counts k - 1.
    pub doubled: usize,
    /// Payments sent and never charged.
    pub lost: usize,
    /// Charges for a payment that was never sent.
    pub phantom: usize,
}

impl Verdict {
    pub fn exact(&self) -> bool {
        *self == Verdict::default()
    }
}

// ANCHOR: check
/// Exactly once means: every payment sent has exactly one charge, and no
/// charge has no payment.
pub fn check(sent: &[Payment], charges: &[u64]) -> Verdict {
    let mut count: BTreeMap<u64, usize> = sent.iter().map(|p| (p.id, 0)).collect();
    let mut verdict = Verdict::default();
    for id in charges {
        match count.get_mut(id) {
            Some(c) => *c += 1,
            None => verdict.phantom += 1,
        }
    }
    for &c in count.values() {
        if c == 0 {
            verdict.lost += 1;
        } else {
            verdict.doubled += c - 1;
        }
    }
    verdict
}
// ANCHOR_END: check

fn key(mode: Mode, p: &Payment) -> u64 {
    match mode {
        Mode::KeyOnContent => (p.account as u64) << 32 | p.cents as u64,
        _ => p.id,
    }
}

/// The consumer died at a crash point: no ack, so the broker redelivers.
pub struct Crashed;

// ANCHOR: consume
/// Handles one delivery. `point()?` is where the process may die; `store`
/// lines with no `point()?` between them are one commit. `Ok` means an ack.
pub fn consume(
    mode: Mode,
    store: &mut Store,
    p: Payment,
    crash: &mut impl FnMut() -> bool,
) -> Result<(), Crashed> {
    let mut point = || if crash() { Err(Crashed) } else { Ok(()) };
    let k = key(mode, &p);
    point()?;
    match mode {
        Mode::NoDedup => store.charges.push(p.id),
        Mode::RecordAfter if !store.seen.contains(&k) => {
            store.charges.push(p.id);
            point()?;
            store.seen.insert(k);
        }
        Mode::RecordBefore if !store.seen.contains(&k) => {
            store.seen.insert(k);
            point()?;
            store.charges.push(p.id);
        }
        Mode::OneTransaction | Mode::KeyOnContent if !store.seen.contains(&k) => {
            // One commit: both land or neither does.
            store.charges.push(p.id);
            store.seen.insert(k);
        }
        _ => {} // seen before: skip the charge, but still ack
    }
    point()?; // after the commit, before the ack
    Ok(())
}
// ANCHOR_END: consume

/// What one seeded run did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Run {
    pub sent: usize,
    pub deliveries: usize,
    pub crashes: usize,
    pub verdict: Verdict,
}

/// `n` payments to 4 accounts of 1 to 5 dollars each: equal content is common.
pub fn payments(rng: &mut SplitMix64, n: usize) -> Vec<Payment> {
    (0..n)
        .map(|i| Payment {
            id: 1000 + i as u64,
            account: rng.below(4) as u32,
            cents: 100 * (1 + rng.below(5) as i64),
        })
        .collect()
}

// ANCHOR: broker
/// One fault schedule: the broker delivers until every message is acked.
pub fn run(mode: Mode, seed: u64, n: usize, faults: Faults) -> Run {
    let mut rng = SplitMix64(seed);
    let sent = payments(&mut rng, n);
    let mut queue = sent.clone();
    let mut store = Store::default();
    let mut run = Run {
        sent: n,
        ..Run::default()
    };
    while !queue.is_empty() {
        let p = queue.remove(rng.below(queue.len().min(faults.reorder)));
        run.deliveries += 1;
        if rng.unit() < faults.duplicate {
            queue.push(p); // a second copy, delivered later
        }
        let mut crash = || rng.unit() < faults.crash;
        if consume(mode, &mut store, p, &mut crash).is_err() {
            run.crashes += 1;
            queue.push(p); // never acked: redelivered after the timeout
        }
    }
    run.verdict = check(&sent, &store.charges);
    run
}
// ANCHOR_END: broker

/// Totals over many seeds.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub seeds: usize,
    pub exact: usize,
    pub doubled: usize,
    pub lost: usize,
    pub crashes: usize,
    pub deliveries: usize,
}

pub fn tally(mode: Mode, seeds: std::ops::Range<u64>, n: usize, faults: Faults) -> Tally {
    let mut t = Tally::default();
    for seed in seeds {
        let r = run(mode, seed, n, faults);
        t.seeds += 1;
        t.exact += r.verdict.exact() as usize;
        t.doubled += r.verdict.doubled;
        t.lost += r.verdict.lost;
        t.crashes += r.crashes;
        t.deliveries += r.deliveries;
    }
    t
}
