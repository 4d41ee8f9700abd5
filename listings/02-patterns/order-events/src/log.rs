//! The events and the log.

// ANCHOR: events
/// Something that happened. Past tense: an event is a fact, never a
/// request, and it is never changed or deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Placed {
        order: u32,
        customer: &'static str,
        cents: u64,
    },
    Cancelled {
        order: u32,
    },
    Refunded {
        order: u32,
        cents: u64,
    },
}

/// An event with its position in the log, numbered from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    pub seq: u64,
    pub event: Event,
}

/// The log: append-only, the only thing the system stores.
#[derive(Debug, Default)]
pub struct Log {
    entries: Vec<Envelope>,
}

impl Log {
    pub fn append(&mut self, event: Event) -> u64 {
        let seq = self.entries.len() as u64 + 1;
        self.entries.push(Envelope { seq, event });
        seq
    }

    /// Every entry after `seq`, in order: what a reader that has seen up
    /// to `seq` still has to read.
    pub fn after(&self, seq: u64) -> &[Envelope] {
        &self.entries[seq.min(self.entries.len() as u64) as usize..]
    }
}
// ANCHOR_END: events
