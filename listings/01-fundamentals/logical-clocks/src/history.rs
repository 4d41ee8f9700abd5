//! A message-passing history: which process did what, in the order the
//! events really happened, and the happens-before relation it defines.

use std::fmt;

use crate::rng::SplitMix64;

/// What one event does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Work that involves no other process.
    Local,
    /// Sends a message to process `to`.
    Send { to: usize },
    /// Receives the message sent by the event at index `send`.
    Receive { send: usize },
}

/// One event: a process and what it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    pub process: usize,
    pub action: Action,
}

/// Why a list of events is not a possible history. Each variant names the
/// index of the offending event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryError {
    /// A history needs at least one process.
    NoProcesses,
    /// The event's process, or a message's destination, does not exist.
    UnknownProcess { event: usize },
    /// A process sent a message to itself.
    SendToSelf { event: usize },
    /// A receive names an event that is not an earlier send.
    NotAnEarlierSend { event: usize },
    /// A receive takes a message addressed to another process.
    WrongReceiver { event: usize },
    /// A message was received twice.
    ReceivedTwice { event: usize },
}

/// A valid history: events in the order they happened in real time, so every
/// receive comes after its send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    processes: usize,
    events: Vec<Event>,
}

impl History {
    /// Checks that `events` could have happened among `processes` processes.
    pub fn new(processes: usize, events: Vec<Event>) -> Result<History, HistoryError> {
        if processes == 0 {
            return Err(HistoryError::NoProcesses);
        }
        let mut received = vec![false; events.len()];
        for (index, event) in events.iter().enumerate() {
            if event.process >= processes {
                return Err(HistoryError::UnknownProcess { event: index });
            }
            match event.action {
                Action::Local => {}
                Action::Send { to } if to >= processes => {
                    return Err(HistoryError::UnknownProcess { event: index });
                }
                Action::Send { to } if to == event.process => {
                    return Err(HistoryError::SendToSelf { event: index });
                }
                Action::Send { .. } => {}
                Action::Receive { send } => {
                    let Some(Action::Send { to }) =
                        events[..index].get(send).map(|sent| sent.action)
                    else {
                        return Err(HistoryError::NotAnEarlierSend { event: index });
                    };
                    if to != event.process {
                        return Err(HistoryError::WrongReceiver { event: index });
                    }
                    if received[send] {
                        return Err(HistoryError::ReceivedTwice { event: index });
                    }
                    received[send] = true;
                }
            }
        }
        Ok(History { processes, events })
    }

    /// How many processes take part.
    pub fn processes(&self) -> usize {
        self.processes
    }

    /// The events, in real-time order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// A name for an event: its process as a letter (A, B, ...) and its
    /// position on that process, from 1. Event 0 of process A is "A1".
    pub fn label(&self, index: usize) -> String {
        let process = self.events[index].process;
        let position = self.events[..=index]
            .iter()
            .filter(|event| event.process == process)
            .count();
        format!("{}{}", process_name(process), position)
    }

    // ANCHOR: happens_before
    /// The true happens-before relation: `hb[a][b]` is true when a -> b.
    /// Direct edges are program order (a process's previous event) and
    /// send -> receive; the relation is their transitive closure, computed
    /// with Warshall's algorithm. It uses no clock at all, which is what
    /// makes it a fair referee for the clocks.
    pub fn happens_before(&self) -> Vec<Vec<bool>> {
        let n = self.events.len();
        let mut hb = vec![vec![false; n]; n];
        let mut previous_on: Vec<Option<usize>> = vec![None; self.processes];
        for (index, event) in self.events.iter().enumerate() {
            if let Some(previous) = previous_on[event.process] {
                hb[previous][index] = true;
            }
            previous_on[event.process] = Some(index);
            if let Action::Receive { send } = event.action {
                hb[send][index] = true;
            }
        }
        // If i -> k and k -> j, then i -> j.
        for k in 0..n {
            let via_k = hb[k].clone();
            for row in hb.iter_mut() {
                if row[k] {
                    for (reaches, &k_reaches) in row.iter_mut().zip(&via_k) {
                        *reaches |= k_reaches;
                    }
                }
            }
        }
        hb
    }
    // ANCHOR_END: happens_before

    /// Builds a valid history from arbitrary choices, one event per choice
    /// `(who, what, pick)`: process `who % processes` does a local step, a
    /// send to another process, or a receive of one of the messages waiting
    /// for it (any of them, so messages can overtake each other). A receive
    /// with nothing waiting becomes a local step. Every input is valid, which
    /// lets proptest generate and shrink the choices freely.
    pub fn from_choices(processes: usize, choices: &[(u8, u8, u8)]) -> History {
        assert!(processes > 0, "a history needs at least one process");
        let mut events = Vec::with_capacity(choices.len());
        let mut in_flight: Vec<(usize, usize)> = Vec::new(); // (send index, destination)
        for &(who, what, pick) in choices {
            let process = usize::from(who) % processes;
            let pick = usize::from(pick);
            let action = match what % 3 {
                1 if processes > 1 => Action::Send {
                    to: (process + 1 + pick % (processes - 1)) % processes,
                },
                2 => {
                    let waiting: Vec<usize> = (0..in_flight.len())
                        .filter(|&slot| in_flight[slot].1 == process)
                        .collect();
                    if waiting.is_empty() {
                        Action::Local
                    } else {
                        let (send, _) = in_flight.remove(waiting[pick % waiting.len()]);
                        Action::Receive { send }
                    }
                }
                _ => Action::Local,
            };
            if let Action::Send { to } = action {
                in_flight.push((events.len(), to));
            }
            events.push(Event { process, action });
        }
        History::new(processes, events).expect("from_choices only builds valid histories")
    }

    /// A seeded random history of `len` events.
    pub fn random(processes: usize, len: usize, rng: &mut SplitMix64) -> History {
        let choices: Vec<(u8, u8, u8)> = (0..len)
            .map(|_| {
                let bits = rng.next_u64().to_le_bytes();
                (bits[0], bits[1], bits[2])
            })
            .collect();
        History::from_choices(processes, &choices)
    }
}

/// "A" for process 0, "B" for 1, and so on.
pub fn process_name(process: usize) -> String {
    let letter = b'A' + (process % 26) as u8;
    if process < 26 {
        (letter as char).to_string()
    } else {
        format!("{}{}", letter as char, process / 26)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Local => write!(f, "local"),
            Action::Send { to } => write!(f, "send to {}", process_name(*to)),
            Action::Receive { .. } => write!(f, "receive"),
        }
    }
}

/// The chapter's small history: three servers A, B and C, ten events, drawn
/// as a sequence diagram in the chapter.
pub fn three_servers() -> History {
    use Action::{Local, Receive, Send};
    let (a, b, c) = (0, 1, 2);
    let events = [
        (a, Local),               // 0: A1
        (a, Send { to: b }),      // 1: A2
        (b, Local),               // 2: B1
        (b, Receive { send: 1 }), // 3: B2
        (b, Send { to: c }),      // 4: B3
        (c, Local),               // 5: C1
        (c, Send { to: a }),      // 6: C2
        (a, Receive { send: 6 }), // 7: A3
        (c, Receive { send: 4 }), // 8: C3
        (a, Local),               // 9: A4
    ];
    let events = events
        .into_iter()
        .map(|(process, action)| Event { process, action })
        .collect();
    History::new(3, events).expect("the chapter's history is valid")
}
