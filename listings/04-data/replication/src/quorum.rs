//! Leaderless replication, Dynamo style: one key on N = 3 home replicas
//! (r1, r2, r3) and two stand-ins (r4, r5). A client sends each read or
//! write to any server, which coordinates it: a write goes to the replicas
//! and is acknowledged after W of them store it; a read asks the replicas
//! and answers with the newest of the first R replies.
//!
//! Every value carries a version: the coordinator's clock when the write
//! arrived, ties broken by the value. A replica keeps the highest version it
//! has seen. With a sloppy quorum, a coordinator that cannot reach a home
//! replica uses the next reachable stand-in instead, which keeps the value
//! as a hint for the home replica and hands it over when it can.

use std::collections::HashMap;

use fault_sweep::Schedule;

use crate::clients::{Answer, CLIENT_TIMEOUT, Clients, Request};
use crate::sim::{Event, Net, Step};

pub const SERVERS: usize = 5;
pub const N: usize = 3;
const QUORUM_TIMEOUT: u64 = 150;
const HANDOFF_EVERY: u64 = 50;

/// (coordinator's clock in ms, value): higher is newer.
pub type Version = (u64, u64);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    pub w: usize,
    pub r: usize,
    pub sloppy: bool,
    pub read_repair: bool,
}

#[derive(Debug, Clone)]
pub enum Msg {
    Begin,
    GiveUp(u64),
    Request(Request),
    Reply(u64, Answer),
    Store {
        op: u64,
        version: Version,
        hint_for: Option<usize>,
    },
    Stored {
        op: u64,
    },
    Fetch {
        op: u64,
    },
    Fetched {
        op: u64,
        version: Version,
    },
    Expire(u64),
    HandOff,
    Handed {
        version: Version,
    },
}

/// What a server keeps on disk.
#[derive(Debug, Clone, Default)]
pub struct Server {
    /// The newest version it stores as a home replica.
    pub version: Version,
    /// Values it holds for a home replica it stood in for.
    pub hints: Vec<(usize, Version)>,
}

struct Pending {
    client: usize,
    /// The servers that stored the write (each counted once).
    acks: Vec<usize>,
    replies: Vec<(usize, Version)>,
    answered: bool,
}

pub struct Quorum {
    pub config: Config,
    pub net: Net<Msg>,
    pub servers: Vec<Server>,
    pub clients: Clients,
    /// Per coordinator, the operations it is coordinating (forgotten in a
    /// crash).
    pending: Vec<HashMap<u64, Pending>>,
    pub hints_stored: u64,
    pub hints_handed: u64,
    pub repairs: u64,
    /// The version each written value was given.
    versions: HashMap<u64, Version>,
}

impl Quorum {
    pub fn new(config: Config, net: Net<Msg>, clients: Clients) -> Quorum {
        let mut q = Quorum {
            config,
            net,
            servers: vec![Server::default(); SERVERS],
            clients,
            pending: (0..SERVERS).map(|_| HashMap::new()).collect(),
            hints_stored: 0,
            hints_handed: 0,
            repairs: 0,
            versions: HashMap::new(),
        };
        for s in 0..SERVERS {
            q.net.timer(s, HANDOFF_EVERY, Msg::HandOff);
        }
        for c in 0..q.clients.len() {
            if let Some(think) = q.clients.think(c) {
                let node = q.clients.first + c;
                q.net.timer(node, think, Msg::Begin);
            }
        }
        q
    }

    /// Runs until every client is done and the network has been quiet
    /// from `quiet_from` on for `settle` ms.
    pub fn run(&mut self, quiet_from: u64, settle: u64) {
        while let Some(step) = self.net.step() {
            let end = self.clients.done_at.max(quiet_from) + settle;
            if self.clients.finished() && self.net.now > end {
                break;
            }
            match step {
                Step::Crashed(s) => self.pending[s].clear(),
                Step::Restarted(s) => self.net.timer(s, HANDOFF_EVERY, Msg::HandOff),
                Step::Event { node, event } => self.handle(node, event),
            }
        }
    }

    // ANCHOR: targets
    /// Where a coordinator sends an operation: the home replicas, each
    /// paired with the home replica it stands for. With a sloppy quorum, the
    /// first N servers the coordinator can reach, in the order r1 ... r5; a
    /// stand-in keeps the value for a home replica it could not reach.
    fn targets(&self, coordinator: usize) -> Vec<(usize, Option<usize>)> {
        if !self.config.sloppy {
            return (0..N).map(|s| (s, None)).collect();
        }
        let reachable: Vec<usize> = (0..SERVERS)
            .filter(|&s| s == coordinator || self.net.reachable(coordinator, s))
            .take(N)
            .collect();
        let mut missing = (0..N).filter(|h| !reachable.contains(h));
        reachable
            .iter()
            .map(|&s| (s, if s < N { None } else { missing.next() }))
            .collect()
    }
    // ANCHOR_END: targets

