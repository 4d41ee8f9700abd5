//! A small deterministic network: servers and clients exchange messages
//! whose delay and loss come from a seeded generator, while a
//! `fault_sweep::Schedule` isolates servers, cuts links one way, crashes and
//! restarts them. Everything happens in virtual milliseconds, one event at a
//! time, so a seed replays exactly and one run takes well under a
//! millisecond of real time.
//!
//! Servers are nodes `0..servers`, named `r1`, `r2`, ...; clients come after
//! them. A partition only separates servers, as in `fault_sweep::drive`: a
//! client always reaches a server that is up.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};

use fault_sweep::{Fault, Rng, Schedule};

/// What happens to a node: a message from another node, or its own timer.
pub enum Event<M> {
    Message { from: usize, msg: M },
    Timer(M),
}

pub struct Net<M> {
    pub now: u64,
    servers: usize,
    min_ms: u64,
    max_ms: u64,
    loss_per_mille: u64,
    rng: Rng,
    queue: BinaryHeap<Reverse<(u64, u64)>>,
    pending: Vec<Option<(usize, u64, Event<M>)>>,
    /// Links that drop what is sent on them: (from, to).
    cut: HashSet<(usize, usize)>,
    /// Whether each node is up, and how many times it has restarted (a
    /// timer set before a crash never fires).
    pub up: Vec<bool>,
    incarnation: Vec<u64>,
    faults: Vec<(u64, Fault)>,
    next_fault: usize,
}

/// The node index of a server name: "r1" is 0.
pub fn server_index(name: &str) -> usize {
    name[1..]
        .parse::<usize>()
        .expect("servers are named r1, r2, ...")
        - 1
}

impl<M> Net<M> {
    /// A network of `servers` servers and `clients` clients with the
    /// schedule's delays, loss and faults.
    pub fn new(seed: u64, schedule: &Schedule, servers: usize, clients: usize) -> Net<M> {
        // Faults of servers this network does not have are left out.
        let ours = |host: &String| server_index(host) < servers;
        let faults = schedule
            .events
            .iter()
            .filter(|(_, fault)| match fault {
                Fault::Isolate(hosts) => hosts.iter().all(ours),
                Fault::CutOneWay(a, b) => ours(a) && ours(b),
                Fault::Crash(h) | Fault::Restart(h) => ours(h),
                Fault::Heal => true,
            })
            .map(|(at, fault)| (at.as_millis() as u64, fault.clone()))
            .collect();
        Net {
            now: 0,
            servers,
            min_ms: schedule.min_latency.as_millis() as u64,
            max_ms: schedule.max_latency.as_millis() as u64,
            loss_per_mille: (schedule.loss * 1000.0) as u64,
            rng: Rng::new(seed),
            queue: BinaryHeap::new(),
            pending: Vec::new(),
            cut: HashSet::new(),
            up: vec![true; servers + clients],
            incarnation: vec![0; servers + clients],
            faults,
            next_fault: 0,
        }
    }

    /// A network without faults: every message takes `ms`.
    pub fn calm(servers: usize, clients: usize, ms: u64) -> Net<M> {
        let schedule = Schedule {
            min_latency: std::time::Duration::from_millis(ms),
            max_latency: std::time::Duration::from_millis(ms),
            loss: 0.0,
            events: vec![],
        };
        Net::new(0, &schedule, servers, clients)
    }

    fn push(&mut self, at: u64, node: usize, event: Event<M>) {
        let seq = self.pending.len() as u64;
        self.pending
            .push(Some((node, self.incarnation[node], event)));
        self.queue.push(Reverse((at, seq)));
    }

    /// Whether a message from `from` to `to` sent now would get through,
    /// loss aside: both up and the link not cut.
    pub fn reachable(&self, from: usize, to: usize) -> bool {
        self.up[from] && self.up[to] && !self.cut.contains(&(from, to))
    }

    /// Sends `msg`; it arrives after the network's delay unless the link is
    /// cut or the message is lost. A node's message to itself always
    /// arrives, at once.
    pub fn send(&mut self, from: usize, to: usize, msg: M) {
        if from == to {
            let now = self.now;
            self.push(now, to, Event::Message { from, msg });
            return;
        }
        if !self.reachable(from, to) || self.rng.below(1000) < self.loss_per_mille {
            return;
        }
        let delay = self.min_ms + self.rng.below(self.max_ms - self.min_ms + 1);
        let at = self.now + delay;
        self.push(at, to, Event::Message { from, msg });
    }

    /// Wakes `node` with `msg` after `after` ms, unless it crashes first.
    pub fn timer(&mut self, node: usize, after: u64, msg: M) {
        let at = self.now + after;
        self.push(at, node, Event::Timer(msg));
    }

    /// Cuts or heals the link between two servers in both directions.
    pub fn set_link(&mut self, a: usize, b: usize, cut: bool) {
        for link in [(a, b), (b, a)] {
            if cut {
                self.cut.insert(link);
            } else {
                self.cut.remove(&link);
            }
        }
    }

    /// Crashes or restarts a node by hand (the schedule does it by time).
    pub fn set_up(&mut self, node: usize, up: bool) {
        if self.up[node] && !up {
            self.incarnation[node] += 1;
        }
        self.up[node] = up;
    }

    /// The next event that still matters, with the node it is for, after
    /// applying every fault due before it. Each fault that crashes or
    /// restarts a node is returned too, so the protocol can react.
    pub fn step(&mut self) -> Option<Step<M>> {
        loop {
            let Reverse((at, seq)) = *self.queue.peek()?;
            if let Some((fault_at, fault)) = self.faults.get(self.next_fault).cloned()
                && fault_at <= at
            {
                self.next_fault += 1;
                self.now = self.now.max(fault_at);
                if let Some(step) = self.apply(fault) {
                    return Some(step);
                }
                continue;
            }
            self.queue.pop();
            self.now = at;
            let (node, incarnation, event) = self.pending[seq as usize].take()?;
            let alive = self.up[node] && self.incarnation[node] == incarnation;
            let delivered = match &event {
                Event::Timer(_) => alive,
                Event::Message { from, .. } => {
                    self.up[node] && (*from == node || !self.cut.contains(&(*from, node)))
                }
            };
            if delivered {
                return Some(Step::Event { node, event });
            }
        }
    }

    fn apply(&mut self, fault: Fault) -> Option<Step<M>> {
        match fault {
            Fault::Isolate(hosts) => {
                let cut: Vec<usize> = hosts.iter().map(|h| server_index(h)).collect();
                for &h in &cut {
                    for other in (0..self.servers).filter(|o| !cut.contains(o)) {
                        self.set_link(h, other, true);
                    }
                }
                None
            }
            Fault::CutOneWay(from, to) => {
                self.cut.insert((server_index(&from), server_index(&to)));
                None
            }
            Fault::Heal => {
                self.cut.clear();
                None
            }
            Fault::Crash(host) => {
                let h = server_index(&host);
                self.set_up(h, false);
                Some(Step::Crashed(h))
            }
            Fault::Restart(host) => {
                let h = server_index(&host);
                self.set_up(h, true);
                Some(Step::Restarted(h))
            }
        }
    }
}

/// One thing that happened.
pub enum Step<M> {
    Event { node: usize, event: Event<M> },
    Crashed(usize),
    Restarted(usize),
}
