//! Scripted runs: what the bins print and the tests assert on. Each
//! returns what it saw (and, where a bin prints it, the lines to print),
//! so a test can check the specific outcome.
//!
//! Scripts that need one particular node to lead use long election
//! timeouts and [`Cluster::campaign`], as etcd's tests do; the election
//! experiments use the real randomized timeouts.

use crate::kv::{Command, Op};
use crate::node::{
    Config, Entry, Event, HardState, Index, Msg, Node, NodeId, Role, Term, Variant, log_terms, name,
};
use crate::sim::{Cluster, Net, describe};

/// Timeouts so long that only `campaign` starts an election.
pub fn scripted(variant: Variant) -> Config {
    Config {
        election_min: 100_000,
        election_max: 100_000,
        max_batch: 1,
        variant,
        ..Config::default()
    }
}

/// One line per event worth printing in an election trace.
pub fn election_line(at: u64, node: NodeId, event: &Event) -> Option<String> {
    let who = name(node);
    let text = match event {
        Event::TimedOut { term } => {
            format!("{who} times out: candidate in term {term}, votes for itself")
        }
        Event::Voted {
            candidate,
            term,
            granted: true,
        } => format!("{who} votes for {} in term {term}", name(*candidate)),
        Event::Voted {
            candidate,
            term,
            granted: false,
        } => format!("{who} refuses {} in term {term}", name(*candidate)),
        Event::Elected { term, votes } => {
            let votes: Vec<String> = votes.iter().map(|&v| name(v)).collect();
            format!("{who} leads term {term} (votes: {})", votes.join(" "))
        }
        Event::SteppedDown { from, to } => format!("{who} steps down: term {from} -> {to}"),
        Event::Truncated { from, count } => {
            let entries = if *count == 1 { "entry" } else { "entries" };
            format!("{who} deletes {count} {entries} from index {from} on")
        }
        _ => return None,
    };
    Some(format!("{at:>5} ms  {text}"))
}

fn election_lines(cluster: &Cluster, from: usize) -> Vec<String> {
    cluster.events[from..]
        .iter()
        .filter_map(|(at, node, e)| election_line(*at, *node, e))
        .collect()
}

// --- Consensus I: elections -------------------------------------------

/// The first election of a 5-node cluster, traced.
pub struct ElectionTrace {
    /// Each node's first election timeout, in ms.
    pub timeouts: Vec<u64>,
    pub lines: Vec<String>,
    /// (leader, term, when) of the first leader.
    pub leader: Option<(NodeId, Term, u64)>,
    /// Leaders elected in the whole run.
    pub elections: usize,
    /// Heartbeats (empty AppendEntries) the leader sent.
    pub heartbeats: u64,
}

pub fn election_trace(seed: u64, until: u64) -> ElectionTrace {
    let mut cluster = Cluster::new(5, Config::default(), Net::default(), seed);
    let timeouts = (0..5)
        .map(|id| cluster.node(id).expect("up").timeout())
        .collect();
    cluster.delivered = Some(Vec::new());
    cluster.run_until(until);
    let lines = election_lines(&cluster, 0);
    let leader = cluster.events.iter().find_map(|(at, node, e)| match e {
        Event::Elected { term, .. } => Some((*node, *term, *at)),
        _ => None,
    });
    let heartbeats = cluster
        .delivered
        .as_ref()
        .map(|d| {
            d.iter()
                .filter(|(_, _, env)| matches!(&env.msg, Msg::Append { entries, .. } if entries.is_empty()))
                .count() as u64
        })
        .unwrap_or(0);
    ElectionTrace {
        timeouts,
        lines,
        leader,
        elections: cluster.leaders.len(),
        heartbeats,
    }
}

/// How a first election went for one seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FirstElection {
    /// Terms used until the first leader (1 = won the first term).
    pub terms: Term,
    /// When the first leader won, in ms.
    pub at: u64,
}

