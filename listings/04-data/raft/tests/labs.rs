//! The scenarios Raft lab suites check (MIT 6.824 / 6.5840), each with the
//! specific outcome asserted, plus the election rules one message at a
//! time, figure 8 under both commit rules, and a short fault sweep.

use raft::faults;
use raft::kv::{Command, Op};
use raft::labs;
use raft::node::{Addr, Config, Entry, HardState, Msg, Node, Role, Variant};
use raft::scenarios::{self, figure8};

// One leader within a second, and no second election in two seconds of
// heartbeats: the term stays where the first election put it.
#[test]
fn initial_election() {
    for seed in 0..5 {
        let e = labs::initial_election(seed);
        assert_eq!(e.leaders_at_end.len(), 1, "seed {seed}");
        assert_eq!(e.elections, 1, "seed {seed}");
        assert!(e.first_term >= 1);
        assert_eq!(e.first_term, e.term_at_end, "seed {seed}");
    }
}

// The leader cut off: the other two elect a new leader in a higher term;
// the old one rejoins as a follower, leaving exactly one leader.
#[test]
fn reelection_after_the_leader_is_cut_off() {
    for seed in 0..5 {
        let r = labs::reelection(seed);
        let (second, term) = r.second.expect("the two others elect a leader");
        assert_ne!(second, r.first.0);
        assert!(term > r.first.1);
        assert_eq!(r.after_rejoin.len(), 1, "seed {seed}: {:?}", r.after_rejoin);
        assert_ne!(r.after_rejoin[0].0, r.first.0);
    }
}

// Three nodes all apart: nobody wins, though terms keep rising.
#[test]
fn no_leader_without_a_majority() {
    for seed in 0..5 {
        let r = labs::reelection(seed);
        assert_eq!(r.without_majority, 0);
        assert!(r.terms_without_majority >= 3);
    }
}

// Ten writes through one client: all answered, all applied on all three
// nodes in the same order.
#[test]
fn basic_agreement() {
    let a = labs::basic_agreement(1);
    assert_eq!(a.answered, 10);
    assert_eq!(a.applied, vec![10, 10, 10]);
    assert!(a.same_everywhere);
}

// A follower cut off: writes still commit on the other two; once back,
// it catches up to the same ten commands.
#[test]
fn agreement_despite_a_disconnected_follower() {
    let f = labs::fail_agree(1);
    assert_eq!(f.answered_while_cut, 10);
    assert_eq!(f.follower_before, 0);
    assert_eq!(f.after.applied, vec![10, 10, 10]);
    assert!(f.after.same_everywhere);
}

// Three of five cut off: the leader appends but cannot commit; after the
// heal, a new write commits.
#[test]
fn no_agreement_without_a_majority() {
    let n = labs::fail_no_agree(1);
    assert_eq!(n.commit_after, n.commit_before);
    assert!(n.appended_at > n.commit_after);
    assert!(n.answered_after_heal);
}

// Five clients increment one counter at once: 25 answers, all different,
// and the counter reads 25 on every node.
#[test]
fn concurrent_client_requests() {
    let c = labs::concurrent(1);
    assert_eq!(c.answered, 25);
    assert_eq!(c.counters, vec![25, 25, 25]);
    assert_eq!(c.duplicate_results, 0);
}

// The old leader's three entries, taken while it was cut off, are
// replaced when it rejoins, and applied nowhere.
#[test]
fn a_partitioned_leader_rejoins() {
    let j = labs::rejoin(1);
    assert!(!j.stale_applied_anywhere);
    assert_eq!(j.answered, 2);
    assert_eq!(j.after.applied, vec![2, 2, 2]);
    assert!(j.after.same_everywhere);
}

// 50 wrong entries on two nodes are replaced by the 50 committed ones.
#[test]
fn a_follower_with_a_long_wrong_log_backs_up() {
    let b = labs::backup(1);
    assert_eq!(b.committed, 50);
    assert!(
        b.replaced >= 100,
        "both nodes replace their 50: {}",
        b.replaced
    );
    assert_eq!(b.after.applied, vec![50; 5]);
    assert!(b.after.same_everywhere);
}

