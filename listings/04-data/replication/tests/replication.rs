//! The crate's claims, checked: the properties catch what they should, the
//! configurations that hold keep them over many seeds of faults, and the
//! ones that break are caught.

use std::time::Duration;

use consistency_checker::{History, Op, linearizable};
use fault_sweep::{Fault, Schedule};
use replication::clients::Clients;
use replication::leader::{self, LeaderFollower, Mode};
use replication::merkle::{self, Tree};
use replication::multi::{self, Rule, Write};
use replication::sim::Net;
use replication::sweep::{self, VARIANTS, play, schedule, violation};

fn violations(variant: &str, seeds: u64) -> u64 {
    let setup = sweep::setup(variant);
    (0..seeds)
        .filter(|&seed| {
            let (clients, lost) = play(setup, seed, &schedule(seed));
            violation(&clients.history(), &lost).is_some()
        })
        .count() as u64
}

#[test]
fn stale_read_is_a_read_older_than_an_acknowledged_write() {
    let h = |ops| History::new(ops).unwrap();
    // Write 1 done at 10, read at 20 returns the initial 0: stale.
    let stale = h(vec![Op::write(0, 1, 0, 10), Op::read(1, 0, 20, 30)]);
    assert_eq!(replication::clients::stale_read(&stale), Some((1, 0)));
    // The read overlaps the write: either value is fine.
    let overlap = h(vec![Op::write(0, 1, 0, 10), Op::read(1, 0, 5, 30)]);
    assert_eq!(replication::clients::stale_read(&overlap), None);
    // An unanswered write may never take effect.
    let unanswered = h(vec![Op::unanswered_write(0, 1, 0), Op::read(1, 0, 20, 30)]);
    assert_eq!(replication::clients::stale_read(&unanswered), None);
    // Two writes, the read returns the first after the second was done.
    let older = h(vec![
        Op::write(0, 1, 0, 10),
        Op::write(0, 2, 12, 20),
        Op::read(1, 1, 25, 30),
    ]);
    assert_eq!(replication::clients::stale_read(&older), Some((2, 1)));
    // New then old with no acknowledged write: not stale, and not
    // linearizable either. Two different properties.
    let new_then_old = h(vec![
        Op::unanswered_write(0, 1, 0),
        Op::read(1, 1, 10, 20),
        Op::read(2, 0, 25, 30),
    ]);
    assert_eq!(replication::clients::stale_read(&new_then_old), None);
    assert!(linearizable(&new_then_old).is_none());
}

#[test]
fn strict_quorums_and_sync_replication_hold_over_300_seeds() {
    for variant in ["quorum-w2r2", "sync"] {
        assert_eq!(violations(variant, 300), 0, "{variant}");
    }
}

#[test]
fn a_read_of_a_write_that_is_later_lost_is_a_violation() {
    let read = History::new(vec![Op::read(0, 21, 0, 10)]).unwrap();
    let lost = |reads| sweep::Lost {
        writes: vec![],
        reads,
    };
    assert_eq!(violation(&read, &lost(vec![])), None);
    assert!(violation(&read, &lost(vec![21])).is_some());
}

#[test]
fn semi_sync_loses_a_write_when_its_follower_dies_with_the_leader() {
    // Seed 1881 crashes r1 at 177 ms and r2 at 185 ms, before the failover
    // manager acts; r3, promoted, lacks the write that r2 acknowledged.
    let (_, lost) = play(sweep::setup("semi-sync"), 1881, &schedule(1881));
    assert_eq!(lost.writes, vec![34]);
    let (_, lost) = play(sweep::setup("sync"), 1881, &schedule(1881));
    assert_eq!(lost, sweep::Lost::default());
}

#[test]
fn failover_prefers_a_newer_epoch_to_a_longer_log() {
    // r1 leads, cut off, and appends three writes nobody else gets; it
    // crashes and r2 takes over (epoch 1). Write 41 is acknowledged by r2
    // and r3. r1 comes back, still cut off, with the longer log; r2 crashes.
    // Promoting the longest log (r1's) would throw 41 away.
    let ms = Duration::from_millis;
    let (cut, heal) = (|| Fault::Isolate(vec!["r1".into()]), || Fault::Heal);
    let schedule = Schedule {
        min_latency: ms(5),
        max_latency: ms(5),
        loss: 0.0,
        events: vec![
            (ms(0), cut()),
            (ms(100), Fault::Crash("r1".into())),
            (ms(101), heal()),
            (ms(240), cut()),
            (ms(250), Fault::Restart("r1".into())),
            (ms(260), Fault::Crash("r2".into())),
            (ms(400), heal()),
        ],
    };
    let plans: [&[(u64, bool, usize)]; 4] = [
        &[(10, true, 0)],
        &[(15, true, 0)],
        &[(20, true, 0)],
        &[(180, true, 0)],
    ];
    let clients = Clients::scripted(&plans, leader::SERVERS);
    let net = Net::new(0, &schedule, leader::SERVERS, plans.len());
    let mut lf = LeaderFollower::new(Mode::SemiSync, net, clients);
    lf.run(400, 300);
    assert_eq!(
        replication::clients::acknowledged(&lf.clients.history()),
        vec![41]
    );
    assert_eq!(lf.lost(), Vec::<u64>::new());
    assert_eq!((lf.failovers, lf.leader), (2, 2), "r3 leads");
}

#[test]
fn the_weaker_configurations_are_caught() {
    for variant in ["async", "quorum-w1r1", "quorum-w1r2", "sloppy-w2r2"] {
        assert!(violations(variant, 1000) > 0, "{variant} never caught");
    }
}

#[test]
fn every_variant_replays_the_same_history() {
    for (name, _) in VARIANTS {
        let a = sweep::run(name, 11, &schedule(11));
        let b = sweep::run(name, 11, &schedule(11));
        assert_eq!(a, b, "{name}");
        assert!(!a.history.is_empty());
    }
}

#[test]
fn two_leaders_diverge_unless_a_rule_picks_one() {
    let us = Write {
        value: "blue",
        at_ms: 10,
    };
    let eu = Write {
        value: "green",
        at_ms: 12,
    };
    let (a, b) = multi::partitioned(us, eu, Rule::ArrivalOrder);
    assert_ne!(a, b);
    let (a, b) = multi::partitioned(us, eu, Rule::LastWriterWins);
    assert_eq!((a, b), (eu, eu));
}

#[test]
fn merkle_diff_finds_every_changed_leaf_along_few_paths() {
    let mut rng = seeded::SplitMix64(9);
    for d in [0, 1, 3, 50, 400] {
        let (a, b) = merkle::replicas(20_000, d, &mut rng);
        let (ta, tb) = (Tree::build(&a, 1024), Tree::build(&b, 1024));
        let diff = merkle::diff(&ta, &tb, &a, &b);
        let want: Vec<usize> = (0..1024)
            .filter(|&j| {
                let r = (j * ta.per_leaf).min(a.len())..((j + 1) * ta.per_leaf).min(a.len());
                a[r.clone()] != b[r]
            })
            .collect();
        assert_eq!(diff.leaves, want, "d = {d}");
        let bound = 1 + 2 * want.len() as u64 * u64::from(ta.depth());
        assert!(diff.hashes <= bound.min(2 * 1024 - 1), "d = {d}");
    }
}