/// Five nodes boot within `jitter` ms of each other and elect a leader;
/// `None` if none won within `limit` ms.
pub fn first_election(config: Config, seed: u64, jitter: u64, limit: u64) -> Option<FirstElection> {
    let mut cluster = Cluster::new(5, config, Net::default(), seed);
    let mut boot = seeded::SplitMix64(seed ^ 0xB007);
    for id in 0..5 {
        let at = boot.next_u64() % (jitter + 1);
        cluster.crash_until(id, at);
    }
    let won = cluster.run_while_not(limit, |c| !c.leaders.is_empty());
    if !won {
        return None;
    }
    let (&term, _) = cluster.leaders.iter().next().expect("won");
    Some(FirstElection {
        terms: term,
        at: cluster.now,
    })
}

/// Elections over many seeds with one timeout range.
#[derive(Debug, Clone, PartialEq)]
pub struct SplitStats {
    pub seeds: u64,
    /// Seeds whose first term elected a leader.
    pub first_term: u64,
    /// Seeds with no leader within the limit.
    pub no_leader: u64,
    pub mean_terms: f64,
    pub max_terms: Term,
    pub mean_ms: f64,
}

pub fn split_votes(min: u64, max: u64, seeds: u64, jitter: u64, limit: u64) -> SplitStats {
    let config = Config {
        election_min: min,
        election_max: max,
        ..Config::default()
    };
    let mut stats = SplitStats {
        seeds,
        first_term: 0,
        no_leader: 0,
        mean_terms: 0.0,
        max_terms: 0,
        mean_ms: 0.0,
    };
    let mut won = 0;
    for seed in 0..seeds {
        match first_election(config, seed, jitter, limit) {
            None => stats.no_leader += 1,
            Some(e) => {
                won += 1;
                if e.terms == 1 {
                    stats.first_term += 1;
                }
                stats.mean_terms += e.terms as f64;
                stats.max_terms = stats.max_terms.max(e.terms);
                stats.mean_ms += e.at as f64;
            }
        }
    }
    if won > 0 {
        stats.mean_terms /= won as f64;
        stats.mean_ms /= won as f64;
    }
    stats
}

/// The leader of 5 is cut off with one follower, the majority elects a
/// new leader, the old one takes a write it cannot commit, and steps down
/// when the partition heals.
pub struct LeaderCutOff {
    pub lines: Vec<String>,
    pub old: (NodeId, Term),
    pub new: (NodeId, Term),
    /// The old leader's commit index and log length just before healing.
    pub old_commit: Index,
    pub old_last: Index,
    /// Whether the old leader still believed it led just before healing.
    pub old_still_leader: bool,
    /// The write sent to the old leader: answered?
    pub stale_write_answered: bool,
    /// Leaders in the end (node, term).
    pub leaders_after: Vec<(NodeId, Term)>,
    /// Every node's log in the end, as terms.
    pub logs_after: Vec<String>,
}

pub fn leader_cut_off(seed: u64) -> LeaderCutOff {
    let mut cluster = Cluster::new(5, Config::default(), Net::default(), seed);
    cluster.run_while_not(2_000, |c| c.leader().is_some());
    cluster.run_until(500);
    let old = cluster.leader().expect("a leader within 500 ms");
    let old_term = cluster.node(old).expect("up").term();
    let buddy = (old + 1) % 5;
    let others: Vec<NodeId> = (0..5).filter(|&n| n != old && n != buddy).collect();
    let mut lines = vec![format!(
        "{:>5} ms  {} leads term {old_term}; cut off with {}: {{{} {}}} | {{{}}}",
        cluster.now,
        name(old),
        name(buddy),
        name(old),
        name(buddy),
        others
            .iter()
            .map(|&n| name(n))
            .collect::<Vec<_>>()
            .join(" ")
    )];
    cluster.partition(&[&[old, buddy], &others]);
    let mark = cluster.events.len();
    // A client writes through the old leader, which still believes it leads.
    let client = cluster.add_client(vec![Op::Set { key: 'x', value: 1 }], 600);
    cluster.clients[client].pin(old);
    cluster.run_until(1_500);
    lines.extend(election_lines(&cluster, mark));
    let node = cluster.node(old).expect("up");
    let (old_commit, old_last) = (node.commit_index(), node.last_index());
    let old_still_leader = node.role() == Role::Leader;
    let stale_write_answered = !cluster.clients[client].done.is_empty();
    lines.push(format!(
        "{:>5} ms  {} still thinks it leads term {}: log {} entries, commit index {old_commit}; the write x=1 sent to it: {}",
        cluster.now,
        name(old),
        node.term(),
        old_last,
        if stale_write_answered { "answered" } else { "no answer" }
    ));
    let new = cluster
        .leaders_now()
        .into_iter()
        .filter(|&(n, _)| n != old)
        .max_by_key(|&(_, t)| t)
        .expect("the majority elected a leader");
    lines.push(format!("{:>5} ms  heal", cluster.now));
    cluster.heal();
    let mark = cluster.events.len();
    cluster.run_until(2_000);
    lines.extend(election_lines(&cluster, mark));
    let logs_after = (0..5)
        .map(|n| log_terms(cluster.node(n).expect("up").log()))
        .collect();
    LeaderCutOff {
        lines,
        old: (old, old_term),
        new,
        old_commit,
        old_last,
        old_still_leader,
        stale_write_answered,
        leaders_after: cluster.leaders_now(),
        logs_after,
    }
}

