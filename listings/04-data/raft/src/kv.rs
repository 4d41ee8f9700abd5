//! The state machine the log drives: a key-value store with a session
//! table, so that a command a client retried is applied once.

use std::collections::BTreeMap;
use std::fmt;

/// What a command does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Set { key: char, value: u64 },
    Get { key: char },
    Incr { key: char },
}

/// A client's command: `seq` counts the client's commands, and a retry
/// carries the same (client, seq) as the first try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Command {
    pub client: usize,
    pub seq: u64,
    pub op: Op,
}

/// What a command returned: a read's value, or the value after a write.
pub type Outcome = u64;

// ANCHOR: kv
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Kv {
    data: BTreeMap<char, u64>,
    /// Per client, the last seq applied and its outcome.
    sessions: BTreeMap<usize, (u64, Outcome)>,
    /// When false (a bug the tests show), retries apply again.
    dedup: bool,
}

impl Kv {
    pub fn new(dedup: bool) -> Kv {
        Kv {
            dedup,
            ..Kv::default()
        }
    }

    pub fn apply(&mut self, command: &Command) -> Outcome {
        if let Some(outcome) = self.already_applied(command) {
            return outcome;
        }
        let outcome = match command.op {
            Op::Set { key, value } => {
                self.data.insert(key, value);
                value
            }
            Op::Get { key } => self.get(key),
            Op::Incr { key } => {
                let value = self.get(key) + 1;
                self.data.insert(key, value);
                value
            }
        };
        self.sessions.insert(command.client, (command.seq, outcome));
        outcome
    }

    /// The outcome of this command if it, or a later one of the same
    /// client, was applied already. A client sends its next command only
    /// after the previous one was answered, so one entry per client is
    /// enough.
    pub fn already_applied(&self, command: &Command) -> Option<Outcome> {
        if !self.dedup {
            return None;
        }
        match self.sessions.get(&command.client) {
            Some(&(seq, outcome)) if seq == command.seq => Some(outcome),
            Some(&(seq, _)) if seq > command.seq => Some(0),
            _ => None,
        }
    }

    pub fn get(&self, key: char) -> u64 {
        self.data.get(&key).copied().unwrap_or(0)
    }
}
// ANCHOR_END: kv

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Op::Set { key, value } => write!(f, "set {key}={value}"),
            Op::Get { key } => write!(f, "get {key}"),
            Op::Incr { key } => write!(f, "incr {key}"),
        }
    }
}