// The paper's figure 7 (f): seven rejections, eight entries deleted
// (including index 11, which the leader does not have), the leader's log.
#[test]
fn figure_7_follower_f_is_repaired() {
    let b = scenarios::backup(
        &[1, 1, 1, 4, 4, 5, 5, 6, 6, 6],
        &[1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3],
        8,
    );
    assert_eq!(b.rejections, 7);
    assert_eq!(b.deleted, 8);
    assert_eq!(b.follower_after, "[1 1 1 4 4 5 5 6 6 6]");
}

// Every node crashes and restarts from disk: the term is kept, and the
// counter reaches 10 on all, the first five increments applied again
// from the log, not lost and not doubled.
#[test]
fn persistence_across_crashes() {
    let p = labs::persistence(1);
    assert!(p.term_after_restart >= p.term_before_crash);
    assert_eq!(p.counters, vec![10, 10, 10]);
    assert!(!p.two_leaders_in_a_term);
}

// Figure 8: committing an earlier term's entry by counting replicas lets
// it be overwritten after it was applied; Raft's rule does not.
#[test]
fn figure_8() {
    let broken = figure8(Variant::CommitByCounting, false);
    assert!(broken.committed_at_c);
    assert_eq!(broken.applied_at_3[0].as_deref(), Some("t2 set x=2"));
    assert_eq!(broken.applied_at_3[4].as_deref(), Some("t3 set x=3"));
    assert!(!broken.violations.is_empty());
    let raft = figure8(Variant::Raft, false);
    assert!(!raft.committed_at_c);
    assert!(raft.violations.is_empty());
    assert!(
        raft.applied_at_3
            .iter()
            .all(|a| a.as_deref() == Some("t3 set x=3"))
    );
    // (e): once S1's own entry is on a majority, x=2 is committed and
    // S5 cannot win.
    let extended = figure8(Variant::Raft, true);
    assert!(extended.violations.is_empty());
    assert!(
        extended
            .applied_at_3
            .iter()
            .all(|a| a.as_deref() == Some("t2 set x=2"))
    );
    assert!(extended.lines.iter().any(|l| l.contains("S5 is refused")));
}

// Loss, duplication, delay, partitions and crashes: safe on every seed.
#[test]
fn unreliable_network_with_churn() {
    let u = labs::unreliable_churn(10);
    assert_eq!(u.unsafe_seeds, 0);
    assert!(
        u.answered * 10 >= u.asked * 9,
        "{} of {}",
        u.answered,
        u.asked
    );
}

// The sweep's checker catches each broken variant within 200 seeds.
#[test]
fn the_sweep_catches_each_broken_variant() {
    for variant in [
        Variant::NoUpToDateCheck,
        Variant::VolatileVote,
        Variant::CommitByCounting,
    ] {
        let caught = (0..200).any(|seed| {
            !faults::run(variant, seed, |_, _| {})
                .1
                .violations
                .is_empty()
        });
        assert!(caught, "{} not caught", variant.name());
    }
}

// A retried command is in the log twice and applied once; without the
// session table it is applied twice.
#[test]
fn a_retried_command_applies_once() {
    let with = scenarios::retry(true);
    assert_eq!(with.entries, 2);
    assert_eq!(with.counters, vec![1, 1, 1]);
    let without = scenarios::retry(false);
    assert_eq!(without.counters, vec![2, 2, 2]);
}

fn node_with(id: usize, term: u64, log_terms: &[u64], voted_for: Option<usize>) -> Node {
    let log = log_terms
        .iter()
        .map(|&term| Entry {
            term,
            command: None,
        })
        .collect();
    let disk = HardState {
        term,
        voted_for,
        log,
    };
    Node::restart(id, 5, Config::default(), 1, disk)
}