/// Two of five are cut off from the leader's side: they elect no one,
/// their terms climb, and when they come back their term unseats the
/// working leader (what pre-vote prevents).
pub struct Minority {
    pub lines: Vec<String>,
    /// The terms the two cut-off nodes reached.
    pub minority_terms: Vec<Term>,
    /// Leaders elected in the minority (must be none).
    pub minority_leaders: usize,
    /// The leader before, and the leader after the heal, with terms.
    pub before: (NodeId, Term),
    pub after: Option<(NodeId, Term)>,
}

pub fn minority(seed: u64) -> Minority {
    let mut cluster = Cluster::new(5, Config::default(), Net::default(), seed);
    cluster.run_until(500);
    let leader = cluster.leader().expect("a leader within 500 ms");
    let term = cluster.node(leader).expect("up").term();
    let cut: Vec<NodeId> = (0..5).filter(|&n| n != leader).take(2).collect();
    let rest: Vec<NodeId> = (0..5).filter(|n| !cut.contains(n)).collect();
    let mut lines = vec![format!(
        "{:>5} ms  {} leads term {term}; {} and {} are cut off",
        cluster.now,
        name(leader),
        name(cut[0]),
        name(cut[1])
    )];
    cluster.partition(&[&cut, &rest]);
    let mark = cluster.events.len();
    cluster.run_until(2_000);
    let in_minority = |n: &NodeId| cut.contains(n);
    let minority_leaders = cluster.events[mark..]
        .iter()
        .filter(|(_, n, e)| in_minority(n) && matches!(e, Event::Elected { .. }))
        .count();
    let timeouts = cluster.events[mark..]
        .iter()
        .filter(|(_, n, e)| in_minority(n) && matches!(e, Event::TimedOut { .. }))
        .count();
    let minority_terms: Vec<Term> = cut
        .iter()
        .map(|&n| cluster.node(n).expect("up").term())
        .collect();
    lines.push(format!(
        "{:>5} ms  in 1500 ms the two cut-off nodes timed out {timeouts} times and elected {minority_leaders} leaders; terms now {} {}, {} {}",
        cluster.now,
        name(cut[0]),
        minority_terms[0],
        name(cut[1]),
        minority_terms[1]
    ));
    lines.push(format!(
        "{:>5} ms  {} still leads term {}; heal",
        cluster.now,
        name(leader),
        cluster.node(leader).expect("up").term()
    ));
    cluster.heal();
    let mark = cluster.events.len();
    cluster.run_until(2_600);
    lines.extend(election_lines(&cluster, mark));
    let after = cluster.leaders_now().into_iter().max_by_key(|&(_, t)| t);
    Minority {
        lines,
        minority_terms,
        minority_leaders,
        before: (leader, term),
        after,
    }
}

// --- Consensus II: the log ----------------------------------------------

