//! Operations that need no deduplication: "set" survives duplicates but
//! not a stale redelivery; a versioned set survives both.

use seeded::SplitMix64;

// ANCHOR: ops
/// The producer knows the balance after each change, so it can send any of
/// three messages for change number `version`.
#[derive(Debug, Clone, Copy)]
pub struct Change {
    pub version: u64,
    pub delta: i64,
    pub balance_after: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Increment,
    Set,
    SetIfNewer,
}

#[derive(Debug, Default)]
pub struct Account {
    pub balance: i64,
    pub version: u64,
}

pub fn apply(op: Op, acc: &mut Account, c: Change) {
    match op {
        Op::Increment => acc.balance += c.delta,
        Op::Set => acc.balance = c.balance_after,
        Op::SetIfNewer if c.version > acc.version => {
            acc.balance = c.balance_after;
            acc.version = c.version;
        }
        Op::SetIfNewer => {} // older than what we hold: ignore
    }
}
// ANCHOR_END: ops

/// One seeded schedule with duplicates and reordering: does the final
/// balance equal the producer's?
pub fn correct(op: Op, seed: u64, n: usize) -> bool {
    let mut rng = SplitMix64(seed);
    let mut balance = 0;
    let mut queue: Vec<Change> = (1..=n as u64)
        .map(|version| {
            let delta = 100 * (1 + rng.below(5) as i64);
            balance += delta;
            Change {
                version,
                delta,
                balance_after: balance,
            }
        })
        .collect();
    let mut acc = Account::default();
    while !queue.is_empty() {
        let c = queue.remove(rng.below(queue.len().min(3)));
        if rng.unit() < 0.1 {
            queue.push(c);
        }
        apply(op, &mut acc, c);
    }
    acc.balance == balance
}
