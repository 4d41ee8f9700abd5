//! Leader-follower replication of a log of writes on three servers, with a
//! failover manager that promotes a follower when the leader crashes.
//!
//! The leader appends each write to its log and ships the whole log to both
//! followers (the logs are short); a follower adopts a log from a newer
//! leader, or a longer one from its own, and says how much it holds. When
//! the leader answers the client depends on the mode. The register's value
//! is the log's last entry.

use fault_sweep::Schedule;

use crate::clients::{Answer, Clients, Request};
use crate::sim::{Event, Net, Step};

/// When the leader tells the client "written".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// As soon as the write is in its own log.
    Async,
    /// When at least one follower holds it too.
    SemiSync,
    /// When both followers hold it.
    Sync,
}

impl Mode {
    /// Followers that must hold an entry before the client is answered.
    fn needed(self) -> usize {
        match self {
            Mode::Async => 0,
            Mode::SemiSync => 1,
            Mode::Sync => 2,
        }
    }
}

pub const SERVERS: usize = 3;
/// How long the manager takes to notice a crashed leader.
const FAILOVER_AFTER: u64 = 60;
const HEARTBEAT: u64 = 20;

#[derive(Debug, Clone)]
pub enum Msg {
    // Clients.
    Begin,
    GiveUp(u64),
    Request(Request),
    Reply(u64, Answer),
    // Servers.
    Replicate { epoch: u64, log: Vec<u64> },
    Holds { epoch: u64, len: usize },
    Heartbeat,
    // The failover manager.
    Failover,
}

/// What a server keeps on disk, and what it forgets in a crash.
#[derive(Debug, Clone, Default)]
pub struct Server {
    pub log: Vec<u64>,
    pub epoch: u64,
    // Volatile, as leader: how much each follower holds this epoch,
    // the writes waiting for followers (position, client, op), and how
    // long the log was when it took over.
    holds: [usize; SERVERS],
    waiting: Vec<(usize, usize, u64)>,
    floor: usize,
}

pub struct LeaderFollower {
    pub mode: Mode,
    pub net: Net<Msg>,
    pub servers: Vec<Server>,
    pub clients: Clients,
    /// The failover manager's view: who leads, in which epoch.
    pub leader: usize,
    pub epoch: u64,
    pub failovers: u64,
}

impl LeaderFollower {
    pub fn new(mode: Mode, net: Net<Msg>, clients: Clients) -> LeaderFollower {
        let mut lf = LeaderFollower {
            mode,
            net,
            servers: vec![Server::default(); SERVERS],
            clients,
            leader: 0,
            epoch: 0,
            failovers: 0,
        };
        for s in 0..SERVERS {
            lf.net.timer(s, HEARTBEAT, Msg::Heartbeat);
        }
        for c in 0..lf.clients.len() {
            if let Some(think) = lf.clients.think(c) {
                let node = lf.clients.first + c;
                lf.net.timer(node, think, Msg::Begin);
            }
        }
        lf
    }

    /// Runs until every client is done and the network has been quiet
    /// (no new fault) from `quiet_from` on for `settle` ms.
    pub fn run(&mut self, quiet_from: u64, settle: u64) {
        while let Some(step) = self.net.step() {
            let end = self.clients.done_at.max(quiet_from) + settle;
            if self.clients.finished() && self.net.now > end {
                break;
            }
            match step {
                Step::Crashed(s) => {
                    self.servers[s].waiting.clear();
                    if s == self.leader {
                        self.net
                            .timer(self.clients.first, FAILOVER_AFTER, Msg::Failover);
                    }
                }
                Step::Restarted(s) => {
                    self.net.timer(s, HEARTBEAT, Msg::Heartbeat);
                    if s == self.leader {
                        self.take_over(s);
                    }
                }
                Step::Event { node, event } => self.handle(node, event),
            }
        }
    }

    fn take_over(&mut self, s: usize) {
        let server = &mut self.servers[s];
        server.epoch = self.epoch;
        server.holds = [0; SERVERS];
        server.floor = server.log.len();
        server.waiting.clear();
    }

    // ANCHOR: failover
    /// The manager's failover: if the leader is still down, promote the
    /// most up-to-date live follower: the newest epoch it has heard from,
    /// then the longest log.
    fn failover(&mut self) {
        if self.net.up[self.leader] {
            return;
        }
        let up_to_date = |s: usize| {
            let server = &self.servers[s];
            (server.epoch, server.log.len(), std::cmp::Reverse(s))
        };
        let promoted = (0..SERVERS)
            .filter(|&s| s != self.leader && self.net.up[s])
            .max_by_key(|&s| up_to_date(s));
        match promoted {
            Some(s) => {
                self.leader = s;
                self.epoch += 1;
                self.failovers += 1;
                self.take_over(s);
            }
            None => self
                .net
                .timer(self.clients.first, FAILOVER_AFTER, Msg::Failover),
        }
    }
    // ANCHOR_END: failover

