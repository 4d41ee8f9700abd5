//! One Raft peer as a deterministic state machine, the way etcd's `raft`
//! and TiKV's `raft-rs` are built: it owns no thread, no clock and no
//! socket. Time comes in as ticks, the network as messages; what it wants
//! sent comes out of `take_outbox`, and what it must keep across a crash is
//! its [`HardState`], which the caller writes to disk after every step,
//! before it sends the messages that step produced.

use seeded::SplitMix64;

use crate::kv::{Command, Kv, Outcome};

pub type NodeId = usize;
pub type Term = u64;
/// Log positions start at 1; index 0 with term 0 is the empty log's end.
pub type Index = u64;

/// Who a message is from or to: a Raft peer or a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Addr {
    Node(NodeId),
    Client(usize),
}

/// One log entry. A leader appends an entry with no command (a no-op)
/// when it wins, so that it has an entry of its own term to commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub term: Term,
    pub command: Option<Command>,
}

// ANCHOR: messages
/// The messages of the protocol (section 5 of the Raft paper) and of the
/// clients. The sender travels beside each message, in the envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    /// RequestVote: a candidate asks for a vote in `term`, saying how
    /// up to date its log is.
    Vote {
        term: Term,
        last_index: Index,
        last_term: Term,
    },
    VoteReply {
        term: Term,
        granted: bool,
    },
    /// AppendEntries: `entries` go right after (`prev_index`, `prev_term`),
    /// which the follower must hold; an empty list is a heartbeat.
    Append {
        term: Term,
        prev_index: Index,
        prev_term: Term,
        entries: Vec<Entry>,
        commit: Index,
    },
    /// `success`: the follower's log now matches the leader's up to
    /// `index`. Otherwise `index` is where the leader should try next.
    AppendReply {
        term: Term,
        success: bool,
        index: Index,
    },
    /// A client's command, sent to the node it believes leads.
    Request(Command),
    /// The command's outcome, or `Err(hint)`: not the leader, try `hint`.
    Reply {
        seq: u64,
        result: Result<Outcome, Option<NodeId>>,
    },
}
// ANCHOR_END: messages

/// A message in flight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    pub from: Addr,
    pub to: Addr,
    pub msg: Msg,
}

// ANCHOR: hard_state
/// What must survive a crash: the term, the vote cast in it, and the log.
/// A node that forgot its vote could vote twice in one term; one that
/// forgot its log could help elect a leader that lacks committed entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HardState {
    pub term: Term,
    pub voted_for: Option<NodeId>,
    pub log: Vec<Entry>,
}
// ANCHOR_END: hard_state

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Follower,
    Candidate,
    Leader,
}

/// The protocol, or one of three bugs the fault sweep must catch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Raft,
    /// Commits any entry stored on a majority, whatever its term: the
    /// rule the paper's figure 8 shows to be unsafe.
    CommitByCounting,
    /// Grants a vote without comparing logs.
    NoUpToDateCheck,
    /// Keeps the term and the vote in memory only; the log is on disk.
    VolatileVote,
}

impl Variant {
    pub const ALL: [Variant; 4] = [
        Variant::Raft,
        Variant::CommitByCounting,
        Variant::NoUpToDateCheck,
        Variant::VolatileVote,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Variant::Raft => "raft",
            Variant::CommitByCounting => "commit-by-counting",
            Variant::NoUpToDateCheck => "no-up-to-date-check",
            Variant::VolatileVote => "volatile-vote",
        }
    }

    pub fn from_name(name: &str) -> Option<Variant> {
        Variant::ALL.into_iter().find(|v| v.name() == name)
    }
}

/// Timing and batching, in ticks (the simulations use 1 tick = 1 ms).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// A follower that hears no leader for a timeout drawn from
    /// `election_min..=election_max` ticks becomes a candidate.
    pub election_min: u64,
    pub election_max: u64,
    /// A leader sends AppendEntries (empty if nothing is new) this often.
    pub heartbeat: u64,
    /// The most entries one AppendEntries carries.
    pub max_batch: usize,
    pub variant: Variant,
    /// Whether the store skips a (client, seq) it applied already.
    pub dedup: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            election_min: 150,
            election_max: 300,
            heartbeat: 50,
            max_batch: 4,
            variant: Variant::Raft,
            dedup: true,
        }
    }
}

