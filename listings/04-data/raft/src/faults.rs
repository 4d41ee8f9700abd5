//! Random fault schedules for the sweep, and the verdict on one seed.
//!
//! Each seed draws a cluster (3 nodes on even seeds, 5 on odd ones), a
//! network (delay, loss, duplication), five clients writing and reading
//! three keys, and a schedule of faults over the first 15 seconds:
//! partitions into two or three groups, heals, crashes of any node, of
//! the current leader or of the next leader soon after it wins, with
//! restarts after a short or a long time. The schedule is biased toward
//! the leader and toward short outages, because the bugs it hunts need a
//! leader to die soon after it acted, or a voter to come back quickly
//! within an election.

use seeded::SplitMix64;

use crate::kv::Op;
use crate::node::{Config, Event, NodeId, Variant, name};
use crate::sim::{Cluster, Net};

/// Faults happen before this time; afterwards the network heals and
/// every node restarts, so the clients can finish.
pub const FAULTS_END: u64 = 15_000;
/// After the faults, the run goes on this long, or until every client is
/// answered.
pub const RUN_AFTER: u64 = 3_000;
pub const KEYS: [char; 3] = ['x', 'y', 'z'];
pub const CLIENTS: usize = 5;
pub const OPS_PER_CLIENT: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Nodes split into these groups.
    Partition(Vec<Vec<NodeId>>),
    Heal,
    /// This node crashes, and restarts after `down` ms.
    Crash {
        node: NodeId,
        down: u64,
    },
    /// Whichever node leads right then crashes, and restarts after `down`.
    CrashLeader {
        down: u64,
    },
    /// Whichever node leads right then is cut off from the others.
    IsolateLeader,
    /// The next node to win an election crashes `after` ms after it
    /// wins, and restarts after `down`: a leader that dies while it
    /// brings the others' logs in line with its own.
    CrashNewLeader {
        after: u64,
        down: u64,
    },
}

#[derive(Debug, Clone)]
pub struct Schedule {
    /// 3 nodes for even seeds, 5 for odd ones.
    pub nodes: usize,
    pub net: Net,
    pub actions: Vec<(u64, Action)>,
    /// Per client: its operations and when it starts.
    pub clients: Vec<(Vec<Op>, u64)>,
}

impl Schedule {
    pub fn generate(seed: u64) -> Schedule {
        let mut rng = SplitMix64(seed ^ 0x005E_ED0F_FA17);
        let nodes = if seed.is_multiple_of(2) { 3 } else { 5 };
        let delay_min = 1 + rng.below(3) as u64;
        let net = Net {
            delay_min,
            delay_max: delay_min + 4 + rng.below(16) as u64,
            loss: rng.unit() * 0.1,
            duplicate: rng.unit() * 0.05,
        };
        let mut actions = Vec::new();
        let mut t = 100 + rng.below(200) as u64;
        while t < FAULTS_END {
            let down = if rng.below(2) == 0 {
                1 + rng.below(30) as u64
            } else {
                50 + rng.below(400) as u64
            };
            let action = match rng.below(100) {
                0..=24 => {
                    let groups = 2 + rng.below(2);
                    let mut split = vec![Vec::new(); groups];
                    for node in 0..nodes {
                        split[rng.below(groups)].push(node);
                    }
                    split.retain(|g| !g.is_empty());
                    Action::Partition(split)
                }
                25..=39 => Action::Heal,
                40..=59 => Action::Crash {
                    node: rng.below(nodes),
                    down,
                },
                60..=74 => Action::CrashLeader { down },
                75..=89 => Action::CrashNewLeader {
                    after: 1 + rng.below(30) as u64,
                    down,
                },
                _ => Action::IsolateLeader,
            };
            actions.push((t, action));
            t += 20 + rng.below(130) as u64;
        }
        let mut clients = Vec::new();
        let mut value = 0;
        for _ in 0..CLIENTS {
            let ops = (0..OPS_PER_CLIENT)
                .map(|_| {
                    let key = KEYS[rng.below(KEYS.len())];
                    if rng.below(2) == 0 {
                        value += 1;
                        Op::Set { key, value }
                    } else {
                        Op::Get { key }
                    }
                })
                .collect();
            clients.push((ops, 50 + rng.below(400) as u64));
        }
        Schedule {
            nodes,
            net,
            actions,
            clients,
        }
    }

