// --- solution ---
//! Reference solution: a bounded admission queue with two classes, deadline
//! checks at the door and at dequeue, and best-effort shed first.
// --- stub ---
// //! Your turn: the admission queue in front of an overloaded server.
// //!
// //! The chapter showed that an unbounded queue answers everyone late, that
// //! a deadline check keeps workers off requests nobody waits for, and that
// //! critical work should be shed last. You write one queue that does all
// //! three. The struct's fields are yours to choose.
// //! The tests are in `tests/admission-queue.rs`.
// //!
// //! Run `cargo test -p admission-queue` until every test passes.
// --- end ---

// --- solution ---
use std::collections::VecDeque;

// --- end ---
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
    // --- solution ---
    capacity: usize,
    critical: VecDeque<Item>,
    best_effort: VecDeque<Item>,
    expired: usize,
    // --- stub ---
    // // Your fields.
    // --- end ---
}

impl AdmissionQueue {
    /// An empty queue that holds at most `capacity` items.
    ///
    /// # Panics
    /// If `capacity` is 0.
    pub fn new(capacity: usize) -> AdmissionQueue {
        // --- solution ---
        assert!(capacity > 0, "a queue of 0 refuses everything");
        AdmissionQueue {
            capacity,
            critical: VecDeque::new(),
            best_effort: VecDeque::new(),
            expired: 0,
        }
        // --- stub ---
        // let _ = capacity;
        // todo!("an empty queue")
        // --- end ---
    }

    /// How many items wait (expired ones not yet removed included).
    pub fn len(&self) -> usize {
        // --- solution ---
        self.critical.len() + self.best_effort.len()
        // --- stub ---
        // todo!()
        // --- end ---
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many items were thrown away because they expired while waiting.
    pub fn expired(&self) -> usize {
        // --- solution ---
        self.expired
        // --- stub ---
        // todo!()
        // --- end ---
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
        // --- solution ---
        if now >= item.deadline {
            return Err(Full);
        }
        if self.len() >= self.capacity {
            self.remove_expired(now);
        }
        let mut shed = None;
        if self.len() >= self.capacity {
            match item.class {
                Class::Critical if !self.best_effort.is_empty() => {
                    shed = self.best_effort.pop_front();
                }
                _ => return Err(Full),
            }
        }
        match item.class {
            Class::Critical => self.critical.push_back(item),
            Class::BestEffort => self.best_effort.push_back(item),
        }
        Ok(shed)
        // --- stub ---
        // let _ = (item, now);
        // todo!("refuse, shed or admit")
        // --- end ---
    }

    /// A worker is free at `now`: the oldest unexpired critical item, else
    /// the oldest unexpired best-effort one. Expired items met on the way are
    /// thrown away and counted in [`AdmissionQueue::expired`].
    pub fn take(&mut self, now: Millis) -> Option<Item> {
        // --- solution ---
        for queue in [&mut self.critical, &mut self.best_effort] {
            while let Some(item) = queue.pop_front() {
                if now < item.deadline {
                    return Some(item);
                }
                self.expired += 1;
            }
        }
        None
        // --- stub ---
        // let _ = now;
        // todo!("critical first, never an expired item")
        // --- end ---
    }
    // --- solution ---

    fn remove_expired(&mut self, now: Millis) {
        let before = self.len();
        self.critical.retain(|i| now < i.deadline);
        self.best_effort.retain(|i| now < i.deadline);
        self.expired += before - self.len();
    }
    // --- end ---
}
