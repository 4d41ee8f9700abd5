//! Your turn: the coordinator of an ABD read. It asks every replica for
//! its copy, and once a majority of them have answered it knows what to
//! return, and which replicas must be sent that copy (the write-back)
//! before it may answer. When every reply already holds the newest copy,
//! it answers at once.
//!
//! Layout: [`Stamp`] and [`Versioned`] (given) are the listing's;
//! [`QuorumRead`] collects the replies: you choose its fields and write
//! [`QuorumRead::majority`] and [`QuorumRead::offer`].
//!
//! Run `cargo test -p quorum-read` until every test passes.

/// Orders writes: the higher counter wins, and on a tie the higher replica
/// number does (field order makes the derived `Ord` do exactly that).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Stamp {
    pub counter: u64,
    pub replica: u8,
}

/// One replica's copy: a value and the stamp of the write that put it there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versioned {
    pub value: String,
    pub stamp: Stamp,
}

/// What the coordinator does once a majority has answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// The copy the read returns: the one with the highest stamp among the
    /// replies, or `None` when no replica in the quorum holds a value.
    pub newest: Option<Versioned>,
    /// The replicas of the quorum whose copy is older than `newest` (or
    /// empty), in ascending order. The read sends them `newest` and answers
    /// once they have acknowledged it; when this is empty it answers at once.
    pub repair: Vec<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuorumError {
    /// A register on no replicas has no majority.
    NoReplicas,
}

/// The replies to one read, from replicas numbered `1..=replicas`.
#[derive(Debug, Clone)]
pub struct QuorumRead {
    replicas: u8,
    // Decide what the coordinator must remember between replies.
}

impl QuorumRead {
    pub fn new(replicas: u8) -> Result<QuorumRead, QuorumError> {
        if replicas == 0 {
            return Err(QuorumError::NoReplicas);
        }
        Ok(QuorumRead {
            replicas,
            // ...and what it starts with.
        })
    }

    /// The smallest number of replicas such that any two sets of that size
    /// share at least one replica.
    pub fn majority(&self) -> usize {
        todo!("the smallest majority of {} replicas", self.replicas)
    }

    /// Records the reply of replica `from` (`None`: it holds no value yet).
    /// Returns the verdict once, on the reply that completes a majority of
    /// distinct replicas; `None` before that and after it. A second reply
    /// from the same replica and a reply from a replica outside
    /// `1..=replicas` change nothing.
    pub fn offer(&mut self, from: u8, copy: Option<Versioned>) -> Option<Verdict> {
        let _ = (from, copy);
        todo!("remember the reply; at a majority, pick the newest and list the older")
    }
}
