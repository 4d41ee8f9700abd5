//! A Raft node's answer to RequestVote (section 5.2 and 5.4.1 of the Raft
//! paper): what it replies, and what it must write to disk first.
//!
//! Your task: implement [`Voter::handle`] until
//! `cargo test -p grant-vote` passes. The tests in
//! `tests/grant-vote.rs` are the specification.

/// A node as a voter: its persisted term and vote, and the end of its log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Voter {
    /// The latest term this node has seen.
    pub term: u64,
    /// The candidate it voted for in `term`, if any.
    pub voted_for: Option<usize>,
    /// The index and term of its last log entry (0 and 0 for an empty log).
    pub last_index: u64,
    pub last_term: u64,
}

/// A candidate asks for a vote in `term`, and says where its log ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoteRequest {
    pub term: u64,
    pub candidate: usize,
    pub last_index: u64,
    pub last_term: u64,
}

/// The reply: the voter's term after the request, and the vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoteReply {
    pub term: u64,
    pub granted: bool,
}

impl Voter {
    /// A voter with an empty log, in term 0.
    pub fn new() -> Voter {
        Voter {
            term: 0,
            voted_for: None,
            last_index: 0,
            last_term: 0,
        }
    }

    /// Handles one RequestVote. Updates `term` and `voted_for` (the caller
    /// persists them before it sends the reply) and returns the reply.
    pub fn handle(&mut self, request: &VoteRequest) -> VoteReply {
        let _ = request;
        todo!("decide the vote, and update the term and the vote")
    }
}

impl Default for Voter {
    fn default() -> Voter {
        Voter::new()
    }
}
