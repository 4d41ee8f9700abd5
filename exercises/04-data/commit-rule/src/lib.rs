//! The two commit decisions of a Raft log: a follower's AppendEntries
//! check, and the leader's commit index.
//!
//! Your task: implement [`Follower::append`] and [`leader_commit`] until
//! `cargo test -p commit-rule` passes. The tests in
//! `tests/commit-rule.rs` are the specification.

pub type Term = u64;
/// Log positions start at 1; index 0 is "before the first entry", and its
/// term is 0.
pub type Index = u64;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub term: Term,
    pub command: String,
}

/// An AppendEntries request from the leader of the follower's current term
/// (the caller has already checked the term).
#[derive(Clone, Debug)]
pub struct AppendEntries {
    /// The entry just before `entries`, as the leader's log has it.
    pub prev_index: Index,
    pub prev_term: Term,
    /// The leader's entries from `prev_index + 1` on; empty in a heartbeat.
    pub entries: Vec<Entry>,
    /// The leader's commit index when it sent the request.
    pub leader_commit: Index,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reply {
    /// The follower's log now matches the leader's up to `match_index`.
    Ok { match_index: Index },
    /// The follower has no entry at `prev_index` with `prev_term`; nothing
    /// changed, and the leader retries from an earlier entry.
    Reject,
}

#[derive(Clone, Debug, Default)]
pub struct Follower {
    /// Entry `i` is at `log[i - 1]`.
    pub log: Vec<Entry>,
    /// Entries up to here are committed and may be applied.
    pub commit_index: Index,
}

impl Follower {
    /// The term of the entry at `index`, if the log has one (0 for index 0).
    pub fn term_at(&self, index: Index) -> Option<Term> {
        match index {
            0 => Some(0),
            _ => self.log.get(index as usize - 1).map(|e| e.term),
        }
    }

    /// Handles one AppendEntries request. Requests can arrive late,
    /// twice, or out of order.
    pub fn append(&mut self, req: &AppendEntries) -> Reply {
        let _ = req;
        todo!("check prev, replace a conflicting suffix, move the commit index")
    }
}

/// The leader's new commit index. `log` is the leader's log,
/// `current_term` its term, `peer_match[i]` the highest index known to be
/// replicated on the i-th *other* server (the leader is not in the slice),
/// and `commit_index` the leader's commit index so far.
pub fn leader_commit(
    current_term: Term,
    log: &[Entry],
    peer_match: &[Index],
    commit_index: Index,
) -> Index {
    let _ = (current_term, log, peer_match, commit_index);
    todo!("the highest index the leader may mark committed")
}
