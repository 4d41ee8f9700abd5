//! A seeded simulation of a Raft cluster and its clients: no threads and
//! no wall clock, so one seed always gives the same run. Time is in
//! milliseconds; every node ticks once a millisecond.
//!
//! The network delays each message by a random time (so messages pass
//! each other), may lose or duplicate it, and drops what crosses a
//! partition or reaches a crashed node. A crash throws away the node's
//! memory; a restart rebuilds the node from what it had persisted.
//!
//! The cluster checks two properties as it runs: at most one leader per
//! term, and that no two nodes apply different entries at one index.

use std::collections::BTreeMap;

use consistency_checker::{History, Op as HistOp};
use seeded::SplitMix64;

use crate::kv::{Command, Op, Outcome};
use crate::node::{
    Addr, Config, Entry, Envelope, Event, HardState, Index, Msg, Node, NodeId, Term, name,
};

/// How the network treats messages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Net {
    pub delay_min: u64,
    pub delay_max: u64,
    /// Chance that a message is lost.
    pub loss: f64,
    /// Chance that a message arrives twice.
    pub duplicate: f64,
}

impl Default for Net {
    fn default() -> Net {
        Net {
            delay_min: 2,
            delay_max: 10,
            loss: 0.0,
            duplicate: 0.0,
        }
    }
}

/// One client: sends its operations one at a time, retries the current
/// one (same seq) until it is answered, and records what it saw.
#[derive(Debug, Clone)]
pub struct Client {
    pub id: usize,
    ops: Vec<Op>,
    next: usize,
    target: NodeId,
    /// The operation in flight: (seq, op, first sent, when to retry).
    pending: Option<(u64, Op, u64, u64)>,
    /// The node to retry at, if a node named one.
    redirect: Option<NodeId>,
    /// Sends to one node, once, and waits.
    pinned: bool,
    /// A pinned client's one scripted retry is due.
    resend: bool,
    /// The wait before the next retry.
    backoff: u64,
    /// Not before this time.
    wait_until: u64,
    /// Answered operations: (op, invoked, returned, outcome).
    pub done: Vec<(Op, u64, u64, Outcome)>,
    pub tries: u64,
}

impl Client {
    /// Sends the operation in flight again, to `node`, at time `at`, and
    /// from then on sends each operation to it only, once.
    pub fn retry_at(&mut self, node: NodeId, at: u64) {
        self.target = node;
        self.pinned = true;
        if let Some((seq, op, first, _)) = self.pending {
            self.pending = Some((seq, op, first, at));
            self.resend = true;
        }
    }

    /// Sends each operation to `node` only, once, and never retries.
    pub fn pin(&mut self, node: NodeId) {
        self.target = node;
        self.pinned = true;
    }
}

/// Milliseconds without an answer before a client first tries another
/// node; each later retry waits twice as long, up to a second.
pub const CLIENT_RETRY: u64 = 60;

/// A cluster of `n` nodes and its clients.
pub struct Cluster {
    pub now: u64,
    n: usize,
    config: Config,
    seed: u64,
    pub net: Net,
    rng: SplitMix64,
    nodes: Vec<Option<Node>>,
    disks: Vec<HardState>,
    boots: Vec<u64>,
    restart_at: Vec<Option<u64>>,
    /// Per node, armed: crash for this many ms right after the next step
    /// that changes what is on disk, before that step's messages leave.
    crash_before_send: Vec<Option<u64>>,
    /// How many such crashes happened.
    pub crashes_before_send: u64,
    /// Nodes talk only within the same group.
    group: Vec<usize>,
    queue: BTreeMap<(u64, u64), Envelope>,
    sent: u64,
    pub clients: Vec<Client>,
    /// Every event of every node, with its time, for traces.
    pub events: Vec<(u64, NodeId, Event)>,
    /// When set, every message delivered to a node: its time, how many
    /// events had happened before it (to merge the two in order), and it.
    pub delivered: Option<Vec<(u64, usize, Envelope)>>,
    /// Term -> leader, as elections happened.
    pub leaders: BTreeMap<Term, NodeId>,
    /// Index -> the entry applied there (by whichever node applied first).
    pub applied: BTreeMap<Index, (NodeId, Entry)>,
    /// Broken safety properties, as found.
    pub violations: Vec<String>,
    /// When the first was found.
    pub first_violation_at: Option<u64>,
    /// Messages handed to the network.
    pub messages: u64,
    /// A client waits up to this many ms between operations.
    pub think: u64,
}