    fn handle(&mut self, node: usize, event: Event<Msg>) {
        let (from, msg) = match event {
            Event::Message { from, msg } => (from, msg),
            Event::Timer(msg) => (node, msg),
        };
        let now = self.net.now;
        match msg {
            Msg::Begin => {
                let c = node - self.clients.first;
                let (server, request) = self.clients.begin(c, now);
                self.net.send(node, server, Msg::Request(request));
                self.net
                    .timer(node, CLIENT_TIMEOUT, Msg::GiveUp(request.op));
            }
            Msg::GiveUp(op) => self.client_done(node, op, Answer::Failed),
            Msg::Reply(op, answer) => self.client_done(node, op, answer),
            Msg::Request(request) => {
                let pending = Pending {
                    client: from,
                    acks: vec![],
                    replies: vec![],
                    answered: false,
                };
                self.pending[node].insert(request.op, pending);
                if let Some(value) = request.write {
                    self.versions.insert(value, (now, value));
                }
                let targets = self.targets(node);
                for (target, hint_for) in targets {
                    let msg = match request.write {
                        Some(value) => Msg::Store {
                            op: request.op,
                            version: (now, value),
                            hint_for,
                        },
                        None => Msg::Fetch { op: request.op },
                    };
                    self.net.send(node, target, msg);
                }
                self.net
                    .timer(node, QUORUM_TIMEOUT, Msg::Expire(request.op));
            }
            Msg::Store {
                op,
                version,
                hint_for,
            } => {
                let server = &mut self.servers[node];
                match hint_for {
                    None => server.version = server.version.max(version),
                    Some(home) => {
                        server.hints.push((home, version));
                        self.hints_stored += 1;
                    }
                }
                self.net.send(node, from, Msg::Stored { op });
            }
            Msg::Stored { op } => {
                let w = self.config.w;
                if let Some(p) = self.pending[node].get_mut(&op)
                    && !p.acks.contains(&from)
                {
                    p.acks.push(from);
                    if p.acks.len() == w && !p.answered {
                        p.answered = true;
                        let client = p.client;
                        self.net.send(node, client, Msg::Reply(op, Answer::Written));
                    }
                }
            }
            Msg::Fetch { op } => {
                let server = &self.servers[node];
                let hinted = server.hints.iter().map(|h| h.1);
                let version = hinted.fold(server.version, Version::max);
                self.net.send(node, from, Msg::Fetched { op, version });
            }
            Msg::Fetched { op, version } => self.fetched(node, from, op, version),
            Msg::Expire(op) => {
                if let Some(p) = self.pending[node].remove(&op)
                    && !p.answered
                {
                    self.net
                        .send(node, p.client, Msg::Reply(op, Answer::Failed));
                }
            }
            Msg::HandOff => {
                let hints = self.servers[node].hints.clone();
                for (home, version) in hints {
                    self.net.send(node, home, Msg::Handed { version });
                }
                self.net.timer(node, HANDOFF_EVERY, Msg::HandOff);
            }
            Msg::Handed { version } => {
                if node < N {
                    let server = &mut self.servers[node];
                    server.version = server.version.max(version);
                    // The home replica's answer: the stand-in may drop it.
                    self.net.send(node, from, Msg::Handed { version });
                } else {
                    let before = self.servers[node].hints.len();
                    self.servers[node]
                        .hints
                        .retain(|h| !(h.0 == from && h.1 == version));
                    self.hints_handed += (before - self.servers[node].hints.len()) as u64;
                }
            }
        }
    }

    // ANCHOR: read
    /// A read's reply: after R of them, answer with the newest; then, with
    /// read repair, send the newest version to every replier that is behind
    /// (the ones that reply later too).
    fn fetched(&mut self, node: usize, from: usize, op: u64, version: Version) {
        let (r, repair) = (self.config.r, self.config.read_repair);
        let Some(p) = self.pending[node].get_mut(&op) else {
            return;
        };
        if p.replies.iter().any(|x| x.0 == from) {
            return;
        }
        p.replies.push((from, version));
        if p.replies.len() < r {
            return;
        }
        let newest = p.replies.iter().map(|x| x.1).max().expect("R >= 1");
        if !p.answered {
            p.answered = true;
            let client = p.client;
            let answer = Answer::Value(newest.1);
            self.net.send(node, client, Msg::Reply(op, answer));
        }
        if repair {
            let behind: Vec<usize> = p
                .replies
                .iter()
                .filter(|x| x.1 < newest && x.0 < N)
                .map(|x| x.0)
                .collect();
            p.replies.retain(|x| x.1 == newest || x.0 >= N);
            for replica in behind {
                self.repairs += 1;
                let store = Msg::Store {
                    op: u64::MAX,
                    version: newest,
                    hint_for: None,
                };
                self.net.send(node, replica, store);
            }
        }
    }
    // ANCHOR_END: read

    fn client_done(&mut self, node: usize, op: u64, answer: Answer) {
        let c = node - self.clients.first;
        if self.clients.finish(c, op, answer, self.net.now)
            && let Some(think) = self.clients.think(c)
        {
            self.net.timer(node, think, Msg::Begin);
        }
    }

    /// Acknowledged writes whose version is newer than every home replica's
    /// at the end: gone, even for a read of all three.
    pub fn lost(&self) -> Vec<u64> {
        self.gone(crate::clients::acknowledged(&self.clients.history()))
    }

    /// Values a read returned whose version is newer than every home
    /// replica's at the end.
    pub fn lost_reads(&self) -> Vec<u64> {
        self.gone(crate::clients::read_values(&self.clients.history()))
    }

    fn gone(&self, values: Vec<u64>) -> Vec<u64> {
        let newest = self.servers[..N]
            .iter()
            .map(|s| s.version)
            .max()
            .unwrap_or_default();
        values
            .into_iter()
            .filter(|v| {
                self.versions
                    .get(v)
                    .is_some_and(|&version| version > newest)
            })
            .collect()
    }
}

/// One seeded run of `config` under `schedule`.
pub fn run(config: Config, seed: u64, schedule: &Schedule, clients: usize, ops: usize) -> Quorum {
    let net = Net::new(seed, schedule, SERVERS, clients);
    let plan = Clients::plan(seed, clients, ops, SERVERS, SERVERS);
    let mut q = Quorum::new(config, net, plan);
    q.run(
        schedule.events.last().map_or(0, |e| e.0.as_millis() as u64),
        300,
    );
    q
}