/// A command for scripts: client 100, its `seq`-th command.
pub fn cmd(seq: u64, op: Op) -> Command {
    Command {
        client: 100,
        seq,
        op,
    }
}

fn set(seq: u64, key: char, value: u64) -> Command {
    cmd(seq, Op::Set { key, value })
}

/// The paper's figure 8, scripted on 5 nodes (S1..S5 are n1..n5).
pub struct Figure8 {
    pub lines: Vec<String>,
    /// Did S1 count index 3 (x=2, term 2) as committed at step (c)?
    pub committed_at_c: bool,
    /// What each node applied at index 3 by the end (None: nothing).
    pub applied_at_3: Vec<Option<String>>,
    pub violations: Vec<String>,
}

fn logs_line(cluster: &Cluster) -> String {
    let parts: Vec<String> = (0..cluster.size())
        .map(|n| {
            let log = match cluster.node(n) {
                Some(node) => log_terms(node.log()),
                None => format!("{} down", log_terms(&cluster.disk(n).log)),
            };
            format!("S{}={log}", n + 1)
        })
        .collect();
    parts.join(" ")
}

fn commits_line(cluster: &Cluster) -> String {
    let parts: Vec<String> = (0..cluster.size())
        .filter_map(|n| {
            cluster
                .node(n)
                .map(|node| format!("S{}={}", n + 1, node.commit_index()))
        })
        .collect();
    parts.join(" ")
}