impl Cluster {
    pub fn new(n: usize, config: Config, net: Net, seed: u64) -> Cluster {
        let mut cluster = Cluster {
            now: 0,
            n,
            config,
            seed,
            net,
            rng: SplitMix64(seed),
            nodes: Vec::new(),
            disks: vec![HardState::default(); n],
            boots: vec![0; n],
            restart_at: vec![None; n],
            crash_before_send: vec![None; n],
            crashes_before_send: 0,
            group: vec![0; n],
            queue: BTreeMap::new(),
            sent: 0,
            clients: Vec::new(),
            events: Vec::new(),
            delivered: None,
            leaders: BTreeMap::new(),
            applied: BTreeMap::new(),
            violations: Vec::new(),
            first_violation_at: None,
            messages: 0,
            think: 10,
        };
        for id in 0..n {
            let node = Node::new(id, n, config, cluster.node_seed(id));
            cluster.nodes.push(Some(node));
        }
        cluster
    }

    /// Each boot of each node gets its own seed for its timeouts.
    fn node_seed(&self, id: NodeId) -> u64 {
        self.seed
            .wrapping_mul(0x2545_F491_4F6C_DD1D)
            .wrapping_add((id as u64) << 32 | self.boots[id])
    }

    pub fn size(&self) -> usize {
        self.n
    }
    pub fn config(&self) -> Config {
        self.config
    }
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes[id].as_ref()
    }
    pub fn is_up(&self, id: NodeId) -> bool {
        self.nodes[id].is_some()
    }
    pub fn disk(&self, id: NodeId) -> &HardState {
        &self.disks[id]
    }

    /// The live nodes that believe they lead, with their terms.
    pub fn leaders_now(&self) -> Vec<(NodeId, Term)> {
        self.nodes
            .iter()
            .flatten()
            .filter(|n| n.role() == crate::node::Role::Leader)
            .map(|n| (n.id, n.term()))
            .collect()
    }

    /// The leader of the highest term among the live nodes that believe
    /// they lead.
    pub fn leader(&self) -> Option<NodeId> {
        self.leaders_now()
            .into_iter()
            .max_by_key(|&(_, t)| t)
            .map(|(id, _)| id)
    }

    /// The highest term any live node is in.
    pub fn max_term(&self) -> Term {
        self.nodes
            .iter()
            .flatten()
            .map(|n| n.term())
            .max()
            .unwrap_or(0)
    }

    // --- faults -------------------------------------------------------

    /// Splits the nodes into groups that cannot reach each other; nodes
    /// not named form one more group.
    pub fn partition(&mut self, groups: &[&[NodeId]]) {
        self.group = vec![groups.len(); self.n];
        for (g, members) in groups.iter().enumerate() {
            for &id in members.iter() {
                self.group[id] = g;
            }
        }
    }

    /// Cuts one node off from all others.
    pub fn isolate(&mut self, id: NodeId) {
        let g = self.group.iter().max().copied().unwrap_or(0) + 1;
        self.group[id] = g;
    }

    pub fn heal(&mut self) {
        self.group = vec![0; self.n];
    }

    pub fn connected(&self, a: NodeId, b: NodeId) -> bool {
        self.group[a] == self.group[b]
    }

    /// The node loses its memory; its disk stays.
    pub fn crash(&mut self, id: NodeId) {
        self.nodes[id] = None;
        self.restart_at[id] = None;
        self.crash_before_send[id] = None;
    }

    /// The node starts again from its disk.
    pub fn restart(&mut self, id: NodeId) {
        if self.nodes[id].is_some() {
            return;
        }
        self.boots[id] += 1;
        let seed = self.node_seed(id);
        let disk = self.disks[id].clone();
        self.nodes[id] = Some(Node::restart(id, self.n, self.config, seed, disk));
        self.restart_at[id] = None;
    }

    /// Crashes the node now and restarts it at `at`.
    pub fn crash_until(&mut self, id: NodeId, at: u64) {
        self.crash(id);
        self.restart_at[id] = Some(at);
    }

    /// Arms a crash between persist and send: the node's next step that
    /// changes its term, vote or log is written to disk, then the node
    /// crashes before any message of that step leaves, and restarts
    /// `down` ms later.
    pub fn crash_before_send(&mut self, id: NodeId, down: u64) {
        if self.nodes[id].is_some() {
            self.crash_before_send[id] = Some(down);
        }
    }

    /// Makes a node start an election now, as etcd's tests do with
    /// `campaign`: scripted runs use it instead of waiting for a timeout.
    pub fn campaign(&mut self, id: NodeId) {
        if let Some(node) = self.nodes[id].as_mut() {
            node.campaign();
        }
        self.after_step(id);
    }

    /// Hands a command straight to a node, as if a client had sent it.
    pub fn propose(&mut self, id: NodeId, command: Command) -> Option<Index> {
        let index = self.nodes[id].as_mut().and_then(|n| n.propose(command));
        self.after_step(id);
        index
    }

    /// Makes a node leader of its current term without an election and
    /// without a no-op of its own, for scripts that set logs by hand.
    pub fn force_leader(&mut self, id: NodeId) {
        if let Some(node) = self.nodes[id].as_mut() {
            node.force_leader(false);
        }
        self.after_step(id);
    }

    /// Sets the persisted state of a stopped node, for scripted logs.
    pub fn set_disk(&mut self, id: NodeId, disk: HardState) {
        self.disks[id] = disk;
    }

    // --- clients ------------------------------------------------------

    /// Adds a client that will run `ops`, one at a time, from `start`.
    pub fn add_client(&mut self, ops: Vec<Op>, start: u64) -> usize {
        let id = self.clients.len();
        let target = id % self.n;
        self.clients.push(Client {
            id,
            ops,
            next: 0,
            target,
            pending: None,
            redirect: None,
            pinned: false,
            resend: false,
            backoff: CLIENT_RETRY,
            wait_until: start,
            done: Vec::new(),
            tries: 0,
        });
        id
    }

    /// Whether every client has had every operation answered.
    pub fn clients_done(&self) -> bool {
        self.clients
            .iter()
            .all(|c| c.pending.is_none() && c.next == c.ops.len())
    }

    fn tick_clients(&mut self) {
        for c in 0..self.clients.len() {
            let now = self.now;
            let client = &mut self.clients[c];
            if now < client.wait_until {
                continue;
            }
            let send = match client.pending {
                None if client.next < client.ops.len() => {
                    let op = client.ops[client.next];
                    client.next += 1;
                    let seq = client.next as u64;
                    client.pending = Some((seq, op, now, now + CLIENT_RETRY));
                    client.backoff = CLIENT_RETRY;
                    Some((seq, op))
                }
                Some((seq, op, _, retry)) if client.resend && now >= retry => {
                    client.resend = false;
                    Some((seq, op))
                }
                Some((seq, op, first, retry)) if now >= retry && !client.pinned => {
                    let next = (client.target + 1) % self.n;
                    client.target = client.redirect.take().unwrap_or(next);
                    // Each retry waits twice as long, up to a second: a
                    // leader that appends every retry must not drown.
                    client.backoff = (client.backoff * 2).min(1_000);
                    client.pending = Some((seq, op, first, now + client.backoff));
                    Some((seq, op))
                }
                _ => None,
            };
            if let Some((seq, op)) = send {
                client.tries += 1;
                let env = Envelope {
                    from: Addr::Client(c),
                    to: Addr::Node(client.target),
                    msg: Msg::Request(Command { client: c, seq, op }),
                };
                self.transmit(env);
            }
        }
    }

    fn client_receives(
        &mut self,
        c: usize,
        from: NodeId,
        seq: u64,
        result: Result<Outcome, Option<NodeId>>,
    ) {
        let now = self.now;
        let n = self.n;
        // Scripts propose for clients that do not exist: nobody listens.
        let Some(client) = self.clients.get_mut(c) else {
            return;
        };
        let Some((pending_seq, op, first, _)) = client.pending else {
            return;
        };
        if pending_seq != seq {
            return;
        }
        match result {
            Ok(outcome) => {
                client.done.push((op, first, now, outcome));
                client.pending = None;
                // Think for a moment: the next operation starts strictly
                // after this one returned.
                client.wait_until = now + 1 + self.rng.below(self.think as usize) as u64;
            }
            Err(hint) => {
                // Not the leader: try the node it names soon, or the next
                // node a little later if it knows no leader.
                client.redirect = Some(hint.unwrap_or((from + 1) % n));
                let wait = if hint.is_some() { 1 } else { 20 };
                client.pending = Some((seq, op, first, now + wait));
            }
        }
    }

    /// The history each key saw, for the linearizability checker: one
    /// register per key; a write that was never answered may or may not
    /// have happened; a read never answered tells nothing.
    pub fn histories(&self) -> BTreeMap<char, Vec<HistOp>> {
        let mut out: BTreeMap<char, Vec<HistOp>> = BTreeMap::new();
        for client in &self.clients {
            for &(op, invoke, ret, outcome) in &client.done {
                match op {
                    Op::Set { key, value } => out
                        .entry(key)
                        .or_default()
                        .push(HistOp::write(client.id, value, invoke, ret)),
                    Op::Get { key } => out
                        .entry(key)
                        .or_default()
                        .push(HistOp::read(client.id, outcome, invoke, ret)),
                    Op::Incr { .. } => {}
                }
            }
            if let Some((_, Op::Set { key, value }, first, _)) = client.pending {
                out.entry(key)
                    .or_default()
                    .push(HistOp::unanswered_write(client.id, value, first));
            }
        }
        out
    }

    /// Checks every key's history; returns the keys that are not
    /// linearizable.
    pub fn non_linearizable_keys(&self) -> Vec<char> {
        self.histories()
            .into_iter()
            .filter(|(_, ops)| {
                let history =
                    History::new(ops.clone()).expect("the clients record valid histories");
                consistency_checker::linearizable(&history).is_none()
            })
            .map(|(key, _)| key)
            .collect()
    }

    // --- the run ------------------------------------------------------

    fn transmit(&mut self, env: Envelope) {
        self.messages += 1;
        if self.rng.unit() < self.net.loss {
            return;
        }
        let copies = if self.rng.unit() < self.net.duplicate {
            2
        } else {
            1
        };
        for _ in 0..copies {
            let span = self.net.delay_max - self.net.delay_min + 1;
            let delay = self.net.delay_min + self.rng.next_u64() % span;
            self.sent += 1;
            self.queue
                .insert((self.now + delay.max(1), self.sent), env.clone());
        }
    }

    /// After a node stepped: persist, then send, then look at its events.
    fn after_step(&mut self, id: NodeId) {
        let Some(node) = self.nodes[id].as_mut() else {
            return;
        };
        let disk = node.persisted();
        let changed = disk != self.disks[id];
        self.disks[id] = disk;
        let outbox = node.take_outbox();
        let events = node.take_events();
        let crash = self.crash_before_send[id].filter(|_| changed);
        if let Some(down) = crash {
            // On disk, but the messages die with the node.
            self.crash_until(id, self.now + down);
            self.crashes_before_send += 1;
        } else {
            for env in outbox {
                self.transmit(env);
            }
        }
        for event in events {
            self.check(id, &event);
            if !self.violations.is_empty() {
                self.first_violation_at.get_or_insert(self.now);
            }
            self.events.push((self.now, id, event));
        }
    }

    fn check(&mut self, id: NodeId, event: &Event) {
        match event {
            Event::Elected { term, .. } => {
                if let Some(&other) = self.leaders.get(term) {
                    if other != id {
                        self.violations.push(format!(
                            "two leaders in term {term}: {} and {}",
                            name(other),
                            name(id)
                        ));
                    }
                } else {
                    self.leaders.insert(*term, id);
                }
            }
            Event::Applied { index, entry } => match self.applied.get(index) {
                Some((other, first)) if first != entry => {
                    self.violations.push(format!(
                        "index {index} applied as {} on {} and as {} on {}",
                        describe(first),
                        name(*other),
                        describe(entry),
                        name(id)
                    ));
                }
                Some(_) => {}
                None => {
                    self.applied.insert(*index, (id, entry.clone()));
                }
            },
            _ => {}
        }
    }

    fn deliver(&mut self, env: Envelope) {
        match (env.from, env.to) {
            (Addr::Node(from), Addr::Client(c)) => {
                if let Msg::Reply { seq, result } = env.msg {
                    self.client_receives(c, from, seq, result);
                }
            }
            (from, Addr::Node(to)) => {
                if let Addr::Node(f) = from
                    && !self.connected(f, to)
                {
                    return;
                }
                let Some(node) = self.nodes[to].as_mut() else {
                    return;
                };
                if let Some(log) = self.delivered.as_mut() {
                    log.push((self.now, self.events.len(), env.clone()));
                }
                node.step(env.from, env.msg);
                self.after_step(to);
            }
            (Addr::Client(_), Addr::Client(_)) => {}
        }
    }

    /// One millisecond: restarts due, messages due, clients, node ticks.
    pub fn step_ms(&mut self) {
        self.now += 1;
        for id in 0..self.n {
            if self.restart_at[id].is_some_and(|at| at <= self.now) {
                self.restart(id);
            }
        }
        while let Some(entry) = self.queue.first_entry() {
            if entry.key().0 > self.now {
                break;
            }
            let env = entry.remove();
            self.deliver(env);
        }
        self.tick_clients();
        for id in 0..self.n {
            if let Some(node) = self.nodes[id].as_mut() {
                node.tick();
                self.after_step(id);
            }
        }
    }

    /// Runs until time `t`.
    pub fn run_until(&mut self, t: u64) {
        while self.now < t {
            self.step_ms();
        }
    }

    /// Runs until `done` holds or `limit` ms have passed; true if it held.
    pub fn run_while_not(&mut self, limit: u64, mut done: impl FnMut(&Cluster) -> bool) -> bool {
        let end = self.now + limit;
        while self.now < end {
            if done(self) {
                return true;
            }
            self.step_ms();
        }
        done(self)
    }

    /// Drops every message in flight (used by scripts between acts).
    pub fn drop_in_flight(&mut self) {
        self.queue.clear();
    }
}

/// An entry as a trace prints it: `t2 set x=1` or `t3 no-op`.
pub fn describe(entry: &Entry) -> String {
    match &entry.command {
        Some(c) => format!("t{} {}", entry.term, c.op),
        None => format!("t{} no-op", entry.term),
    }
}