    fn handle(&mut self, node: usize, event: Event<Msg>) {
        let (from, msg) = match event {
            Event::Message { from, msg } => (Some(from), msg),
            Event::Timer(msg) => (None, msg),
        };
        match msg {
            Msg::Begin => {
                let c = node - self.clients.first;
                let (_, request) = self.clients.begin(c, self.net.now);
                let leader = self.leader;
                self.clients.redirect(c, leader);
                self.net.send(node, leader, Msg::Request(request));
                self.net.timer(
                    node,
                    crate::clients::CLIENT_TIMEOUT,
                    Msg::GiveUp(request.op),
                );
            }
            Msg::GiveUp(op) => self.client_done(node, op, Answer::Failed),
            Msg::Reply(op, answer) => self.client_done(node, op, answer),
            Msg::Failover => self.failover(),
            Msg::Request(request) => {
                let client = from.expect("a request is a message");
                self.serve(node, client, request);
            }
            Msg::Heartbeat => {
                if node == self.leader && self.servers[node].epoch == self.epoch {
                    self.ship(node);
                }
                self.net.timer(node, HEARTBEAT, Msg::Heartbeat);
            }
            Msg::Replicate { epoch, log } => {
                let server = &mut self.servers[node];
                let newer = epoch > server.epoch;
                if newer || (epoch == server.epoch && log.len() > server.log.len()) {
                    server.epoch = epoch;
                    server.log = log;
                }
                if epoch == server.epoch {
                    let len = server.log.len();
                    let leader = from.expect("a message");
                    self.net.send(node, leader, Msg::Holds { epoch, len });
                }
            }
            Msg::Holds { epoch, len } => {
                let follower = from.expect("a message");
                let server = &mut self.servers[node];
                if node == self.leader && epoch == server.epoch && epoch == self.epoch {
                    server.holds[follower] = server.holds[follower].max(len);
                    self.answer_waiting(node);
                }
            }
        }
    }

    fn client_done(&mut self, node: usize, op: u64, answer: Answer) {
        let c = node - self.clients.first;
        if self.clients.finish(c, op, answer, self.net.now)
            && let Some(think) = self.clients.think(c)
        {
            self.net.timer(node, think, Msg::Begin);
        }
    }

    fn ship(&mut self, leader: usize) {
        let server = &self.servers[leader];
        let (epoch, log) = (server.epoch, server.log.clone());
        for f in (0..SERVERS).filter(|&f| f != leader) {
            self.net.send(
                leader,
                f,
                Msg::Replicate {
                    epoch,
                    log: log.clone(),
                },
            );
        }
    }

    /// How long a prefix of the leader's log enough followers hold.
    fn committed(&self, leader: usize) -> usize {
        let server = &self.servers[leader];
        let mut holds: Vec<usize> = (0..SERVERS)
            .filter(|&f| f != leader)
            .map(|f| server.holds[f].min(server.log.len()))
            .collect();
        holds.sort_unstable_by(|a, b| b.cmp(a));
        match self.mode.needed() {
            0 => server.log.len(),
            n => holds[n - 1],
        }
    }

    // ANCHOR: serve
    fn serve(&mut self, node: usize, client: usize, request: Request) {
        if node != self.leader || self.servers[node].epoch != self.epoch {
            self.net
                .send(node, client, Msg::Reply(request.op, Answer::Failed));
            return;
        }
        let committed = self.committed(node);
        let server = &mut self.servers[node];
        match request.write {
            Some(value) => {
                server.log.push(value);
                let position = server.log.len();
                server.waiting.push((position, client, request.op));
                // The log ships on the next heartbeat, as a batch.
                self.answer_waiting(node);
            }
            None if committed >= server.floor => {
                let value = committed.checked_sub(1).map_or(0, |i| server.log[i]);
                self.net
                    .send(node, client, Msg::Reply(request.op, Answer::Value(value)));
            }
            None => self
                .net
                .send(node, client, Msg::Reply(request.op, Answer::Failed)),
        }
    }

    /// Answers every waiting write that enough followers now hold.
    fn answer_waiting(&mut self, leader: usize) {
        let committed = self.committed(leader);
        let server = &mut self.servers[leader];
        let (done, waiting) = server.waiting.drain(..).partition(|w| w.0 <= committed);
        server.waiting = waiting;
        for (_, client, op) in done {
            self.net
                .send(leader, client, Msg::Reply(op, Answer::Written));
        }
    }
    // ANCHOR_END: serve

    /// Acknowledged writes that are not in the leader's log at the end.
    pub fn lost(&self) -> Vec<u64> {
        self.not_in_log(crate::clients::acknowledged(&self.clients.history()))
    }

    /// Values a read returned that are not in the leader's log at the end:
    /// a client saw a write that the system then threw away.
    pub fn lost_reads(&self) -> Vec<u64> {
        self.not_in_log(crate::clients::read_values(&self.clients.history()))
    }

    fn not_in_log(&self, values: Vec<u64>) -> Vec<u64> {
        let log = &self.servers[self.leader].log;
        values.into_iter().filter(|v| !log.contains(v)).collect()
    }
}

/// One seeded run of `mode` under `schedule`.
pub fn run(
    mode: Mode,
    seed: u64,
    schedule: &Schedule,
    clients: usize,
    ops: usize,
) -> LeaderFollower {
    let net = Net::new(seed, schedule, SERVERS, clients);
    let plan = Clients::plan(seed, clients, ops, SERVERS, SERVERS);
    let mut lf = LeaderFollower::new(mode, net, plan);
    lf.run(
        schedule.events.last().map_or(0, |e| e.0.as_millis() as u64),
        300,
    );
    lf
}