/// Runs the script under `variant`. With `extend` (the paper's (e)), S1
/// gets its own term-4 entry to a majority before it crashes.
pub fn figure8(variant: Variant, extend: bool) -> Figure8 {
    let (s1, s2, s3, s4, s5) = (0, 1, 2, 3, 4);
    let mut cluster = Cluster::new(5, scripted(variant), Net::default(), 8);
    let mut lines = Vec::new();
    let leads = |n: NodeId| move |c: &Cluster| c.node(n).is_some_and(|x| x.role() == Role::Leader);
    // Before (a): S1 leads term 1; its no-op commits at index 1 everywhere.
    cluster.campaign(s1);
    cluster.run_until(100);
    // (a) S1 restarts, wins term 2, and at once the network splits: its
    // no-op and x=2 reach S2 only.
    cluster.crash(s1);
    cluster.restart(s1);
    cluster.campaign(s1);
    cluster.run_while_not(100, leads(s1));
    cluster.partition(&[&[s1, s2], &[s3, s4, s5]]);
    cluster.propose(s1, set(1, 'x', 2));
    cluster.run_until(cluster.now + 50);
    lines.push(format!(
        "(a) S1 leads term 2; x=2 reaches S2 only: {}",
        logs_line(&cluster)
    ));
    // (b) S1 crashes; S5 wins term 3 with S3 and S4, then is cut off at
    // once: its no-op and x=3 stay on S5.
    cluster.crash(s1);
    cluster.partition(&[&[s3, s4, s5], &[s2]]);
    cluster.campaign(s5);
    cluster.run_while_not(100, leads(s5));
    cluster.partition(&[&[s5], &[s2, s3, s4]]);
    cluster.propose(s5, set(2, 'x', 3));
    cluster.run_until(cluster.now + 50);
    lines.push(format!(
        "(b) S5 leads term 3; x=3 stays on S5: {}",
        logs_line(&cluster)
    ));
    // (c) S5 crashes; S1 restarts and wins with S2 and S3, then sends
    // its old entry to S3, one entry per message.
    cluster.crash(s5);
    cluster.restart(s1);
    cluster.partition(&[&[s1, s2, s3], &[s4]]);
    // Term 3 is taken (S3 voted for S5 in it): S1 wins the one after.
    campaign_until_leader(&mut cluster, s1);
    // S3 lacks index 2: S1 backs up and sends it index 2, then 3, one
    // entry per message. Stop as S3 acknowledges index 3.
    let reached = cluster.run_while_not(200, |c| {
        c.node(s3).is_some_and(|n| n.last_index() >= 3)
            && c.node(s1).is_some_and(|n| n.match_indexes()[s3] >= 3)
    });
    assert!(reached, "S3 got index 3 from S1");
    let t = cluster.node(s1).expect("up").term();
    let committed_at_c = cluster.node(s1).expect("up").commit_index() >= 3;
    cluster.partition(&[&[s1], &[s2, s3, s4]]);
    lines.push(format!(
        "(c) S1 leads term {t}; x=2 now on S1 S2 S3: {}",
        logs_line(&cluster)
    ));
    lines.push(format!("    commit: {}", commits_line(&cluster)));
    if extend {
        // (e) S1's own entry of this term reaches the majority too.
        cluster.partition(&[&[s1, s2, s3], &[s4]]);
        cluster.run_while_not(200, |c| c.node(s1).is_some_and(|n| n.commit_index() >= 4));
        cluster.run_until(cluster.now + 60);
        lines.push(format!(
            "(e) S1's term-{t} entry on a majority: {}",
            logs_line(&cluster)
        ));
        lines.push(format!("    commit: {}", commits_line(&cluster)));
    }
    // (d) S1 crashes before (or after, in (e)) its own entry spreads; S5
    // restarts and asks S2, S3, S4 for their votes.
    cluster.partition(&[&[s1], &[s2, s3, s4, s5]]);
    cluster.crash(s1);
    cluster.restart(s5);
    let mark = cluster.events.len();
    campaign_until_leader(&mut cluster, s5);
    let won = cluster.node(s5).is_some_and(|n| n.role() == Role::Leader);
    // Who answered S5, yes or no (each voter once, in node order).
    let answered = |granted: bool| -> String {
        let mut who: Vec<String> = cluster.events[mark..]
            .iter()
            .filter_map(|(_, node, e)| match e {
                Event::Voted {
                    candidate: 4,
                    granted: g,
                    ..
                } if *g == granted => Some(format!("S{}", node + 1)),
                _ => None,
            })
            .collect();
        who.sort();
        who.dedup();
        who.join(" ")
    };
    lines.push(format!(
        "(d) S1 crashes, S5 restarts and campaigns: {}",
        if won {
            format!(
                "S5 leads term {} (votes from {})",
                cluster.node(s5).expect("up").term(),
                answered(true)
            )
        } else {
            format!("S5 is refused (by {})", answered(false))
        }
    ));
    if !won {
        // Someone with the newest log wins instead.
        cluster.campaign(s2);
        cluster.run_until(cluster.now + 100);
    }
    cluster.restart(s1);
    cluster.heal();
    cluster.run_until(cluster.now + 300);
    lines.push(format!("    then everyone up: {}", logs_line(&cluster)));
    lines.push(format!("    commit: {}", commits_line(&cluster)));
    let mut applied_at_3 = vec![None; 5];
    for (_, node, event) in &cluster.events {
        if let Event::Applied { index: 3, entry } = event {
            applied_at_3[*node].get_or_insert_with(|| describe(entry));
        }
    }
    Figure8 {
        lines,
        committed_at_c,
        applied_at_3,
        violations: cluster.violations.clone(),
    }
}

/// Campaigns up to three times, each in a new term, until `id` leads.
fn campaign_until_leader(cluster: &mut Cluster, id: NodeId) {
    for _ in 0..3 {
        cluster.campaign(id);
        let won =
            cluster.run_while_not(40, |c| c.node(id).is_some_and(|n| n.role() == Role::Leader));
        if won {
            return;
        }
    }
}

/// The paper's figure 7, follower (f), repaired: the leader backs up one
/// entry per rejection until the logs agree.
pub struct Backup {
    pub lines: Vec<String>,
    pub rejections: usize,
    pub deleted: usize,
    pub follower_after: String,
}

