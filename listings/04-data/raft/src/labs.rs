//! The scenarios that Raft lab suites check (MIT 6.824 / 6.5840 names them
//! initial election, re-election, basic agreement, agreement despite a
//! disconnected follower, no agreement without a majority, concurrent
//! starts, rejoin of a partitioned leader, backup, persistence, figure 8
//! and unreliable churn). Each function runs one on our cluster and
//! returns what it saw; `tests/labs.rs` asserts on it and the bin
//! `raft-labs` prints it.

use crate::faults;
use crate::kv::Op;
use crate::node::{Config, Event, Index, NodeId, Term, Variant};
use crate::scenarios::{cmd, figure8};
use crate::sim::{Cluster, Net};

fn cluster(n: usize, seed: u64) -> Cluster {
    Cluster::new(n, Config::default(), Net::default(), seed)
}

fn leader_after(c: &mut Cluster, limit: u64) -> Option<(NodeId, Term)> {
    c.run_while_not(limit, |c| c.leader().is_some());
    let id = c.leader()?;
    Some((id, c.node(id)?.term()))
}

/// Commands applied by node `id`, in order (no-ops left out).
pub fn applied_commands(c: &Cluster, id: NodeId) -> Vec<(Index, String)> {
    c.events
        .iter()
        .filter(|(_, n, _)| *n == id)
        .filter_map(|(_, _, e)| match e {
            Event::Applied { index, entry } => {
                entry.command.map(|cmd| (*index, cmd.op.to_string()))
            }
            _ => None,
        })
        .collect()
}

#[derive(Debug)]
pub struct InitialElection {
    pub leaders_at_end: Vec<(NodeId, Term)>,
    pub elections: usize,
    pub first_term: Term,
    pub term_at_end: Term,
}

/// Three nodes, two seconds, no faults: one leader, and no second
/// election while its heartbeats arrive.
pub fn initial_election(seed: u64) -> InitialElection {
    let mut c = cluster(3, seed);
    let first_term = leader_after(&mut c, 1_000).map_or(0, |(_, t)| t);
    c.run_until(2_000);
    InitialElection {
        leaders_at_end: c.leaders_now(),
        elections: c.leaders.len(),
        first_term,
        term_at_end: c.max_term(),
    }
}

#[derive(Debug)]
pub struct ReElection {
    pub first: (NodeId, Term),
    /// Elected by the two others once the first is cut off.
    pub second: Option<(NodeId, Term)>,
    /// Leaders once the first rejoins.
    pub after_rejoin: Vec<(NodeId, Term)>,
    /// Leaders elected while two of three were cut off (must be 0).
    pub without_majority: usize,
    /// Terms a follower, alone, went through meanwhile.
    pub terms_without_majority: Term,
}

/// Three nodes: the leader is cut off, the other two elect one; it
/// rejoins as a follower; then two of three are cut off and nobody wins.
pub fn reelection(seed: u64) -> ReElection {
    let mut c = cluster(3, seed);
    let first = leader_after(&mut c, 1_000).expect("a first leader");
    c.isolate(first.0);
    c.run_until(c.now + 1_000);
    let second = c
        .leaders_now()
        .into_iter()
        .filter(|&(n, _)| n != first.0)
        .max_by_key(|&(_, t)| t);
    c.heal();
    c.run_until(c.now + 500);
    let after_rejoin = c.leaders_now();
    // A follower, watched alone: a cut-off leader never times out.
    let leader_now = c.leader();
    let lone = (0..3).find(|&n| Some(n) != leader_now).unwrap_or(0);
    c.partition(&[&[lone], &[(lone + 1) % 3], &[(lone + 2) % 3]]);
    let before = c.leaders.len();
    let term_before = c.node(lone).map_or(0, |n| n.term());
    c.run_until(c.now + 2_000);
    ReElection {
        first,
        second,
        after_rejoin,
        without_majority: c.leaders.len() - before,
        terms_without_majority: c.node(lone).map_or(0, |n| n.term()) - term_before,
    }
}

#[derive(Debug)]
pub struct Agreement {
    pub answered: usize,
    /// Per node: how many commands it applied.
    pub applied: Vec<usize>,
    /// Whether every node applied the same commands at the same indexes.
    pub same_everywhere: bool,
}

fn agreement(c: &Cluster) -> Agreement {
    let per_node: Vec<Vec<(Index, String)>> =
        (0..c.size()).map(|n| applied_commands(c, n)).collect();
    Agreement {
        answered: c.clients.iter().map(|cl| cl.done.len()).sum(),
        applied: per_node.iter().map(|a| a.len()).collect(),
        same_everywhere: per_node.windows(2).all(|w| w[0] == w[1]),
    }
}

