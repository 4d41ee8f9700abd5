//! A consumer group on the log: members A and B share the partitions, C
//! joins, the partitions are dealt again, and every member restarts each
//! partition it owns from the group's committed offset.

use std::collections::HashMap;

use crate::log::{Log, assign};

/// What members do with their partitions when the group rebalances.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rebalance {
    /// Every member gives up every partition without committing (an
    /// "eager" rebalance): each restarts from its last commit.
    EagerNoCommit,
    /// Only partitions that change owner move, without a commit first
    /// (an "incremental cooperative" rebalance).
    CooperativeNoCommit,
    /// Every member commits where it is before giving its partitions up.
    CommitOnRevoke,
}

/// Customers, whose events are keyed by customer id.
pub const CUSTOMERS: u64 = 20;
/// Events appended before the consumers start.
pub const EVENTS: u64 = 200;
/// Records a member reads from a partition at a time.
pub const BATCH: usize = 5;

/// The log of the story: customer `i % 20`'s events numbered 1, 2, 3, ...
pub fn orders(partitions: usize) -> Log {
    let mut log = Log::new(partitions);
    let mut next = vec![1u64; CUSTOMERS as usize];
    for i in 0..EVENTS {
        let customer = (i % CUSTOMERS) as usize;
        log.append(&format!("customer-{customer}"), next[customer]);
        next[customer] += 1;
    }
    log
}

/// What one run of the group did.
#[derive(Debug, PartialEq, Eq)]
pub struct GroupRun {
    pub processed: u64,
    /// Records processed a second time.
    pub again: u64,
    /// Events seen before an earlier event of the same customer: must be 0.
    pub out_of_order: u64,
}

// ANCHOR: group
/// Members A and B read `BATCH` records a partition per round and commit
/// every second batch. After `join_after` rounds C joins, and the
/// partitions are dealt again as `rebalance` says; a partition that is
/// given up restarts from its committed offset under its new owner.
pub fn run(log: &Log, join_after: usize, rebalance: Rebalance) -> GroupRun {
    let n = log.partitions();
    let mut position = vec![0u64; n]; // where each owner has read to
    let mut committed = vec![0u64; n]; // where the group would restart
    let mut batches = vec![0usize; n];
    let mut last_seen: HashMap<String, u64> = HashMap::new();
    let mut run = GroupRun {
        processed: 0,
        again: 0,
        out_of_order: 0,
    };
    let mut round = 0;
    while (0..n).any(|p| committed[p] < log.len(p)) {
        if round == join_after {
            let (before, after) = (assign(&["A", "B"], n), assign(&["A", "B", "C"], n));
            for p in 0..n {
                let given_up = match rebalance {
                    Rebalance::EagerNoCommit | Rebalance::CommitOnRevoke => true,
                    Rebalance::CooperativeNoCommit => before[p] != after[p],
                };
                if rebalance == Rebalance::CommitOnRevoke {
                    committed[p] = position[p];
                }
                if given_up {
                    position[p] = committed[p];
                }
            }
        }
        for p in 0..n {
            for record in log.read(p, position[p], BATCH) {
                // The customer's last event seen, inserting 0 if none
                // (Python's `setdefault`).
                let last = last_seen.entry(record.key.clone()).or_insert(0);
                if record.value <= *last {
                    run.again += 1;
                } else if record.value == *last + 1 {
                    *last = record.value;
                } else {
                    run.out_of_order += 1;
                }
                run.processed += 1;
                position[p] += 1;
            }
            batches[p] += 1;
            if batches[p].is_multiple_of(2) || position[p] == log.len(p) {
                committed[p] = position[p];
            }
        }
        round += 1;
    }
    run
}
// ANCHOR_END: group