pub fn backup(leader_terms: &[Term], follower_terms: &[Term], leader_term: Term) -> Backup {
    let entries = |terms: &[Term]| -> Vec<Entry> {
        terms
            .iter()
            .map(|&term| Entry {
                term,
                command: None,
            })
            .collect()
    };
    let config = Config {
        max_batch: 16,
        ..scripted(Variant::Raft)
    };
    let disk = HardState {
        term: leader_term,
        voted_for: Some(0),
        log: entries(leader_terms),
    };
    let mut leader = Node::restart(0, 2, config, 1, disk);
    let disk = HardState {
        term: follower_terms.last().copied().unwrap_or(0),
        voted_for: None,
        log: entries(follower_terms),
    };
    let mut follower = Node::restart(1, 2, config, 2, disk);
    leader.force_leader(false);
    let mut lines = Vec::new();
    let mut rejections = 0;
    // No clock and no network: each message goes straight to the other
    // node, and each reply makes the leader send the next message.
    let mut in_flight = leader.take_outbox();
    while let Some(env) = in_flight.pop() {
        let Msg::Append {
            prev_index,
            prev_term,
            ref entries,
            ..
        } = env.msg
        else {
            continue;
        };
        let count = entries.len();
        follower.step(env.from, env.msg.clone());
        let replies = follower.take_outbox();
        for reply in replies {
            if let Msg::AppendReply { success, index, .. } = reply.msg {
                let next = prev_index + 1;
                if success {
                    lines.push(format!(
                        "next={next} prev=({prev_index},t{prev_term}) with {count} entries -> ok, match={index}"
                    ));
                } else {
                    rejections += 1;
                    lines.push(format!(
                        "next={next} prev=({prev_index},t{prev_term}) -> reject"
                    ));
                }
            }
            leader.step(reply.from, reply.msg);
            in_flight.extend(leader.take_outbox());
        }
    }
    let mut deleted = 0;
    for event in follower.take_events() {
        if let Event::Truncated { from, count } = event {
            deleted += count;
            lines.push(format!(
                "follower deleted {count} entries from index {from} on"
            ));
        }
    }
    Backup {
        lines,
        rejections,
        deleted,
        follower_after: log_terms(follower.log()),
    }
}

/// An AppendEntries or its reply, as the replication trace prints it.
fn message_line(env: &crate::node::Envelope) -> Option<String> {
    let (crate::node::Addr::Node(from), crate::node::Addr::Node(to)) = (env.from, env.to) else {
        return None;
    };
    let text = match &env.msg {
        Msg::Append {
            prev_index,
            prev_term,
            entries,
            commit,
            ..
        } => {
            let what = match entries.len() {
                0 => "heartbeat".to_string(),
                1 => format!("entries=[{}]", prev_index + 1),
                n => format!("entries=[{}..{}]", prev_index + 1, prev_index + n as u64),
            };
            format!("AppendEntries prev=({prev_index},t{prev_term}) {what} commit={commit}")
        }
        Msg::AppendReply {
            success: true,
            index,
            ..
        } => format!("ok match={index}"),
        Msg::AppendReply { index, .. } => format!("reject, try {index}"),
        _ => return None,
    };
    Some(format!("{} -> {} {text}", name(from), name(to)))
}

/// Replication on five nodes: n1 leads term 1, the nodes in `cut` are
/// cut off, a client's three writes go to n1; after `heal_at` ms the
/// partition heals. Returns the trace and each node's commit index.
pub struct Replicate {
    pub lines: Vec<String>,
    pub commits: Vec<Index>,
}

