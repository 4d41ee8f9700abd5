//! The Lamport clock: one counter per process, from Leslie Lamport, "Time,
//! Clocks, and the Ordering of Events in a Distributed System",
//! Communications of the ACM 21(7), 1978.

use crate::history::{Action, History};

// ANCHOR: lamport
/// One process's Lamport clock. Its value is not a time of day; it only
/// promises that if a -> b, then the stamp of a is smaller than that of b.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LamportClock {
    time: u64,
}

impl LamportClock {
    /// A local event or a send: count up by one. The returned stamp is what
    /// a send puts in its message.
    pub fn tick(&mut self) -> u64 {
        self.time += 1;
        self.time
    }

    /// A receive: jump past both our own time and the sender's stamp, so the
    /// receive is later than everything the sender had seen.
    pub fn receive(&mut self, message_stamp: u64) -> u64 {
        self.time = self.time.max(message_stamp) + 1;
        self.time
    }

    /// The stamp of the last event, 0 before any.
    pub fn now(&self) -> u64 {
        self.time
    }
}
// ANCHOR_END: lamport

// ANCHOR: lamport_stamps
/// The Lamport stamp of every event of `history`, in order. Each process
/// keeps its own clock; a message carries the stamp of its send.
pub fn lamport_stamps(history: &History) -> Vec<u64> {
    let mut clocks = vec![LamportClock::default(); history.processes()];
    let mut stamps: Vec<u64> = Vec::with_capacity(history.events().len());
    for event in history.events() {
        let clock = &mut clocks[event.process];
        let stamp = match event.action {
            Action::Local | Action::Send { .. } => clock.tick(),
            Action::Receive { send } => clock.receive(stamps[send]),
        };
        stamps.push(stamp);
    }
    stamps
}
// ANCHOR_END: lamport_stamps