    pub fn describe(action: &Action) -> String {
        let names = |g: &Vec<NodeId>| g.iter().map(|&n| name(n)).collect::<Vec<_>>().join(" ");
        match action {
            Action::Partition(groups) => {
                let parts: Vec<String> =
                    groups.iter().map(|g| format!("{{{}}}", names(g))).collect();
                format!("partition {}", parts.join(" | "))
            }
            Action::Heal => "heal".to_string(),
            Action::Crash { node, down } => format!("crash {} for {down} ms", name(*node)),
            Action::CrashLeader { down } => format!("crash the leader for {down} ms"),
            Action::IsolateLeader => "isolate the leader".to_string(),
            Action::CrashNewLeader { after, down } => {
                format!("crash the next leader {after} ms after it wins, for {down} ms")
            }
        }
    }
}

/// What one seed showed.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Broken properties: two leaders in a term, two entries applied at
    /// one index, or a key whose history is not linearizable.
    pub violations: Vec<String>,
    pub answered: usize,
    pub elections: usize,
    /// Crashes between a step's write to disk and its messages.
    pub crashes_before_send: u64,
}

/// Crashes the next leader soon after it wins, when armed.
#[derive(Default)]
struct Nemesis {
    /// Every crash waits for the node's next step that persists
    /// something, and drops that step's messages.
    before_send: bool,
    /// (after, down, how many events the cluster had when armed).
    armed: Option<(u64, u64, usize)>,
    /// The crash it scheduled: (node, at, down).
    due: Option<(NodeId, u64, u64)>,
}

impl Nemesis {
    fn advance(&mut self, cluster: &mut Cluster, until: u64, trace: &mut impl FnMut(u64, String)) {
        while cluster.now < until {
            cluster.step_ms();
            if let Some((after, down, seen)) = self.armed {
                let won = cluster.events[seen..]
                    .iter()
                    .find_map(|(at, node, e)| match e {
                        Event::Elected { .. } => Some((*node, *at)),
                        _ => None,
                    });
                if let Some((node, at)) = won {
                    self.due = Some((node, at + after, down));
                    self.armed = None;
                } else {
                    self.armed = Some((after, down, cluster.events.len()));
                }
            }
            if let Some((node, at, down)) = self.due
                && cluster.now >= at
            {
                crash(cluster, self.before_send, node, at, down);
                trace(
                    at,
                    format!("crash the new leader {} for {down} ms", name(node)),
                );
                self.due = None;
            }
        }
    }
}

/// A crash now, or, with `before_send`, right after the node's next
/// step that changes its disk and before that step's messages leave.
fn crash(cluster: &mut Cluster, before_send: bool, node: NodeId, at: u64, down: u64) {
    if before_send {
        cluster.crash_before_send(node, down);
    } else {
        cluster.crash_until(node, at + down);
    }
}

/// Runs one seed; `trace` receives each fault as it is applied.
pub fn run(variant: Variant, seed: u64, trace: impl FnMut(u64, String)) -> (Cluster, Outcome) {
    run_with(variant, seed, false, trace)
}

