//! Replication, each configuration run on a seeded simulated network:
//! leader-follower failover, two leaders, quorums with and without sloppy
//! quorums, every history checked, and Merkle-tree anti-entropy.

use std::time::Duration;

use consistency_checker::{OpKind, linearizable, sequentially_consistent};
use fault_sweep::{Fault, Schedule};
use replication::clients::{Clients, describe, stale_read};
use replication::leader::{self, LeaderFollower, Mode};
use replication::merkle::{self, Tree};
use replication::multi::{self, Rule, Write};
use replication::quorum::{self, Config, Quorum};
use replication::sim::Net;
use replication::sweep::{self, VARIANTS};

fn at(ms: u64, fault: Fault) -> (Duration, Fault) {
    (Duration::from_millis(ms), fault)
}

fn faults(events: Vec<(Duration, Fault)>) -> Schedule {
    Schedule {
        min_latency: Duration::from_millis(5),
        max_latency: Duration::from_millis(5),
        loss: 0.0,
        events,
    }
}

fn crash(host: &str) -> Fault {
    Fault::Crash(host.into())
}

fn restart(host: &str) -> Fault {
    Fault::Restart(host.into())
}

// ANCHOR: failover_run
/// One client writes 12 values through the leader, r1, one after another.
fn failover(mode: Mode, schedule: &Schedule) -> LeaderFollower {
    let writes: Vec<(u64, bool, usize)> = vec![(3, true, 0); 12];
    let clients = Clients::scripted(&[&writes], leader::SERVERS);
    let net = Net::new(0, schedule, leader::SERVERS, 1);
    let mut lf = LeaderFollower::new(mode, net, clients);
    lf.run(500, 200);
    lf
}
// ANCHOR_END: failover_run

fn leader_follower() {
    println!("== leader-follower: the leader crashes at 60 ms ==");
    let schedules = [
        (
            "r1 crashes",
            faults(vec![at(60, crash("r1")), at(500, restart("r1"))]),
        ),
        (
            "r3 cut off, r1 and r2 crash",
            faults(vec![
                at(0, Fault::Isolate(vec!["r3".into()])),
                at(60, crash("r1")),
                at(60, crash("r2")),
                at(300, Fault::Heal),
                at(500, restart("r1")),
                at(500, restart("r2")),
            ]),
        ),
    ];
    for (what, schedule) in &schedules {
        println!("{what}:");
        for mode in [Mode::Async, Mode::SemiSync, Mode::Sync] {
            let lf = failover(mode, schedule);
            let history = lf.clients.history();
            let before = history
                .ops()
                .iter()
                .filter(|o| matches!(o.kind, OpKind::Write(_)) && o.ret < 60)
                .count();
            println!(
                "  {:<9} {} acknowledged before the crash, {} of them lost; r{} leads",
                match mode {
                    Mode::Async => "async",
                    Mode::SemiSync => "semi-sync",
                    Mode::Sync => "sync",
                },
                before,
                lf.lost().len(),
                lf.leader + 1,
            );
        }
    }
}

fn two_leaders() {
    println!();
    println!("== two leaders, link down: us-east writes at 10 ms, eu-west at 12 ms ==");
    let us = Write {
        value: "blue",
        at_ms: 10,
    };
    let eu = Write {
        value: "green",
        at_ms: 12,
    };
    for rule in [Rule::ArrivalOrder, Rule::LastWriterWins] {
        let (a, b) = multi::partitioned(us, eu, rule);
        println!(
            "{:<15} after heal: us-east {:<5}  eu-west {:<5}  {}",
            format!("{rule:?}"),
            a.value,
            b.value,
            if a == b { "agree" } else { "diverged" }
        );
    }
}

fn table() {
    println!();
    println!("== every configuration, 300 seeds of faults, 4 clients x 8 operations ==");
    println!(
        "{:<12} {:>6} {:>6} {:>8} {:>7} {:>6}",
        "", "linear", "seq", "neither", "stale", "lost"
    );
    for (name, setup) in VARIANTS {
        let t = sweep::tally(setup, 300);
        println!(
            "{:<12} {:>6} {:>6} {:>8} {:>7} {:>6}",
            name, t.linearizable, t.sequential_only, t.neither, t.stale, t.lost
        );
    }
}

fn quorum_run(config: Config, schedule: &Schedule, plans: &[&[(u64, bool, usize)]]) -> Quorum {
    let clients = Clients::scripted(plans, quorum::SERVERS);
    let net = Net::new(0, schedule, quorum::SERVERS, plans.len());
    let mut q = Quorum::new(config, net, clients);
    q.run(500, 200);
    q
}

