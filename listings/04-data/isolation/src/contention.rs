//! Optimistic against pessimistic concurrency control on hot counters.
//! Time is counted in ticks: in each tick every client, in a seeded order,
//! takes one step. An increment is two steps: read, then write and commit.

use seeded::SplitMix64;

use crate::mvcc::{Key, Store, Txn};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub commits: u64,
    /// Optimistic: commits refused by first committer wins.
    pub aborts: u64,
    /// Pessimistic: steps spent waiting for a lock.
    pub waits: u64,
    pub ticks: u64,
    /// Every counter holds exactly the increments committed on it.
    pub exact: bool,
}

/// The clients' order in one tick.
fn shuffled(rng: &mut SplitMix64, n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        order.swap(i, rng.below(i + 1));
    }
    order
}

// ANCHOR: optimistic
/// Each client reads its counter in one step and writes value + 1 and
/// commits in the next; a refused commit starts over on the same counter.
pub fn optimistic(clients: usize, counters: usize, each: u64, seed: u64) -> Counts {
    let mut rng = SplitMix64(seed);
    let mut store = Store::new(&(0..counters as Key).map(|k| (k, 0)).collect::<Vec<_>>());
    let mut pending: Vec<Option<(Txn, Key, i64)>> = (0..clients).map(|_| None).collect();
    let mut target: Vec<Key> = (0..clients).map(|_| rng.below(counters) as Key).collect();
    let mut done = vec![0u64; clients];
    let mut c = Counts::default();
    while done.iter().any(|&d| d < each) {
        c.ticks += 1;
        for i in shuffled(&mut rng, clients) {
            if done[i] == each {
                continue;
            }
            match pending[i].take() {
                None => {
                    let t = store.begin();
                    let v = store.read(&t, target[i]).unwrap();
                    pending[i] = Some((t, target[i], v));
                }
                Some((mut t, key, v)) => {
                    store.write(&mut t, key, v + 1);
                    match store.commit(t) {
                        Ok(()) => {
                            c.commits += 1;
                            done[i] += 1;
                            target[i] = rng.below(counters) as Key;
                        }
                        Err(_) => c.aborts += 1,
                    }
                }
            }
        }
    }
    c.exact = store.latest().values().sum::<i64>() as u64 == c.commits;
    c
}
// ANCHOR_END: optimistic

// ANCHOR: pessimistic
/// Each client locks its counter before reading it and unlocks after the
/// write; a client that finds the lock taken waits a step and asks again.
pub fn pessimistic(clients: usize, counters: usize, each: u64, seed: u64) -> Counts {
    let mut rng = SplitMix64(seed);
    let mut values = vec![0i64; counters];
    let mut owner: Vec<Option<usize>> = vec![None; counters];
    let mut read: Vec<Option<i64>> = vec![None; clients];
    let mut target: Vec<usize> = (0..clients).map(|_| rng.below(counters)).collect();
    let mut done = vec![0u64; clients];
    let mut c = Counts::default();
    while done.iter().any(|&d| d < each) {
        c.ticks += 1;
        for i in shuffled(&mut rng, clients) {
            if done[i] == each {
                continue;
            }
            let k = target[i];
            match read[i].take() {
                None if owner[k].is_some() => c.waits += 1,
                None => {
                    owner[k] = Some(i);
                    read[i] = Some(values[k]);
                }
                Some(v) => {
                    values[k] = v + 1;
                    owner[k] = None;
                    c.commits += 1;
                    done[i] += 1;
                    target[i] = rng.below(counters);
                }
            }
        }
    }
    c.exact = values.iter().sum::<i64>() as u64 == c.commits;
    c
}
// ANCHOR_END: pessimistic
