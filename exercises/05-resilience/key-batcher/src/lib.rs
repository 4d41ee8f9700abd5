//! Your turn: a DataLoader-style batcher.
//!
//! Code that looks things up one key at a time (`load(product)` for each
//! order) issues one query per key: N+1. A batcher collects the keys
//! requested during one tick and answers them all with one fetch. Here the
//! tick is explicit: callers `request` keys and get tickets, `dispatch`
//! ends the tick and runs the fetches, and each caller reads its own
//! answer with its ticket.
//!
//! The tests are in `tests/key-batcher.rs`. Run
//! `cargo test -p key-batcher` until every test passes.

use std::collections::HashMap;
use std::hash::Hash;

/// What a caller holds until its answer is ready.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ticket(pub usize);

/// A caller's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer<V> {
    /// Its tick has not been dispatched yet.
    Waiting,
    /// The fetch returned this value for its key.
    Found(V),
    /// The fetch ran and did not return its key.
    NotFound,
}

/// A batch size that cannot work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZeroBatch;

pub struct Batcher<K, V> {
    max_batch: usize,
    /// Tickets of the current tick, with their keys, in request order.
    pending: Vec<(Ticket, K)>,
    /// Answers of dispatched tickets.
    answers: HashMap<Ticket, Answer<V>>,
    next_ticket: usize,
}

impl<K: Clone + Eq + Hash, V: Clone> Batcher<K, V> {
    /// A batcher that asks for at most `max_batch` keys per fetch.
    pub fn new(max_batch: usize) -> Result<Self, ZeroBatch> {
        if max_batch == 0 {
            return Err(ZeroBatch);
        }
        Ok(Batcher {
            max_batch,
            pending: Vec::new(),
            answers: HashMap::new(),
            next_ticket: 0,
        })
    }

    /// Queues `key` for the current tick.
    pub fn request(&mut self, key: K) -> Ticket {
        let ticket = Ticket(self.next_ticket);
        self.next_ticket += 1;
        self.pending.push((ticket, key));
        ticket
    }

    /// Ends the tick: fetches every distinct key requested since the last
    /// dispatch, in the order each was first requested, in fetches of at
    /// most `max_batch` keys; records each ticket's answer. `fetch` returns
    /// the `(key, value)` pairs it found, in any order. Returns how many
    /// fetches it made.
    pub fn dispatch(&mut self, mut fetch: impl FnMut(&[K]) -> Vec<(K, V)>) -> usize {
        let _ = (&mut fetch, self.max_batch);
        todo!("fetch each distinct pending key once, in batches, and record every ticket's answer")
    }

    /// The answer for `ticket`.
    pub fn answer(&self, ticket: Ticket) -> Answer<V> {
        let _ = (ticket, &self.answers);
        todo!("the recorded answer, or Waiting")
    }
}