fn vote_reply(node: &mut Node) -> bool {
    let out = node.take_outbox();
    match out.as_slice() {
        [env] => match env.msg {
            Msg::VoteReply { granted, .. } => granted,
            ref other => panic!("expected a vote reply, got {other:?}"),
        },
        other => panic!("expected one message, got {other:?}"),
    }
}

fn ask(node: &mut Node, candidate: usize, term: u64, last_index: u64, last_term: u64) -> bool {
    node.step(
        Addr::Node(candidate),
        Msg::Vote {
            term,
            last_index,
            last_term,
        },
    );
    vote_reply(node)
}

// One vote per term: a second candidate of the same term is refused, the
// same candidate asking again is granted again.
#[test]
fn one_vote_per_term() {
    let mut n = node_with(0, 1, &[1], None);
    assert!(ask(&mut n, 1, 2, 1, 1));
    assert!(!ask(&mut n, 2, 2, 1, 1));
    assert!(ask(&mut n, 1, 2, 1, 1));
    assert_eq!(n.hard_state().voted_for, Some(1));
    // A new term frees the vote.
    assert!(ask(&mut n, 2, 3, 1, 1));
}

// The up-to-date check (5.4.1): a later last term wins whatever the
// length; with equal last terms, the longer log wins.
#[test]
fn the_log_up_to_date_check() {
    let log = [1, 1, 2];
    assert!(
        !ask(&mut node_with(0, 2, &log, None), 1, 3, 5, 1),
        "longer but older"
    );
    assert!(
        ask(&mut node_with(0, 2, &log, None), 1, 3, 1, 3),
        "shorter but newer"
    );
    assert!(
        !ask(&mut node_with(0, 2, &log, None), 1, 3, 2, 2),
        "same term, shorter"
    );
    assert!(
        ask(&mut node_with(0, 2, &log, None), 1, 3, 3, 2),
        "same term, as long"
    );
    // The broken variant grants the vote a stale log should not get.
    let mut broken = Node::restart(
        0,
        5,
        Config {
            variant: Variant::NoUpToDateCheck,
            ..Config::default()
        },
        1,
        HardState {
            term: 2,
            voted_for: None,
            log: log
                .iter()
                .map(|&term| Entry {
                    term,
                    command: None,
                })
                .collect(),
        },
    );
    assert!(ask(&mut broken, 1, 3, 5, 1));
}

// A stale term is refused, and any higher term makes a leader step down.
#[test]
fn terms_order_everything() {
    let mut n = node_with(0, 5, &[1], None);
    assert!(!ask(&mut n, 1, 4, 9, 9), "an older term gets no vote");
    let mut leader = node_with(0, 5, &[1], Some(0));
    leader.force_leader(false);
    assert_eq!(leader.role(), Role::Leader);
    leader.take_outbox();
    leader.step(
        Addr::Node(1),
        Msg::AppendReply {
            term: 6,
            success: false,
            index: 0,
        },
    );
    assert_eq!(leader.role(), Role::Follower);
    assert_eq!(leader.term(), 6);
    assert_eq!(leader.hard_state().voted_for, None);
}

// What survives a crash: the vote and the term are on disk before the
// reply goes out, so a restarted node refuses a second candidate; the
// volatile-vote bug forgets them.
#[test]
fn the_vote_survives_a_crash() {
    let mut n = node_with(0, 1, &[1], None);
    assert!(ask(&mut n, 1, 2, 1, 1));
    let disk = n.persisted();
    let mut restarted = Node::restart(0, 5, Config::default(), 2, disk);
    assert!(!ask(&mut restarted, 2, 2, 1, 1));
    let volatile = Config {
        variant: Variant::VolatileVote,
        ..Config::default()
    };
    let mut n = Node::restart(0, 5, volatile, 1, node_with(0, 1, &[1], None).persisted());
    assert!(ask(&mut n, 1, 2, 1, 1));
    let mut restarted = Node::restart(0, 5, volatile, 2, n.persisted());
    assert!(
        ask(&mut restarted, 2, 2, 1, 1),
        "the bug votes twice in term 2"
    );
}