/// What a node did that a trace may print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Heard no leader in time; now a candidate in `term`.
    TimedOut { term: Term },
    /// Gave its vote (or refused it) to `candidate` in `term`.
    Voted {
        candidate: NodeId,
        term: Term,
        granted: bool,
    },
    /// Won `term` with these votes.
    Elected { term: Term, votes: Vec<NodeId> },
    /// Was a leader or candidate, and saw `term`, higher than its own.
    SteppedDown { from: Term, to: Term },
    /// Deleted its entries from `from` on, which conflicted with a leader's.
    Truncated { from: Index, count: usize },
    /// Moved its commit index.
    Committed { from: Index, to: Index },
    /// Applied the entry at `index`.
    Applied { index: Index, entry: Entry },
}

/// One Raft peer.
pub struct Node {
    pub id: NodeId,
    n: usize,
    config: Config,
    rng: SplitMix64,
    // Persistent: written to disk after each step, before its messages go.
    hard: HardState,
    // Volatile: lost in a crash.
    role: Role,
    leader: Option<NodeId>,
    elapsed: u64,
    timeout: u64,
    votes: Vec<NodeId>,
    next_index: Vec<Index>,
    match_index: Vec<Index>,
    commit: Index,
    applied: Index,
    kv: Kv,
    outbox: Vec<Envelope>,
    events: Vec<Event>,
}

impl Node {
    /// A node of a cluster of `n`, with nothing on disk.
    pub fn new(id: NodeId, n: usize, config: Config, seed: u64) -> Node {
        Node::restart(id, n, config, seed, HardState::default())
    }