fn sets(from: u64, count: u64) -> Vec<Op> {
    (from..from + count)
        .map(|v| Op::Set { key: 'x', value: v })
        .collect()
}

/// Three nodes, one client, ten writes.
pub fn basic_agreement(seed: u64) -> Agreement {
    let mut c = cluster(3, seed);
    c.add_client(sets(1, 10), 400);
    c.run_while_not(5_000, |c| c.clients_done());
    c.run_until(c.now + 200);
    agreement(&c)
}

#[derive(Debug)]
pub struct FailAgree {
    pub answered_while_cut: usize,
    /// Commands the cut-off follower had applied before it rejoined.
    pub follower_before: usize,
    pub after: Agreement,
}

/// Three nodes; a follower is cut off; ten writes still commit on the
/// other two; it rejoins and catches up.
pub fn fail_agree(seed: u64) -> FailAgree {
    let mut c = cluster(3, seed);
    let (leader, _) = leader_after(&mut c, 1_000).expect("a leader");
    let follower = (leader + 1) % 3;
    c.isolate(follower);
    c.add_client(sets(1, 10), c.now);
    c.run_while_not(5_000, |c| c.clients_done());
    let answered_while_cut = c.clients[0].done.len();
    let follower_before = applied_commands(&c, follower).len();
    c.heal();
    c.run_until(c.now + 500);
    FailAgree {
        answered_while_cut,
        follower_before,
        after: agreement(&c),
    }
}

#[derive(Debug)]
pub struct FailNoAgree {
    /// The leader's commit index before and after a second with its
    /// command appended, while three of five are cut off.
    pub commit_before: Index,
    pub commit_after: Index,
    pub appended_at: Index,
    /// A write after the heal: answered?
    pub answered_after_heal: bool,
}

/// Five nodes; three followers are cut off; the leader appends a command
/// and cannot commit it; after the heal, writes commit again.
pub fn fail_no_agree(seed: u64) -> FailNoAgree {
    let mut c = cluster(5, seed);
    let (leader, _) = leader_after(&mut c, 1_000).expect("a leader");
    c.run_until(c.now + 100);
    let buddy = (leader + 1) % 5;
    let rest: Vec<NodeId> = (0..5).filter(|&n| n != leader && n != buddy).collect();
    c.partition(&[&[leader, buddy], &rest]);
    let commit_before = c.node(leader).expect("up").commit_index();
    let appended_at = c
        .propose(leader, cmd(1, Op::Set { key: 'x', value: 1 }))
        .expect("leads");
    c.run_until(c.now + 1_000);
    let commit_after = c.node(leader).expect("up").commit_index();
    c.heal();
    c.add_client(vec![Op::Set { key: 'x', value: 2 }], c.now);
    c.run_while_not(3_000, |c| c.clients_done());
    FailNoAgree {
        commit_before,
        commit_after,
        appended_at,
        answered_after_heal: c.clients_done(),
    }
}

#[derive(Debug)]
pub struct Concurrent {
    pub answered: usize,
    /// The counter on each node in the end.
    pub counters: Vec<u64>,
    /// Increments that returned the same value (must be none).
    pub duplicate_results: usize,
}

/// Three nodes; five clients increment one counter five times each, at
/// the same moment.
pub fn concurrent(seed: u64) -> Concurrent {
    let mut c = cluster(3, seed);
    for _ in 0..5 {
        c.add_client(vec![Op::Incr { key: 'c' }; 5], 400);
    }
    c.run_while_not(5_000, |c| c.clients_done());
    c.run_until(c.now + 200);
    let mut results: Vec<u64> = c
        .clients
        .iter()
        .flat_map(|cl| cl.done.iter().map(|d| d.3))
        .collect();
    let answered = results.len();
    results.sort_unstable();
    results.dedup();
    Concurrent {
        answered,
        counters: (0..3)
            .map(|n| c.node(n).expect("up").kv().get('c'))
            .collect(),
        duplicate_results: answered - results.len(),
    }
}

#[derive(Debug)]
pub struct Rejoin {
    /// Commands the cut-off old leader appended that nobody applied.
    pub stale_appended: usize,
    pub stale_applied_anywhere: bool,
    pub after: Agreement,
    pub answered: usize,
}

