//! One replica's copy of the register, and the merge rule that reconciles
//! copies: last writer wins, by stamp.

use crate::message::{Stamp, Versioned};

#[derive(Debug, Clone, Default)]
pub struct Register {
    replica: u8,
    /// The highest counter this replica has seen, from anyone.
    clock: u64,
    current: Option<Versioned>,
}

impl Register {
    pub fn new(replica: u8) -> Register {
        Register {
            replica,
            clock: 0,
            current: None,
        }
    }

    pub fn current(&self) -> Option<&Versioned> {
        self.current.as_ref()
    }

    /// Stamps a new write made at this replica, later than anything seen here.
    pub fn stamp_new_write(&mut self) -> Stamp {
        self.clock += 1;
        Stamp {
            counter: self.clock,
            replica: self.replica,
        }
    }

    // ANCHOR: merge
    /// Keeps whichever of the two writes has the higher stamp, and returns
    /// the one that lost, if a different value was thrown away.
    pub fn merge(&mut self, incoming: Versioned) -> Option<Versioned> {
        self.clock = self.clock.max(incoming.stamp.counter);
        match &self.current {
            Some(mine) if mine.stamp >= incoming.stamp => {
                (mine.stamp != incoming.stamp).then_some(incoming)
            }
            _ => self.current.replace(incoming),
        }
    }
    // ANCHOR_END: merge
}
