//! An idempotent consumer's memory: the ids of messages it has processed,
//! kept for a window of time and up to a number of ids, so a redelivered
//! message is recognised and not applied twice.
//!
//! Your task: implement the methods of [`Dedup`] until
//! `cargo test -p dedup-window` passes. The tests in
//! `tests/dedup-window.rs` are the specification.

/// Ids seen within `window` (in milliseconds), at most `capacity` of them.
#[derive(Debug)]
pub struct Dedup {
    window: u64,
    capacity: usize,
    // Add what you need.
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
        todo!("Dedup::new({window}, {capacity})")
    }

    /// Message `id` is being applied at `now` (milliseconds, never going
    /// back). True if it should be applied: not seen within the window; if
    /// so, remembers it from `now`. Ids older than the window are
    /// forgotten; when more than `capacity` are remembered, the oldest go.
    ///
    /// Call it where the effect commits, not on receipt: an id remembered
    /// for a message that then fails makes every redelivery look done.
    pub fn first_time(&mut self, id: &str, now: u64) -> bool {
        todo!("first_time({id}, {now})")
    }

    /// How many ids it remembers.
    pub fn len(&self) -> usize {
        todo!("len")
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The window and capacity it was made with.
    pub fn limits(&self) -> (u64, usize) {
        (self.window, self.capacity)
    }
}
