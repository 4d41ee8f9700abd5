//! Two-phase commit: one coordinator, three participants. A participant
//! that votes yes is *prepared*: it has made the change durable but not
//! visible, and holds its row locks until it learns the decision. The
//! coordinator's decision log is durable; everything else it knows is lost
//! when it crashes. A participant's prepare record (the change and the rows
//! it locks) and its outcome are durable too: after a crash it recovers
//! them, so a prepared participant is still in doubt, holding its locks.

use crate::sim::{Faults, Sim};

pub const NAMES: [&str; 3] = ["orders", "payments", "inventory"];
/// A prepared participant asks the coordinator this often.
pub const ASK_EVERY: u64 = 20;
/// The coordinator gives up on missing votes after this long, and resends
/// an unacknowledged decision this often.
pub const VOTE_TIMEOUT: u64 = 50;
pub const RESEND_EVERY: u64 = 20;
/// The broken participant's patience.
pub const GIVE_UP_AFTER: u64 = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coordinator {
    /// Writes the decision to its log, then sends it.
    Logged,
    /// Sends the decision, then writes it: a crash in between forgets it.
    UnloggedDecision,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Participant {
    /// Waits, asking, for as long as it takes.
    Waits,
    /// Aborts on its own when the decision is late: frees the locks sooner.
    AbortsOnTimeout,
    /// Sends its YES vote, then writes its prepare record: a crash in
    /// between restarts with no record, so it rolls back.
    VotesBeforeLogging,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Commit,
    Abort,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Working,
    Prepared,
    Committed,
    Aborted,
}

#[derive(Clone, Debug)]
enum Ev {
    Start,
    Prepare(usize),
    Vote(usize, bool),
    Decide(usize, Decision),
    Ack(usize),
    Ask(usize),
    AskTimer(usize),
    VoteTimeout,
    ResendTimer,
    Restart,
    ParticipantRestart(usize),
    /// A second transaction wants participant `p`'s locked rows.
    Second(usize),
}

/// One run's setup.
#[derive(Clone, Debug)]
pub struct Scenario {
    pub coordinator: Coordinator,
    pub participant: Participant,
    /// How each participant will vote.
    pub votes: [bool; 3],
    /// The coordinator stops after this many of its actions (a send or a
    /// log write), and restarts `down_for` ms later.
    pub crash_after: Option<usize>,
    pub down_for: u64,
    pub faults: Faults,
    /// Participant `p` stops after this many of its own actions (a send or
    /// a write to its log) and restarts the given ms later.
    pub participant_crash: [Option<(usize, u64)>; 3],
    /// A second transaction reaches this participant at this time.
    pub second: Option<(usize, u64)>,
}

#[derive(Debug)]
pub struct Outcome {
    pub states: [State; 3],
    pub votes: [bool; 3],
    pub log: Option<Decision>,
    /// Lines of what happened (asks are counted, not listed).
    pub trace: Vec<String>,
    pub asks: [u64; 3],
    /// When each participant took and released its locks.
    pub prepared_at: [u64; 3],
    pub locks_held_until: [Option<u64>; 3],
    /// The second transaction's wait for the locks, in ms.
    pub second_waited: Option<u64>,
    /// A participant that voted yes let go of its locks before it learned
    /// the decision.
    pub released_in_doubt: Option<usize>,
    pub end: u64,
}

struct Coord {
    up: bool,
    actions: usize,
    crashed: bool,
    log: Option<Decision>,
    votes: [Option<bool>; 3],
    decided: Option<Decision>,
    acked: [bool; 3],
}

pub fn run(s: &Scenario, seed: u64) -> Outcome {
    let mut sim: Sim<Ev> = Sim::new(seed, s.faults);
    let mut c = Coord {
        up: true,
        actions: 0,
        crashed: false,
        log: None,
        votes: [None; 3],
        decided: None,
        acked: [false; 3],
    };
    let mut state = [State::Working; 3];
    let mut prepared_at = [0u64; 3];
    let mut out = Outcome {
        states: state,
        votes: s.votes,
        log: None,
        trace: vec![],
        asks: [0; 3],
        prepared_at: [0; 3],
        locks_held_until: [None; 3],
        second_waited: None,
        released_in_doubt: None,
        end: 0,
    };
    let mut part = [0, 1, 2].map(|id| Part {
        id,
        up: true,
        actions: 0,
        crashed: false,
        durable: State::Working,
    });
    let mut second_waiting: Option<(usize, u64)> = None;
    sim.at(0, Ev::Start);
    if let Some((p, at)) = s.second {
        sim.at(at, Ev::Second(p));
    }

    while let Some(ev) = sim.pop() {
        if sim.now > 60_000 {
            break;
        }
        let now = sim.now;
        match ev {
            Ev::Start => {
                out.trace.push(format!(
                    "{now:>6} ms  coordinator sends PREPARE to all three"
                ));
                for p in 0..3 {
                    if c.step(&mut sim, s, &mut out.trace) {
                        sim.send(Ev::Prepare(p));
                    }
                }
                sim.at(now + VOTE_TIMEOUT, Ev::VoteTimeout);
            }
            Ev::Prepare(p) => {
                if !part[p].up {
                    continue;
                }
                let trace = &mut out.trace;
                match state[p] {
                    State::Working if s.votes[p] => {
                        prepared_at[p] = now;
                        let me = &mut part[p];
                        me.prepare_yes(&mut sim, s, trace, &mut state[p]);
                        if state[p] == State::Prepared {
                            trace.push(format!(
                                "{now:>6} ms  {} prepared, votes YES, holds its locks",
                                NAMES[p]
                            ));
                            sim.at(now + ASK_EVERY, Ev::AskTimer(p));
                        }
                    }
                    State::Working => {
                        state[p] = State::Aborted;
                        part[p].durable = State::Aborted;
                        out.locks_held_until[p] = Some(now);
                        trace.push(format!("{now:>6} ms  {} votes NO, aborts", NAMES[p]));
                        if part[p].step(&mut sim, s, trace) {
                            sim.send(Ev::Vote(p, false));
                        }
                    }
                    State::Prepared | State::Aborted => {
                        if part[p].step(&mut sim, s, trace) {
                            sim.send(Ev::Vote(p, state[p] == State::Prepared));
                        }
                    }
                    State::Committed => {}
                }
            }
            Ev::Vote(p, yes) => {
                if !c.up || c.decided.is_some() {
                    continue;
                }
                c.votes[p] = Some(yes);
                let decision = if !yes {
                    Some(Decision::Abort)
                } else if c.votes.iter().all(|v| *v == Some(true)) {
                    Some(Decision::Commit)
                } else {
                    None
                };
                if let Some(d) = decision {
                    decide(&mut sim, &mut c, s, d, &mut out);
                }
            }
            Ev::VoteTimeout => {
                if c.up && c.decided.is_none() {
                    decide(&mut sim, &mut c, s, Decision::Abort, &mut out);
                }
            }
            Ev::Decide(p, d) => {
                if !part[p].up {
                    continue;
                }
                let was = state[p];
                let next = match (state[p], d) {
                    (State::Working | State::Prepared, Decision::Commit) => State::Committed,
                    (State::Working | State::Prepared, Decision::Abort) => State::Aborted,
                    (other, _) => other,
                };
                if next != was {
                    // Write the outcome to its log, then release the locks.
                    if !part[p].step(&mut sim, s, &mut out.trace) {
                        continue;
                    }
                    part[p].durable = next;
                    state[p] = next;
                }
                if was != state[p] {
                    if was == State::Prepared {
                        out.locks_held_until[p] = Some(now);
                    }
                    out.trace.push(format!(
                        "{now:>6} ms  {} learns {d:?}: {:?}, locks released",
                        NAMES[p], state[p]
                    ));
                    if let Some((q, since)) = second_waiting
                        && q == p
                    {
                        out.second_waited = Some(now - since);
                        out.trace.push(format!(
                            "{now:>6} ms  the second transaction gets {}'s rows after {} ms",
                            NAMES[p],
                            now - since
                        ));
                        second_waiting = None;
                    }
                }
                if part[p].step(&mut sim, s, &mut out.trace) {
                    sim.send(Ev::Ack(p));
                }
            }
            Ev::Ack(p) => {
                if c.up {
                    c.acked[p] = true;
                }
            }
            Ev::AskTimer(p) => {
                // A participant that is down asks again once it restarts.
                if state[p] != State::Prepared || !part[p].up {
                    continue;
                }
                if s.participant == Participant::AbortsOnTimeout
                    && now - prepared_at[p] >= GIVE_UP_AFTER
                {
                    state[p] = State::Aborted;
                    part[p].durable = State::Aborted;
                    out.locks_held_until[p] = Some(now);
                    out.released_in_doubt.get_or_insert(p);
                    out.trace.push(format!(
                        "{now:>6} ms  {} gives up waiting and aborts on its own",
                        NAMES[p]
                    ));
                    continue;
                }
                if part[p].step(&mut sim, s, &mut out.trace) {
                    out.asks[p] += 1;
                    sim.send(Ev::Ask(p));
                    sim.at(now + ASK_EVERY, Ev::AskTimer(p));
                }
            }
            Ev::Ask(p) => {
                if !c.up {
                    continue;
                }
                if let Some(d) = c.decided
                    && c.step(&mut sim, s, &mut out.trace)
                {
                    sim.send(Ev::Decide(p, d));
                }
            }
            Ev::ResendTimer => {
                if !c.up {
                    continue;
                }
                let Some(d) = c.decided else { continue };
                let mut pending = false;
                for p in 0..3 {
                    if !c.acked[p] {
                        pending = true;
                        if c.step(&mut sim, s, &mut out.trace) {
                            sim.send(Ev::Decide(p, d));
                        }
                    }
                }
                if pending && c.up {
                    sim.at(now + RESEND_EVERY, Ev::ResendTimer);
                }
            }
            Ev::Restart => {
                c.up = true;
                c.votes = [None; 3];
                c.acked = [false; 3];
                // Presumed abort: no decision in the log means none was sent.
                let d = match c.log {
                    Some(d) => {
                        out.trace.push(format!(
                            "{now:>6} ms  coordinator restarts, reads {d:?} from its log, resends it"
                        ));
                        d
                    }
                    None => {
                        out.trace.push(format!(
                            "{now:>6} ms  coordinator restarts, finds no decision: logs Abort, sends it"
                        ));
                        c.log = Some(Decision::Abort);
                        Decision::Abort
                    }
                };
                c.decided = Some(d);
                for p in 0..3 {
                    if c.step(&mut sim, s, &mut out.trace) {
                        sim.send(Ev::Decide(p, d));
                    }
                }
                sim.at(now + RESEND_EVERY, Ev::ResendTimer);
            }
            Ev::ParticipantRestart(p) => {
                part[p].up = true;
                // Recovery: what is in its log is what it is.
                let recovered = match part[p].durable {
                    State::Working => State::Aborted, // no record: roll back
                    d => d,
                };
                if state[p] == State::Prepared && recovered != State::Prepared {
                    // It voted yes, and the promise died with its memory.
                    out.locks_held_until[p] = Some(now);
                    out.released_in_doubt.get_or_insert(p);
                }
                state[p] = recovered;
                part[p].durable = recovered;
                if recovered == State::Prepared {
                    out.trace.push(format!(
                        "{now:>6} ms  {} restarts, finds its prepare record: in doubt, locks held, asks",
                        NAMES[p]
                    ));
                    sim.at(now, Ev::AskTimer(p));
                } else {
                    out.trace
                        .push(format!("{now:>6} ms  {} restarts: {recovered:?}", NAMES[p]));
                }
            }
            Ev::Second(p) => {
                if state[p] == State::Prepared {
                    out.trace.push(format!(
                        "{now:>6} ms  a second transaction wants {}'s rows: it waits for the locks",
                        NAMES[p]
                    ));
                    second_waiting = Some((p, now));
                } else {
                    out.second_waited = Some(0);
                }
            }
        }
    }
    out.states = state;
    out.prepared_at = prepared_at;
    out.log = c.log;
    out.end = sim.now;
    out
}

/// A participant's process: what it has on disk survives a crash.
struct Part {
    id: usize,
    up: bool,
    actions: usize,
    crashed: bool,
    durable: State,
}

impl Part {
    /// PREPARE when it will vote yes.
    fn prepare_yes(
        &mut self,
        sim: &mut Sim<Ev>,
        s: &Scenario,
        trace: &mut Vec<String>,
        state: &mut State,
    ) {
        let late = s.participant == Participant::VotesBeforeLogging;
        // ANCHOR: prepare
        if !late && self.step(sim, s, trace) {
            self.durable = State::Prepared; // its writes and locks, on disk
        }
        if self.step(sim, s, trace) {
            *state = State::Prepared;
            sim.send(Ev::Vote(self.id, true)); // a promise it must keep
        }
        if late && self.step(sim, s, trace) {
            self.durable = State::Prepared;
        }
        // ANCHOR_END: prepare
    }

    /// One action (a send or a log write); false from the crash point until
    /// the restart.
    fn step(&mut self, sim: &mut Sim<Ev>, s: &Scenario, trace: &mut Vec<String>) -> bool {
        if let Some((after, down_for)) = s.participant_crash[self.id]
            && self.up
            && self.actions == after
            && !self.crashed
        {
            self.crashed = true;
            self.up = false;
            trace.push(format!(
                "{:>6} ms  {} crashes (log: {:?})",
                sim.now, NAMES[self.id], self.durable
            ));
            sim.at(sim.now + down_for, Ev::ParticipantRestart(self.id));
        }
        if self.up {
            self.actions += 1;
        }
        self.up
    }
}

impl Coord {
    /// One action (a send or a log write); false once the crash point is
    /// reached, and from then on until the restart.
    fn step(&mut self, sim: &mut Sim<Ev>, s: &Scenario, trace: &mut Vec<String>) -> bool {
        if self.up && Some(self.actions) == s.crash_after && !self.crashed {
            self.crashed = true;
            self.up = false;
            trace.push(format!(
                "{:>6} ms  coordinator crashes (log: {})",
                sim.now,
                log_text(self.log)
            ));
            sim.at(sim.now + s.down_for, Ev::Restart);
        }
        if self.up {
            self.actions += 1;
        }
        self.up
    }
}

fn decide(sim: &mut Sim<Ev>, c: &mut Coord, s: &Scenario, d: Decision, out: &mut Outcome) {
    c.decided = Some(d);
    // ANCHOR: decide
    if s.coordinator == Coordinator::Logged && c.step(sim, s, &mut out.trace) {
        c.log = Some(d); // durable before anyone hears it
        out.trace.push(format!(
            "{:>6} ms  coordinator writes {d:?} to its log",
            sim.now
        ));
    }
    for p in 0..3 {
        if c.step(sim, s, &mut out.trace) {
            sim.send(Ev::Decide(p, d));
        }
    }
    if s.coordinator == Coordinator::UnloggedDecision && c.step(sim, s, &mut out.trace) {
        c.log = Some(d); // a crash before this line forgets what was sent
        out.trace.push(format!(
            "{:>6} ms  coordinator writes {d:?} to its log",
            sim.now
        ));
    }
    // ANCHOR_END: decide
    if c.up {
        out.trace.push(format!(
            "{:>6} ms  coordinator sends {d:?} to all three",
            sim.now
        ));
        sim.at(sim.now + RESEND_EVERY, Ev::ResendTimer);
    } else {
        c.decided = None;
    }
}

fn log_text(log: Option<Decision>) -> String {
    match log {
        Some(d) => format!("{d:?}"),
        None => "no decision".into(),
    }
}

/// Atomicity: everyone decided, all the same way, and commit only if all
/// voted yes; and a yes voter keeps its locks until it hears the decision.
pub fn check(out: &Outcome) -> Result<(), String> {
    if let Some(p) = out
        .states
        .iter()
        .position(|s| matches!(s, State::Working | State::Prepared))
    {
        return Err(format!("{} never learned the decision", NAMES[p]));
    }
    let committed: Vec<&str> = (0..3)
        .filter(|&p| out.states[p] == State::Committed)
        .map(|p| NAMES[p])
        .collect();
    if !committed.is_empty() && committed.len() < 3 {
        let aborted: Vec<&str> = (0..3)
            .filter(|&p| out.states[p] == State::Aborted)
            .map(|p| NAMES[p])
            .collect();
        return Err(format!(
            "{} committed while {} aborted",
            committed.join(" and "),
            aborted.join(" and ")
        ));
    }
    if committed.len() == 3 && out.votes.contains(&false) {
        return Err("committed although a participant voted no".into());
    }
    if let Some(p) = out.released_in_doubt {
        return Err(format!(
            "{} voted yes, then released its locks before it learned the decision",
            NAMES[p]
        ));
    }
    Ok(())
}

/// A seeded scenario for the sweep.
pub fn scenario(seed: u64, coordinator: Coordinator, participant: Participant) -> Scenario {
    let mut rng = seeded::SplitMix64(seed ^ 0x2bc0_ffee);
    let votes = [0; 3].map(|_| rng.unit() > 0.15);
    let crash_after = if rng.unit() < 0.7 {
        Some(rng.below(10))
    } else {
        None
    };
    let down_for = 20 + rng.below(400) as u64;
    // Each participant crashes in one run of four, after one of its first
    // few actions (log writes, votes, asks, acks).
    let participant_crash =
        [0; 3].map(|_| (rng.unit() < 0.25).then(|| (rng.below(5), 20 + rng.below(300) as u64)));
    Scenario {
        coordinator,
        participant,
        votes,
        crash_after,
        down_for,
        participant_crash,
        faults: Faults {
            loss: 0.1,
            dup: 0.1,
            max_delay: 15,
            until: 1000,
        },
        second: None,
    }
}