    /// A node starting from what it had persisted; every volatile field
    /// starts over, including the state machine, which is rebuilt by
    /// applying the log again once the node learns the commit index.
    pub fn restart(id: NodeId, n: usize, config: Config, seed: u64, disk: HardState) -> Node {
        let mut rng = SplitMix64(seed ^ (id as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let timeout = draw_timeout(&mut rng, &config);
        Node {
            id,
            n,
            config,
            rng,
            hard: disk,
            role: Role::Follower,
            leader: None,
            elapsed: 0,
            timeout,
            votes: Vec::new(),
            next_index: vec![1; n],
            match_index: vec![0; n],
            commit: 0,
            applied: 0,
            kv: Kv::new(config.dedup),
            outbox: Vec::new(),
            events: Vec::new(),
        }
    }

    /// What goes to disk: everything in [`HardState`], except that the
    /// `VolatileVote` bug writes the log only.
    pub fn persisted(&self) -> HardState {
        match self.config.variant {
            Variant::VolatileVote => HardState {
                term: 0,
                voted_for: None,
                log: self.hard.log.clone(),
            },
            _ => self.hard.clone(),
        }
    }

    pub fn hard_state(&self) -> &HardState {
        &self.hard
    }
    pub fn term(&self) -> Term {
        self.hard.term
    }
    pub fn role(&self) -> Role {
        self.role
    }
    pub fn leader_hint(&self) -> Option<NodeId> {
        self.leader
    }
    pub fn commit_index(&self) -> Index {
        self.commit
    }
    pub fn applied_index(&self) -> Index {
        self.applied
    }
    pub fn log(&self) -> &[Entry] {
        &self.hard.log
    }
    pub fn last_index(&self) -> Index {
        self.hard.log.len() as Index
    }
    pub fn kv(&self) -> &Kv {
        &self.kv
    }
    /// The leader's view of how far each peer's log matches its own.
    pub fn match_indexes(&self) -> &[Index] {
        &self.match_index
    }
    pub fn timeout(&self) -> u64 {
        self.timeout
    }

    pub fn take_outbox(&mut self) -> Vec<Envelope> {
        std::mem::take(&mut self.outbox)
    }
    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    /// The term of the entry at `index` (0 for index 0).
    pub fn term_at(&self, index: Index) -> Term {
        if index == 0 {
            0
        } else {
            self.hard.log[index as usize - 1].term
        }
    }

    fn last_term(&self) -> Term {
        self.term_at(self.last_index())
    }

    fn majority(&self) -> usize {
        self.n / 2 + 1
    }

    fn send(&mut self, to: NodeId, msg: Msg) {
        self.outbox.push(Envelope {
            from: Addr::Node(self.id),
            to: Addr::Node(to),
            msg,
        });
    }

    fn peers(&self) -> impl Iterator<Item = NodeId> + use<> {
        let me = self.id;
        (0..self.n).filter(move |&p| p != me)
    }

    // ANCHOR: tick
    /// One tick of the clock.
    pub fn tick(&mut self) {
        self.elapsed += 1;
        match self.role {
            Role::Leader => {
                if self.elapsed >= self.config.heartbeat {
                    self.elapsed = 0;
                    self.broadcast_append();
                }
            }
            Role::Follower | Role::Candidate => {
                if self.elapsed >= self.timeout {
                    self.start_election();
                }
            }
        }
    }

    /// Starts an election now, whatever the timer says.
    pub fn campaign(&mut self) {
        if self.role != Role::Leader {
            self.start_election();
        }
    }

    fn start_election(&mut self) {
        self.hard.term += 1;
        self.hard.voted_for = Some(self.id);
        self.role = Role::Candidate;
        self.leader = None;
        self.votes = vec![self.id];
        self.reset_timer();
        self.events.push(Event::TimedOut {
            term: self.hard.term,
        });
        let (term, last_index, last_term) = (self.hard.term, self.last_index(), self.last_term());
        for peer in self.peers() {
            self.send(
                peer,
                Msg::Vote {
                    term,
                    last_index,
                    last_term,
                },
            );
        }
    }

    /// A fresh random timeout each time, so that nodes that timed out
    /// together are unlikely to time out together again.
    fn reset_timer(&mut self) {
        self.elapsed = 0;
        self.timeout = draw_timeout(&mut self.rng, &self.config);
    }
    // ANCHOR_END: tick

    /// Handles one message.
    pub fn step(&mut self, from: Addr, msg: Msg) {
        let peer = match from {
            Addr::Node(p) => p,
            Addr::Client(c) => {
                if let Msg::Request(command) = msg {
                    self.client_request(c, command);
                }
                return;
            }
        };
        if let Some(term) = message_term(&msg)
            && term > self.hard.term
        {
            self.become_follower(term);
        }
        match msg {
            Msg::Vote {
                term,
                last_index,
                last_term,
            } => self.handle_vote(peer, term, last_index, last_term),
            Msg::VoteReply { term, granted } => self.handle_vote_reply(peer, term, granted),
            Msg::Append {
                term,
                prev_index,
                prev_term,
                entries,
                commit,
            } => self.handle_append(peer, term, prev_index, prev_term, entries, commit),
            Msg::AppendReply {
                term,
                success,
                index,
            } => self.handle_append_reply(peer, term, success, index),
            Msg::Request(_) | Msg::Reply { .. } => {}
        }
    }

    // ANCHOR: step_down
    /// Any message from a higher term makes a node a follower in that
    /// term, with no vote cast in it yet.
    fn become_follower(&mut self, term: Term) {
        if self.role != Role::Follower {
            self.events.push(Event::SteppedDown {
                from: self.hard.term,
                to: term,
            });
        }
        self.hard.term = term;
        self.hard.voted_for = None;
        self.role = Role::Follower;
        self.leader = None;
    }
    // ANCHOR_END: step_down

    // ANCHOR: vote
    fn handle_vote(&mut self, candidate: NodeId, term: Term, last_index: Index, last_term: Term) {
        // Section 5.4.1: the candidate's log must be at least as up to
        // date as ours: a later last term, or the same term and as long.
        let up_to_date = last_term > self.last_term()
            || (last_term == self.last_term() && last_index >= self.last_index());
        let log_ok = up_to_date || self.config.variant == Variant::NoUpToDateCheck;
        let granted =
            term == self.hard.term && self.hard.voted_for.is_none_or(|v| v == candidate) && log_ok;
        if granted {
            // Persisted before the reply leaves (the caller writes the
            // hard state after this step): one vote per term, even
            // across a crash.
            self.hard.voted_for = Some(candidate);
            self.reset_timer();
        }
        self.events.push(Event::Voted {
            candidate,
            term,
            granted,
        });
        let term = self.hard.term;
        self.send(candidate, Msg::VoteReply { term, granted });
    }

    fn handle_vote_reply(&mut self, voter: NodeId, term: Term, granted: bool) {
        if self.role != Role::Candidate || term != self.hard.term || !granted {
            return;
        }
        if !self.votes.contains(&voter) {
            self.votes.push(voter);
        }
        if self.votes.len() >= self.majority() {
            self.become_leader();
        }
    }
    // ANCHOR_END: vote

    /// Makes this node leader of its current term without an election,
    /// for scripts that set logs up by hand (as etcd's tests call
    /// `becomeLeader`). With `noop` false it appends no entry of its own.
    pub fn force_leader(&mut self, noop: bool) {
        self.votes = vec![self.id];
        self.become_leader_inner(noop);
    }

    fn become_leader(&mut self) {
        self.become_leader_inner(true);
    }

    fn become_leader_inner(&mut self, noop: bool) {
        self.role = Role::Leader;
        self.leader = Some(self.id);
        self.elapsed = 0;
        let mut votes = self.votes.clone();
        votes.sort_unstable();
        self.events.push(Event::Elected {
            term: self.hard.term,
            votes,
        });
        // The paper's start: each peer is assumed to match everything,
        // nextIndex = our last index + 1, and backs up on rejection.
        self.next_index = vec![self.last_index() + 1; self.n];
        // A no-op of the leader's own term (section 8 of the paper; etcd
        // does the same): committing it commits everything before it.
        if noop {
            self.hard.log.push(Entry {
                term: self.hard.term,
                command: None,
            });
        }
        let last = self.last_index();
        self.match_index = vec![0; self.n];
        self.match_index[self.id] = last;
        self.broadcast_append();
    }

    fn broadcast_append(&mut self) {
        for peer in self.peers() {
            self.send_append(peer);
        }
    }

    fn send_append(&mut self, peer: NodeId) {
        let next = self.next_index[peer].clamp(1, self.last_index() + 1);
        let prev_index = next - 1;
        let end = (prev_index as usize + self.config.max_batch).min(self.hard.log.len());
        let entries = self.hard.log[prev_index as usize..end].to_vec();
        let msg = Msg::Append {
            term: self.hard.term,
            prev_index,
            prev_term: self.term_at(prev_index),
            entries,
            commit: self.commit,
        };
        self.send(peer, msg);
    }

    // ANCHOR: append
    fn handle_append(
        &mut self,
        leader: NodeId,
        term: Term,
        prev_index: Index,
        prev_term: Term,
        entries: Vec<Entry>,
        commit: Index,
    ) {
        let reply = |node: &mut Node, success, index| {
            let term = node.hard.term;
            node.send(
                leader,
                Msg::AppendReply {
                    term,
                    success,
                    index,
                },
            );
        };
        if term < self.hard.term {
            return reply(self, false, 0);
        }
        // A current leader exists: a candidate of this term gives up.
        self.role = Role::Follower;
        self.leader = Some(leader);
        self.reset_timer();
        // The consistency check: our log must hold the leader's entry
        // just before the new ones. If not, tell the leader where to
        // try next: our end if we are short, else one step back.
        if prev_index > self.last_index() {
            let hint = self.last_index() + 1;
            return reply(self, false, hint);
        }
        if self.term_at(prev_index) != prev_term {
            return reply(self, false, prev_index);
        }
        // Append what is new. An entry already here with the same index
        // and term is the same entry (Log Matching); one with another term
        // conflicts, and it and everything after it go. A late, reordered
        // message must not truncate entries that match.
        let mut index = prev_index;
        for entry in entries {
            index += 1;
            if index <= self.last_index() {
                if self.term_at(index) == entry.term {
                    continue;
                }
                let count = self.hard.log.len() - (index as usize - 1);
                self.hard.log.truncate(index as usize - 1);
                self.events.push(Event::Truncated { from: index, count });
            }
            self.hard.log.push(entry);
        }
        // Commit no further than what this message proved we hold.
        let new_commit = commit.min(index);
        if new_commit > self.commit {
            self.set_commit(new_commit);
        }
        reply(self, true, index);
    }
    // ANCHOR_END: append

    fn handle_append_reply(&mut self, peer: NodeId, term: Term, success: bool, index: Index) {
        if self.role != Role::Leader || term != self.hard.term {
            return;
        }
        if success {
            self.match_index[peer] = self.match_index[peer].max(index);
            self.next_index[peer] = self.next_index[peer].max(index + 1);
            self.advance_commit();
            if self.next_index[peer] <= self.last_index() {
                self.send_append(peer);
            }
        } else {
            // Back up: never behind what the peer is known to match.
            let floor = self.match_index[peer] + 1;
            self.next_index[peer] = index.max(floor).min(self.next_index[peer].max(floor));
            self.send_append(peer);
        }
    }

    // ANCHOR: commit_rule
    /// The leader commits the highest index stored on a majority, but
    /// only if that entry is of its own term (section 5.4.2): an entry of
    /// an earlier term on a majority can still be overwritten (figure 8).
    /// Committing the newer entry commits everything before it.
    fn advance_commit(&mut self) {
        for index in (self.commit + 1..=self.last_index()).rev() {
            let stored_on = self.match_index.iter().filter(|&&m| m >= index).count();
            if stored_on < self.majority() {
                continue;
            }
            let own_term = self.term_at(index) == self.hard.term;
            if own_term || self.config.variant == Variant::CommitByCounting {
                self.set_commit(index);
                return;
            }
        }
    }
    // ANCHOR_END: commit_rule

    fn set_commit(&mut self, to: Index) {
        self.events.push(Event::Committed {
            from: self.commit,
            to,
        });
        self.commit = to;
        self.apply();
    }

    // ANCHOR: apply
    /// Applies committed entries in order. The key-value store skips a
    /// command whose (client, seq) it has applied already, so a command
    /// that a client retried, and that is in the log twice, runs once.
    fn apply(&mut self) {
        // (Only a broken variant can have truncated below its commit
        // index; it stops at its log's end.)
        while self.applied < self.commit.min(self.last_index()) {
            self.applied += 1;
            let entry = self.hard.log[self.applied as usize - 1].clone();
            if let Some(command) = &entry.command {
                let outcome = self.kv.apply(command);
                if self.role == Role::Leader {
                    self.outbox.push(Envelope {
                        from: Addr::Node(self.id),
                        to: Addr::Client(command.client),
                        msg: Msg::Reply {
                            seq: command.seq,
                            result: Ok(outcome),
                        },
                    });
                }
            }
            self.events.push(Event::Applied {
                index: self.applied,
                entry,
            });
        }
    }
    // ANCHOR_END: apply

    fn client_request(&mut self, client: usize, command: Command) {
        if self.role != Role::Leader {
            let hint = self.leader;
            self.outbox.push(Envelope {
                from: Addr::Node(self.id),
                to: Addr::Client(client),
                msg: Msg::Reply {
                    seq: command.seq,
                    result: Err(hint),
                },
            });
            return;
        }
        // Already applied here: answer from the session table.
        if let Some(outcome) = self.kv.already_applied(&command) {
            self.outbox.push(Envelope {
                from: Addr::Node(self.id),
                to: Addr::Client(client),
                msg: Msg::Reply {
                    seq: command.seq,
                    result: Ok(outcome),
                },
            });
            return;
        }
        self.propose(command);
    }

    /// Appends a command if this node leads; returns its index.
    pub fn propose(&mut self, command: Command) -> Option<Index> {
        if self.role != Role::Leader {
            return None;
        }
        self.hard.log.push(Entry {
            term: self.hard.term,
            command: Some(command),
        });
        let last = self.last_index();
        self.match_index[self.id] = last;
        for peer in self.peers() {
            // Send now to peers that are caught up; the others are being
            // sent earlier entries already.
            if self.next_index[peer] == last {
                self.send_append(peer);
            }
        }
        Some(last)
    }
}

fn draw_timeout(rng: &mut SplitMix64, config: &Config) -> u64 {
    let span = config.election_max - config.election_min + 1;
    config.election_min + rng.next_u64() % span
}

fn message_term(msg: &Msg) -> Option<Term> {
    match msg {
        Msg::Vote { term, .. }
        | Msg::VoteReply { term, .. }
        | Msg::Append { term, .. }
        | Msg::AppendReply { term, .. } => Some(*term),
        Msg::Request(_) | Msg::Reply { .. } => None,
    }
}

/// Node `i` printed as the book does: n1, n2, ...
pub fn name(id: NodeId) -> String {
    format!("n{}", id + 1)
}

/// A log as the terms of its entries, such as `[1 1 2]`.
pub fn log_terms(log: &[Entry]) -> String {
    let terms: Vec<String> = log.iter().map(|e| e.term.to_string()).collect();
    format!("[{}]", terms.join(" "))
}
