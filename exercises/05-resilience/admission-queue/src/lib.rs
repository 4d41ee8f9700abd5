//! Your turn: the admission queue in front of an overloaded server.
//!
//! The chapter showed that an unbounded queue answers everyone late, that
//! a deadline check keeps workers off requests nobody waits for, and that
//! critical work should be shed last. You write one queue that does all
//! three. The struct's fields are yours to choose.
//! The tests are in `tests/admission-queue.rs`.
//!
//! Run `cargo test -p admission-queue` until every test passes.

/// Virtual time, in milliseconds.
pub type Millis = u64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Shed last: checkout, login.
    Critical,
    /// Shed first: recommendations, prefetches.
    BestEffort,
}

/// One request waiting for a worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub id: u64,
    pub class: Class,
    /// The caller has given up at this time: at `now >= deadline` the item
    /// is expired and must never be served.
    pub deadline: Millis,
}

/// The queue is full of work it will not shed for this item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Full;

/// At most `capacity` items wait, critical ones served first, each class in
/// arrival order.
#[derive(Debug, Clone)]
pub struct AdmissionQueue {
    // Your fields.
}

impl AdmissionQueue {
    /// An empty queue that holds at most `capacity` items.
    ///
    /// # Panics
    /// If `capacity` is 0.
    pub fn new(capacity: usize) -> AdmissionQueue {
        let _ = capacity;
        todo!("an empty queue")
    }

    /// How many items wait (expired ones not yet removed included).
    pub fn len(&self) -> usize {
        todo!()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many items were thrown away because they expired while waiting.
    pub fn expired(&self) -> usize {
        todo!()
    }

    /// Admits `item` at time `now`.
    ///
    /// - An item that is already expired is refused with `Err(Full)`.
    /// - When the queue is full, expired items are removed first: they must
    ///   never cost a fresh request its place.
    /// - If it is still full, a critical item takes the place of the
    ///   best-effort item that waited longest, returned as `Ok(Some(shed))`;
    ///   a best-effort item, or a critical one when no best-effort waits, is
    ///   refused with `Err(Full)`.
    /// - Otherwise the item joins the back of its class: `Ok(None)`.
    pub fn offer(&mut self, item: Item, now: Millis) -> Result<Option<Item>, Full> {
        let _ = (item, now);
        todo!("refuse, shed or admit")
    }

    /// A worker is free at `now`: the oldest unexpired critical item, else
    /// the oldest unexpired best-effort one. Expired items met on the way are
    /// thrown away and counted in [`AdmissionQueue::expired`].
    pub fn take(&mut self, now: Millis) -> Option<Item> {
        let _ = now;
        todo!("critical first, never an expired item")
    }
}
