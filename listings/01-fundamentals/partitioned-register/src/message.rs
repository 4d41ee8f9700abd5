//! Everything replicas and clients say to each other, as JSON in one UDP
//! datagram per message.

use serde::{Deserialize, Serialize};

/// Orders writes for last-writer-wins: the higher counter wins, and on a tie
/// the higher replica number does. It is a Lamport clock: a replica's next
/// counter is one more than the highest it has seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Stamp {
    pub counter: u64,
    pub replica: u8,
}

/// The register's contents at one replica: a value and the stamp of the
/// write that put it there (`None` before any write).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Versioned {
    pub value: String,
    pub stamp: Stamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Message {
    /// client -> replica
    Write { value: String },
    /// client -> replica
    Read,
    /// replica -> client
    Written { stamp: Stamp },
    /// replica -> client
    Value { current: Option<Versioned> },
    /// replica -> client: not enough replicas answered in time.
    Refused { answered: usize, needed: usize },
    /// replica -> replica: store this if it is newer than what you have.
    Replicate { write: Versioned },
    /// replica -> replica: the answer to `Replicate`.
    Ack,
    /// replica -> replica: what do you hold?
    Fetch,
    /// replica -> replica: the answer to `Fetch`, and the periodic gossip.
    State { current: Option<Versioned> },
}

impl Message {
    pub fn encode(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("a Message always serializes")
    }

    pub fn decode(bytes: &[u8]) -> Result<Message, serde_json::Error> {
        serde_json::from_slice(bytes)
    }
}
