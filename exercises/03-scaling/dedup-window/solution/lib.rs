//! An idempotent consumer's memory: the ids of messages it has processed,
//! kept for a window of time and up to a number of ids, so a redelivered
//! message is recognised and not applied twice.
//!
// --- solution ---
//! Reference solution of the exercise; the tests live in
//! `../tests/dedup-window.rs`.
// --- stub ---
// //! Your task: implement the methods of [`Dedup`] until
// //! `cargo test -p dedup-window` passes. The tests in
// //! `tests/dedup-window.rs` are the specification.
// --- end ---

// --- solution ---
use std::collections::{HashMap, VecDeque};

// --- end ---
/// Ids seen within `window` (in milliseconds), at most `capacity` of them.
#[derive(Debug)]
pub struct Dedup {
    window: u64,
    capacity: usize,
    // --- solution ---
    /// id -> when it was seen.
    seen: HashMap<String, u64>,
    /// (when, id), oldest first.
    order: VecDeque<(u64, String)>,
    // --- stub ---
    // // Add what you need.
    // --- end ---
}

impl Dedup {
    /// # Panics
    ///
    /// If `capacity` is 0: a memory of nothing recognises nothing.
    pub fn new(window: u64, capacity: usize) -> Dedup {
        assert!(
            capacity > 0,
            "a dedup memory needs a capacity of at least 1"
        );
        // --- solution ---
        Dedup {
            window,
            capacity,
            seen: HashMap::new(),
            order: VecDeque::new(),
        }
        // --- stub ---
        // todo!("Dedup::new({window}, {capacity})")
        // --- end ---
    }

    /// Message `id` is being applied at `now` (milliseconds, never going
    /// back). True if it should be applied: not seen within the window; if
    /// so, remembers it from `now`. Ids older than the window are
    /// forgotten; when more than `capacity` are remembered, the oldest go.
    ///
    /// Call it where the effect commits, not on receipt: an id remembered
    /// for a message that then fails makes every redelivery look done.
    pub fn first_time(&mut self, id: &str, now: u64) -> bool {
        // --- solution ---
        // Forget what is older than the window. The map and the queue hold
        // the same ids (a duplicate touches neither), so popping the front
        // always names an id the map holds.
        while let Some((at, _)) = self.order.front()
            && now.saturating_sub(*at) >= self.window
        {
            let (_, old) = self.order.pop_front().expect("front exists");
            self.seen.remove(&old);
        }
        if self.seen.contains_key(id) {
            return false;
        }
        self.seen.insert(id.to_string(), now);
        self.order.push_back((now, id.to_string()));
        while self.seen.len() > self.capacity {
            let (_, old) = self.order.pop_front().expect("more entries than capacity");
            self.seen.remove(&old);
        }
        true
        // --- stub ---
        // todo!("first_time({id}, {now})")
        // --- end ---
    }

    /// How many ids it remembers.
    pub fn len(&self) -> usize {
        // --- solution ---
        self.seen.len()
        // --- stub ---
        // todo!("len")
        // --- end ---
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The window and capacity it was made with.
    pub fn limits(&self) -> (u64, usize) {
        (self.window, self.capacity)
    }
}
