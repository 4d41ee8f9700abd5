//! The two commit decisions of a Raft log: a follower's AppendEntries
//! check, and the leader's commit index.
//!
// --- solution ---
//! Reference solution of the exercise; the tests live in
//! `../tests/commit-rule.rs`.
// --- stub ---
// //! Your task: implement [`Follower::append`] and [`leader_commit`] until
// //! `cargo test -p commit-rule` passes. The tests in
// //! `tests/commit-rule.rs` are the specification.
// --- end ---

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
        // --- solution ---
        // The consistency check: agreeing on one (index, term) means
        // agreeing on everything before it (Log Matching).
        if self.term_at(req.prev_index) != Some(req.prev_term) {
            return Reply::Reject;
        }
        for (offset, entry) in req.entries.iter().enumerate() {
            let index = req.prev_index + 1 + offset as Index;
            match self.term_at(index) {
                // Already here; keep it and what follows, which a late or
                // duplicated request must not cut off.
                Some(term) if term == entry.term => {}
                // A conflict: this entry and all after it came from a
                // leader whose entries never committed here.
                Some(_) => {
                    self.log.truncate(index as usize - 1);
                    self.log.push(entry.clone());
                }
                None => self.log.push(entry.clone()),
            }
        }
        // Only the entries this request checked are known to match; any
        // beyond them may be a stale suffix.
        let last_checked = req.prev_index + req.entries.len() as Index;
        let commit = req.leader_commit.min(last_checked);
        self.commit_index = self.commit_index.max(commit);
        Reply::Ok {
            match_index: last_checked,
        }
        // --- stub ---
        // let _ = req;
        // todo!("check prev, replace a conflicting suffix, move the commit index")
        // --- end ---
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
    // --- solution ---
    let cluster = peer_match.len() + 1;
    let mut n = log.len() as Index;
    while n > commit_index {
        // The leader holds every entry of its own log.
        let copies = 1 + peer_match.iter().filter(|&&m| m >= n).count();
        // Only an entry of the current term is committed by counting
        // copies; the entries before it are committed along with it.
        if copies * 2 > cluster && log[n as usize - 1].term == current_term {
            return n;
        }
        n -= 1;
    }
    commit_index
    // --- stub ---
    // let _ = (current_term, log, peer_match, commit_index);
    // todo!("the highest index the leader may mark committed")
    // --- end ---
}