/// Three nodes: the leader is cut off and takes three commands alone; the
/// others elect a new leader and commit two writes; the old leader
/// rejoins, and its three entries are replaced.
pub fn rejoin(seed: u64) -> Rejoin {
    let mut c = cluster(3, seed);
    let (old, _) = leader_after(&mut c, 1_000).expect("a leader");
    c.isolate(old);
    for seq in 1..=3 {
        c.propose(
            old,
            cmd(
                seq,
                Op::Set {
                    key: 's',
                    value: 100 + seq,
                },
            ),
        );
    }
    c.add_client(sets(1, 2), c.now + 400);
    c.run_while_not(5_000, |c| c.clients_done());
    c.heal();
    c.run_until(c.now + 500);
    let stale_applied_anywhere = (0..3).any(|n| {
        applied_commands(&c, n)
            .iter()
            .any(|(_, op)| op.starts_with("set s="))
    });
    Rejoin {
        stale_appended: 3,
        stale_applied_anywhere,
        answered: c.clients[0].done.len(),
        after: agreement(&c),
    }
}

#[derive(Debug)]
pub struct BackupLab {
    pub replaced: usize,
    pub committed: usize,
    pub after: Agreement,
}

/// Five nodes: the leader and one follower, cut off, take 50 commands
/// that cannot commit; the other three elect a leader and commit 50
/// others; the partition heals and the 50 wrong entries are replaced on
/// both nodes, many per round trip.
pub fn backup(seed: u64) -> BackupLab {
    let mut c = cluster(5, seed);
    let (old, _) = leader_after(&mut c, 1_000).expect("a leader");
    c.run_until(c.now + 100);
    let buddy = (old + 1) % 5;
    let rest: Vec<NodeId> = (0..5).filter(|&n| n != old && n != buddy).collect();
    c.partition(&[&[old, buddy], &rest]);
    for seq in 1..=50 {
        c.propose(
            old,
            cmd(
                seq,
                Op::Set {
                    key: 's',
                    value: 1000 + seq,
                },
            ),
        );
    }
    c.add_client(sets(1, 50), c.now + 300);
    c.run_while_not(10_000, |c| c.clients_done());
    let committed = c.clients[0].done.len();
    c.heal();
    c.run_until(c.now + 1_000);
    let replaced = c
        .events
        .iter()
        .filter(|(_, n, _)| *n == old || *n == buddy)
        .map(|(_, _, e)| match e {
            Event::Truncated { count, .. } => *count,
            _ => 0,
        })
        .sum();
    BackupLab {
        replaced,
        committed,
        after: agreement(&c),
    }
}

#[derive(Debug)]
pub struct Persist {
    pub term_before_crash: Term,
    pub term_after_restart: Term,
    pub counters: Vec<u64>,
    pub two_leaders_in_a_term: bool,
}

/// Three nodes: five increments, every node crashes and restarts from
/// disk, five more increments: the counter reads 10 everywhere.
pub fn persistence(seed: u64) -> Persist {
    let mut c = cluster(3, seed);
    c.add_client(vec![Op::Incr { key: 'c' }; 5], 400);
    c.run_while_not(5_000, |c| c.clients_done());
    let term_before_crash = c.max_term();
    for n in 0..3 {
        c.crash(n);
    }
    c.run_until(c.now + 100);
    for n in 0..3 {
        c.restart(n);
    }
    let term_after_restart = (0..3)
        .map(|n| c.node(n).expect("up").term())
        .min()
        .unwrap_or(0);
    c.add_client(vec![Op::Incr { key: 'c' }; 5], c.now + 10);
    c.run_while_not(5_000, |c| c.clients_done());
    c.run_until(c.now + 200);
    Persist {
        term_before_crash,
        term_after_restart,
        counters: (0..3)
            .map(|n| c.node(n).expect("up").kv().get('c'))
            .collect(),
        two_leaders_in_a_term: !c.violations.is_empty(),
    }
}

#[derive(Debug)]
pub struct Figure8Lab {
    pub counting_violated: bool,
    pub raft_violated: bool,
}

pub fn figure_8() -> Figure8Lab {
    Figure8Lab {
        counting_violated: !figure8(Variant::CommitByCounting, false)
            .violations
            .is_empty(),
        raft_violated: !figure8(Variant::Raft, false).violations.is_empty(),
    }
}

#[derive(Debug)]
pub struct Churn {
    pub seeds: u64,
    pub unsafe_seeds: u64,
    pub answered: usize,
    pub asked: usize,
}

/// The sweep's faults (partitions, crashes, loss, duplication, delay) on
/// a few seeds.
pub fn unreliable_churn(seeds: u64) -> Churn {
    let mut churn = Churn {
        seeds,
        unsafe_seeds: 0,
        answered: 0,
        asked: 0,
    };
    for seed in 0..seeds {
        let (_, outcome) = faults::run(Variant::Raft, seed, |_, _| {});
        churn.unsafe_seeds += u64::from(!outcome.violations.is_empty());
        churn.answered += outcome.answered;
        churn.asked += faults::CLIENTS * faults::OPS_PER_CLIENT;
    }
    churn
}