pub fn replicate(cut: &[NodeId], heal_at: Option<u64>, until: u64) -> Replicate {
    let config = Config {
        max_batch: 4,
        ..scripted(Variant::Raft)
    };
    let mut cluster = Cluster::new(5, config, Net::default(), 3);
    let n1 = 0;
    cluster.campaign(n1);
    cluster.run_until(40);
    let rest: Vec<NodeId> = (0..5).filter(|n| !cut.contains(n)).collect();
    cluster.partition(&[&rest, cut]);
    let mut lines = vec![format!(
        "   40 ms  n1 leads term 1, its no-op at index 1 committed; cut off: {}",
        if cut.is_empty() {
            "nobody".to_string()
        } else {
            cut.iter().map(|&n| name(n)).collect::<Vec<_>>().join(" ")
        }
    )];
    cluster.delivered = Some(Vec::new());
    let mark = cluster.events.len();
    cluster.run_until(45);
    lines.push("   45 ms  client: set x=1, set y=2, set x=3 to n1 (indexes 2 to 4)".to_string());
    for (seq, (key, value)) in [('x', 1), ('y', 2), ('x', 3)].into_iter().enumerate() {
        cluster.propose(n1, set(seq as u64 + 1, key, value));
    }
    match heal_at {
        Some(at) => {
            cluster.run_until(at);
            cluster.heal();
            cluster.run_until(until);
        }
        None => cluster.run_until(until),
    }
    let delivered = cluster.delivered.take().unwrap_or_default();
    let mut next_event = mark;
    let event_line = |at: u64, node: NodeId, event: &Event| -> Option<String> {
        let text = match event {
            Event::Committed { from, to } => format!("{} commit {from} -> {to}", name(node)),
            Event::Applied { index, entry } => {
                let what = entry
                    .command
                    .map_or("no-op".to_string(), |c| c.op.to_string());
                format!("{} apply {index} {what}", name(node))
            }
            Event::Truncated { from, count } => {
                format!("{} deletes {count} from index {from}", name(node))
            }
            _ => return None,
        };
        Some(format!("{at:>5} ms  {text}"))
    };
    let mut healed = heal_at.is_none();
    for (at, before, env) in &delivered {
        while next_event < *before {
            let (t, node, e) = &cluster.events[next_event];
            lines.extend(event_line(*t, *node, e));
            next_event += 1;
        }
        if !healed && heal_at.is_some_and(|h| *at >= h) {
            lines.push(format!("{:>5} ms  heal", heal_at.unwrap_or(0)));
            healed = true;
        }
        lines.extend(message_line(env).map(|m| format!("{at:>5} ms  {m}")));
    }
    for (t, node, e) in &cluster.events[next_event..] {
        lines.extend(event_line(*t, *node, e));
    }
    let commits = (0..5)
        .map(|n| cluster.node(n).map_or(0, |x| x.commit_index()))
        .collect();
    Replicate { lines, commits }
}

/// A retried command: (client 1, seq 1) `incr c` commits and applies on
/// the leader, the leader crashes before its reply goes out, and the
/// client sends the same command to the next leader.
pub struct Retry {
    /// How many log entries carry (client 1, seq 1) on the new leader.
    pub entries: usize,
    /// The counter on every node in the end.
    pub counters: Vec<u64>,
    /// What the client was told.
    pub answer: Option<u64>,
}

pub fn retry(dedup: bool) -> Retry {
    let config = Config {
        dedup,
        ..scripted(Variant::Raft)
    };
    let mut cluster = Cluster::new(3, config, Net::default(), 5);
    let (n1, n2) = (0, 1);
    cluster.campaign(n1);
    cluster.run_until(40);
    let client = cluster.add_client(vec![Op::Incr { key: 'c' }], 41);
    cluster.clients[client].pin(n1);
    // Run until n1 applies the command, then crash it: its reply to the
    // client is lost with everything else in flight.
    cluster.run_while_not(200, |c| c.node(n1).is_some_and(|n| n.kv().get('c') == 1));
    cluster.crash(n1);
    cluster.drop_in_flight();
    // n2 wins, and the client, having heard nothing, sends the same
    // command to it at once: before n2 has learned that the first copy
    // is committed.
    campaign_until_leader(&mut cluster, n2);
    cluster.clients[client].retry_at(n2, cluster.now);
    cluster.run_while_not(300, |c| c.clients_done());
    cluster.restart(n1);
    cluster.run_until(cluster.now + 200);
    let entries = cluster
        .node(n2)
        .expect("up")
        .log()
        .iter()
        .filter(|e| e.command.is_some_and(|c| c.client == client && c.seq == 1))
        .count();
    Retry {
        entries,
        counters: (0..3)
            .map(|n| cluster.node(n).map_or(0, |x| x.kv().get('c')))
            .collect(),
        answer: cluster.clients[client].done.first().map(|d| d.3),
    }
}
