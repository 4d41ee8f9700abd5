//! Seeded interleavings on the MVCC store, judged by a checker that knows
//! nothing of versions: only what each transaction read, and the store's
//! committed state after each commit.

use std::collections::BTreeMap;

use seeded::SplitMix64;

use crate::mvcc::{Key, Reads, Rule, Store, Txn};

pub const CHECKING: Key = 0;
pub const SAVINGS: Key = 1;
pub const START: i64 = 50;

/// One transaction's program.
#[derive(Clone, Copy, Debug)]
pub enum Program {
    /// Read the account, write it back plus `amount`.
    Deposit(Key, i64),
    /// Read both, move `amount` from one to the other.
    Transfer(Key, Key, i64),
    /// Read both.
    Audit,
}

impl Program {
    fn random(rng: &mut SplitMix64) -> Program {
        let key = |rng: &mut SplitMix64| rng.below(2) as Key;
        let amount = |rng: &mut SplitMix64| 1 + rng.below(20) as i64;
        match rng.below(3) {
            0 => Program::Deposit(key(rng), amount(rng)),
            1 => {
                let from = key(rng);
                Program::Transfer(from, 1 - from, amount(rng))
            }
            _ => Program::Audit,
        }
    }

    /// Steps after `begin`: its reads, then the commit (writes go in with
    /// the commit step, computed from what was read).
    fn reads(self) -> Vec<Key> {
        match self {
            Program::Deposit(k, _) => vec![k],
            Program::Transfer(from, to, _) => vec![from, to],
            Program::Audit => vec![CHECKING, SAVINGS],
        }
    }
}

struct Running {
    program: Program,
    txn: Option<Txn>,
    /// The committed state when it began.
    snapshot_state: BTreeMap<Key, i64>,
    read: Vec<(Key, i64)>,
    done: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Verdict {
    /// The final total differs from the start plus the committed deposits.
    pub lost_update: bool,
    /// A transaction read a value its snapshot's state does not hold.
    pub inconsistent_read: bool,
    pub commits: u32,
    pub aborts: u32,
}

// ANCHOR: run
/// `transactions` random programs, one step at a time in a seeded order.
pub fn run(seed: u64, transactions: usize, rule: Rule, reads: Reads) -> Verdict {
    let mut rng = SplitMix64(seed);
    let mut store = Store::with(&[(CHECKING, START), (SAVINGS, START)], rule, reads);
    let mut running: Vec<Running> = (0..transactions)
        .map(|_| Running {
            program: Program::random(&mut rng),
            txn: None,
            snapshot_state: BTreeMap::new(),
            read: Vec::new(),
            done: false,
        })
        .collect();
    let mut verdict = Verdict::default();
    let mut deposited = 0;
    while let Some(i) = pick(&mut rng, &running) {
        let r = &mut running[i];
        let Some(txn) = &mut r.txn else {
            r.snapshot_state = store.latest();
            r.txn = Some(store.begin());
            continue;
        };
        let keys = r.program.reads();
        if r.read.len() < keys.len() {
            let key = keys[r.read.len()];
            let value = store.read(txn, key).expect("both accounts exist");
            r.read.push((key, value));
            continue;
        }
        let mut txn = r.txn.take().expect("begun");
        match r.program {
            Program::Deposit(k, amount) => store.write(&mut txn, k, r.read[0].1 + amount),
            Program::Transfer(from, to, amount) => {
                store.write(&mut txn, from, r.read[0].1 - amount);
                store.write(&mut txn, to, r.read[1].1 + amount);
            }
            Program::Audit => {}
        }
        r.done = true;
        if r.read.iter().any(|(k, v)| r.snapshot_state[k] != *v) {
            verdict.inconsistent_read = true;
        }
        match store.commit(txn) {
            Ok(()) => {
                verdict.commits += 1;
                if let Program::Deposit(_, amount) = r.program {
                    deposited += amount;
                }
            }
            Err(_) => verdict.aborts += 1,
        }
    }
    let total: i64 = store.latest().values().sum();
    verdict.lost_update = total != 2 * START + deposited;
    verdict
}
// ANCHOR_END: run

fn pick(rng: &mut SplitMix64, running: &[Running]) -> Option<usize> {
    let live: Vec<usize> = (0..running.len()).filter(|&i| !running[i].done).collect();
    (!live.is_empty()).then(|| live[rng.below(live.len())])
}

/// How many of `seeds` interleavings show each violation.
pub fn over_seeds(seeds: u64, transactions: usize, rule: Rule, reads: Reads) -> (u64, u64, u64) {
    let (mut lost, mut inconsistent, mut aborted) = (0, 0, 0);
    for seed in 0..seeds {
        let v = run(seed, transactions, rule, reads);
        lost += u64::from(v.lost_update);
        inconsistent += u64::from(v.inconsistent_read);
        aborted += u64::from(v.aborts);
    }
    (lost, inconsistent, aborted)
}
