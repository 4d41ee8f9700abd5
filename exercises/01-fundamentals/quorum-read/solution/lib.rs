// --- solution ---
//! Reference solution of the quorum-read exercise: the replies sit in a map
//! keyed by replica, so a repeated datagram counts once; the verdict comes
//! exactly once, when the map first reaches a majority, and names the
//! newest copy and the replicas of the quorum that hold anything older.
// --- stub ---
// //! Your turn: the coordinator of an ABD read. It asks every replica for
// //! its copy, and once a majority of them have answered it knows what to
// //! return, and which replicas must be sent that copy (the write-back)
// //! before it may answer. When every reply already holds the newest copy,
// //! it answers at once.
// //!
// //! Layout: [`Stamp`] and [`Versioned`] (given) are the listing's;
// //! [`QuorumRead`] collects the replies: you choose its fields and write
// //! [`QuorumRead::majority`] and [`QuorumRead::offer`].
// //!
// //! Run `cargo test -p quorum-read` until every test passes.
// --- end ---
// --- solution ---

use std::collections::BTreeMap;
// --- end ---

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
    // --- solution ---
    replies: BTreeMap<u8, Option<Versioned>>,
    decided: bool,
    // --- stub ---
    // // Decide what the coordinator must remember between replies.
    // --- end ---
}

impl QuorumRead {
    pub fn new(replicas: u8) -> Result<QuorumRead, QuorumError> {
        if replicas == 0 {
            return Err(QuorumError::NoReplicas);
        }
        Ok(QuorumRead {
            replicas,
            // --- solution ---
            replies: BTreeMap::new(),
            decided: false,
            // --- stub ---
            // // ...and what it starts with.
            // --- end ---
        })
    }

    /// The smallest number of replicas such that any two sets of that size
    /// share at least one replica.
    pub fn majority(&self) -> usize {
        // --- solution ---
        usize::from(self.replicas) / 2 + 1
        // --- stub ---
        // todo!("the smallest majority of {} replicas", self.replicas)
        // --- end ---
    }

    /// Records the reply of replica `from` (`None`: it holds no value yet).
    /// Returns the verdict once, on the reply that completes a majority of
    /// distinct replicas; `None` before that and after it. A second reply
    /// from the same replica and a reply from a replica outside
    /// `1..=replicas` change nothing.
    pub fn offer(&mut self, from: u8, copy: Option<Versioned>) -> Option<Verdict> {
        // --- solution ---
        if self.decided || from == 0 || from > self.replicas {
            return None;
        }
        // The first reply of a replica is the one that counts: a datagram
        // sent twice must not make one replica count as two.
        self.replies.entry(from).or_insert(copy);
        if self.replies.len() < self.majority() {
            return None;
        }
        self.decided = true;
        let newest = self
            .replies
            .values()
            .flatten()
            .max_by_key(|copy| copy.stamp)
            .cloned();
        let newest_stamp = newest.as_ref().map(|copy| copy.stamp);
        // `None` sorts below every `Some`, so an empty replica is older
        // than any value.
        let repair = self
            .replies
            .iter()
            .filter(|(_, copy)| copy.as_ref().map(|c| c.stamp) < newest_stamp)
            .map(|(replica, _)| *replica)
            .collect();
        Some(Verdict { newest, repair })
        // --- stub ---
        // let _ = (from, copy);
        // todo!("remember the reply; at a majority, pick the newest and list the older")
        // --- end ---
    }
}