// A late AppendEntries must not truncate entries that match: only a
// conflicting term deletes.
#[test]
fn a_reordered_append_does_not_truncate() {
    let mut f = node_with(1, 2, &[1, 2, 2], None);
    let entry = |term| Entry {
        term,
        command: None,
    };
    f.step(
        Addr::Node(0),
        Msg::Append {
            term: 2,
            prev_index: 1,
            prev_term: 1,
            entries: vec![entry(2)],
            commit: 0,
        },
    );
    assert_eq!(f.last_index(), 3);
    f.step(
        Addr::Node(0),
        Msg::Append {
            term: 3,
            prev_index: 1,
            prev_term: 1,
            entries: vec![entry(3)],
            commit: 0,
        },
    );
    assert_eq!(raft::node::log_terms(f.log()), "[1 3]");
}

// The same seed, the same run: traces are reproducible.
#[test]
fn runs_are_deterministic() {
    let a = scenarios::election_trace(7, 1_000);
    let b = scenarios::election_trace(7, 1_000);
    assert_eq!(a.lines, b.lines);
    let (ca, oa) = faults::run(Variant::Raft, 3, |_, _| {});
    let (cb, ob) = faults::run(Variant::Raft, 3, |_, _| {});
    assert_eq!(ca.events.len(), cb.events.len());
    assert_eq!(oa.answered, ob.answered);
}

// Fixed timeouts split votes where randomized ones do not.
#[test]
fn randomized_timeouts_avoid_split_votes() {
    let fixed = scenarios::split_votes(150, 150, 100, 10, 5_000);
    let random = scenarios::split_votes(150, 300, 100, 10, 5_000);
    assert!(fixed.first_term < 60, "{fixed:?}");
    assert!(fixed.no_leader > 10, "{fixed:?}");
    assert!(random.first_term >= 95, "{random:?}");
    assert_eq!(random.no_leader, 0);
}

// A command not from a leader is redirected with a hint.
#[test]
fn followers_redirect_clients() {
    let mut n = node_with(0, 1, &[1], None);
    n.step(
        Addr::Client(3),
        Msg::Request(Command {
            client: 3,
            seq: 1,
            op: Op::Get { key: 'x' },
        }),
    );
    let out = n.take_outbox();
    assert!(matches!(
        out[0].msg,
        Msg::Reply {
            result: Err(None),
            ..
        }
    ));
}

// The crash the sweep's schedules cannot place on their own: after a step
// wrote its term, vote or log to disk, before its messages leave. Every
// crash of these schedules falls there; the protocol stays safe.
#[test]
fn crashes_between_persist_and_send_are_safe() {
    let mut crashes = 0;
    for seed in 0..40 {
        let (cluster, outcome) = faults::run_with(Variant::Raft, seed, true, |_, _| {});
        assert!(
            outcome.violations.is_empty(),
            "seed {seed}: {:?}",
            outcome.violations
        );
        crashes += cluster.crashes_before_send;
    }
    assert!(
        crashes >= 400,
        "only {crashes} crashes between persist and send"
    );
}

// A follower commits no further than the entries this message proved it
// holds: a heartbeat that matches only index 1 must not commit its stale
// term-2 entries at 2 and 3, whatever the leader's commit index says.
#[test]
fn a_follower_commits_only_what_the_append_proved() {
    let mut f = node_with(1, 3, &[1, 2, 2], None);
    f.step(
        Addr::Node(0),
        Msg::Append {
            term: 3,
            prev_index: 1,
            prev_term: 1,
            entries: vec![],
            commit: 3,
        },
    );
    assert_eq!(f.commit_index(), 1);
    assert_eq!(f.applied_index(), 1);
}