/// Runs one seed; with `before_send`, every crash of the schedule falls
/// between a step's write to disk and its messages (see
/// [`Cluster::crash_before_send`]).
pub fn run_with(
    variant: Variant,
    seed: u64,
    before_send: bool,
    mut trace: impl FnMut(u64, String),
) -> (Cluster, Outcome) {
    let schedule = Schedule::generate(seed);
    let config = Config {
        variant,
        // One entry per AppendEntries: a follower far behind gets an old
        // leader's entries one round trip before the new leader's own,
        // which keeps open the window that figure 8 needs.
        max_batch: 1,
        ..Config::default()
    };
    let mut cluster = Cluster::new(schedule.nodes, config, schedule.net, seed);
    cluster.think = 150;
    for (ops, start) in &schedule.clients {
        cluster.add_client(ops.clone(), *start);
    }
    let mut nemesis = Nemesis {
        before_send,
        ..Nemesis::default()
    };
    for (at, action) in &schedule.actions {
        nemesis.advance(&mut cluster, *at, &mut trace);
        let what = match action {
            Action::Partition(groups) => {
                let refs: Vec<&[NodeId]> = groups.iter().map(|g| g.as_slice()).collect();
                cluster.partition(&refs);
                Schedule::describe(action)
            }
            Action::Heal => {
                cluster.heal();
                Schedule::describe(action)
            }
            Action::Crash { node, down } => {
                crash(&mut cluster, before_send, *node, *at, *down);
                Schedule::describe(action)
            }
            Action::CrashLeader { down } => match cluster.leader() {
                Some(leader) => {
                    crash(&mut cluster, before_send, leader, *at, *down);
                    format!("crash the leader {} for {down} ms", name(leader))
                }
                None => "crash the leader: there is none".to_string(),
            },
            Action::CrashNewLeader { after, down } => {
                nemesis.armed = Some((*after, *down, cluster.events.len()));
                nemesis.due = None;
                Schedule::describe(action)
            }
            Action::IsolateLeader => match cluster.leader() {
                Some(leader) => {
                    cluster.isolate(leader);
                    format!("isolate the leader {}", name(leader))
                }
                None => "isolate the leader: there is none".to_string(),
            },
        };
        trace(*at, what);
    }
    nemesis.advance(&mut cluster, FAULTS_END, &mut trace);
    cluster.heal();
    for node in 0..schedule.nodes {
        cluster.restart(node);
    }
    trace(FAULTS_END, "heal, restart every node".to_string());
    cluster.run_while_not(RUN_AFTER, |c| c.clients_done());
    // A little longer, so that followers learn the last commit index and
    // apply it too.
    let settle = cluster.now + 200;
    cluster.run_until(settle);
    let mut violations = cluster.violations.clone();
    for key in cluster.non_linearizable_keys() {
        violations.push(format!(
            "key {key}: the clients' history is not linearizable"
        ));
    }
    let answered = cluster.clients.iter().map(|c| c.done.len()).sum();
    let elections = cluster.leaders.len();
    let crashes_before_send = cluster.crashes_before_send;
    (
        cluster,
        Outcome {
            violations,
            answered,
            elections,
            crashes_before_send,
        },
    )
}

/// Runs seeds `0..seeds` on every core; results in seed order.
pub fn sweep(variant: Variant, seeds: u64) -> Vec<(u64, Outcome)> {
    sweep_with(variant, seeds, false)
}

/// [`sweep`], with every crash between persist and send if `before_send`.
pub fn sweep_with(variant: Variant, seeds: u64, before_send: bool) -> Vec<(u64, Outcome)> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get() as u64);
    let mut results: Vec<(u64, Outcome)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                scope.spawn(move || {
                    (worker..seeds)
                        .step_by(workers as usize)
                        .map(|seed| (seed, run_with(variant, seed, before_send, |_, _| {}).1))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a seed panicked"))
            .collect()
    });
    results.sort_by_key(|(seed, _)| *seed);
    results
}

/// The three properties, as the sweep counts them.
pub const PROPERTIES: [(&str, &str); 3] = [
    ("two leaders in a term", "two leaders"),
    ("different entries applied at an index", "applied as"),
    ("a key not linearizable", "not linearizable"),
];