fn answers(q: &Quorum) -> String {
    let mut records = q.clients.records.clone();
    records.sort_by_key(|r| r.op.invoke);
    records
        .iter()
        .map(|r| match r.op.kind {
            OpKind::Write(v) if r.op.is_unanswered() => {
                format!("write {v} at {} failed", r.op.invoke)
            }
            OpKind::Write(v) => format!("write {v} at {} ok", r.op.invoke),
            OpKind::Read(v) => format!("read at {} -> {v}", r.op.invoke),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn sloppy() {
    println!();
    println!("== r2 and r3 down until 100 ms, then cut off from r1, r4, r5 until 300 ms ==");
    let schedule = faults(vec![
        at(0, crash("r2")),
        at(0, crash("r3")),
        at(100, restart("r2")),
        at(100, restart("r3")),
        at(100, Fault::Isolate(vec!["r2".into(), "r3".into()])),
        at(300, Fault::Heal),
    ]);
    // A write through r1 at 10 ms; reads through r2 at 150 and 400 ms.
    let plans: [&[(u64, bool, usize)]; 3] =
        [&[(10, true, 0)], &[(150, false, 1)], &[(400, false, 1)]];
    for sloppy in [false, true] {
        let config = Config {
            w: 2,
            r: 2,
            sloppy,
            read_repair: true,
        };
        let q = quorum_run(config, &schedule, &plans);
        println!(
            "{:<7} W=2 R=2: {}; hints stored {}, handed back {}",
            if sloppy { "sloppy" } else { "strict" },
            answers(&q),
            q.hints_stored,
            q.hints_handed
        );
    }
}

fn read_repair() {
    println!();
    println!("== r3 cut off until 100 ms; write through r1 at 10 ms, read through r3 at 150 ms ==");
    let schedule = faults(vec![
        at(0, Fault::Isolate(vec!["r3".into()])),
        at(100, Fault::Heal),
    ]);
    let plans: [&[(u64, bool, usize)]; 2] = [&[(10, true, 0)], &[(150, false, 2)]];
    for read_repair in [false, true] {
        let config = Config {
            w: 2,
            r: 2,
            sloppy: false,
            read_repair,
        };
        let q = quorum_run(config, &schedule, &plans);
        println!(
            "read repair {:<5}: {}; r3 holds {} at the end",
            if read_repair { "on" } else { "off" },
            answers(&q),
            q.servers[2].version.1
        );
    }
}

fn new_then_old() {
    println!();
    println!("== W=2 R=2: a write reaches only r1; two reads, one after the other ==");
    let schedule = faults(vec![
        at(10, Fault::Isolate(vec!["r1".into()])),
        at(50, Fault::Heal),
        at(76, Fault::Isolate(vec!["r1".into()])),
        at(300, Fault::Heal),
    ]);
    // c1 writes through r1 at 10 ms; c2 reads through r1 at 60 ms, c3
    // through r3 at 85 ms.
    let plans: [&[(u64, bool, usize)]; 3] =
        [&[(10, true, 0)], &[(60, false, 0)], &[(85, false, 2)]];
    let config = Config {
        w: 2,
        r: 2,
        sloppy: false,
        read_repair: true,
    };
    let q = quorum_run(config, &schedule, &plans);
    let mut records = q.clients.records.clone();
    records.sort_by_key(|r| r.op.invoke);
    for r in &records {
        println!("  {}", describe(&r.op, r.server, 3));
    }
    let history = q.clients.history();
    println!(
        "linearizable: {}  sequentially consistent: {}  stale read: {}",
        linearizable(&history).is_some(),
        sequentially_consistent(&history).is_some(),
        stale_read(&history).is_some()
    );
}

// ANCHOR: merkle
fn anti_entropy() {
    const KEYS: usize = 100_000;
    const LEAVES: usize = 4096;
    let depth = LEAVES.trailing_zeros();
    let per_leaf = KEYS.div_ceil(LEAVES);
    println!();
    println!("== Merkle trees: {KEYS} keys, {LEAVES} leaves of {per_leaf} keys, depth {depth} ==");
    println!(
        "{:>5} {:>8} {:>7} {:>14} {:>12} {:>8}",
        "d", "hashes", "keys", "1 + 2 d depth", "brute force", "saving"
    );
    let mut rng = seeded::SplitMix64(2026);
    for d in [0, 1, 10, 100, 1000, 10_000] {
        let (a, b) = merkle::replicas(KEYS, d, &mut rng);
        let (ta, tb) = (Tree::build(&a, LEAVES), Tree::build(&b, LEAVES));
        let diff = merkle::diff(&ta, &tb, &a, &b);
        let work = diff.hashes + diff.keys;
        println!(
            "{:>5} {:>8} {:>7} {:>14} {:>12} {:>7.0}x",
            d,
            diff.hashes,
            diff.keys,
            1 + 2 * d as u64 * u64::from(depth),
            KEYS,
            KEYS as f64 / work as f64
        );
    }
}
// ANCHOR_END: merkle

fn main() {
    leader_follower();
    two_leaders();
    sloppy();
    read_repair();
    new_then_old();
    table();
    anti_entropy();
}
