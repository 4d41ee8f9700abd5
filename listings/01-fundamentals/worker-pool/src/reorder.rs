//! A reorder buffer: results come in any order, leave in job-id order.

use std::collections::BTreeMap;

// ANCHOR: reorder
/// Holds results that arrived early until every result before them is in.
#[derive(Debug)]
pub struct ReorderBuffer<T> {
    next_id: usize,
    waiting: BTreeMap<usize, T>,
}

impl<T> ReorderBuffer<T> {
    pub fn new() -> Self {
        ReorderBuffer {
            next_id: 0,
            waiting: BTreeMap::new(),
        }
    }

    /// Takes result `id` and returns every result that is now in order:
    /// nothing if an earlier id is still missing.
    pub fn push(&mut self, id: usize, item: T) -> Vec<T> {
        assert!(
            id >= self.next_id && !self.waiting.contains_key(&id),
            "id {id} seen twice"
        );
        self.waiting.insert(id, item);
        let mut ready = Vec::new();
        while let Some(item) = self.waiting.remove(&self.next_id) {
            ready.push(item);
            self.next_id += 1;
        }
        ready
    }

    /// How many results are held back, waiting for an earlier one.
    pub fn waiting(&self) -> usize {
        self.waiting.len()
    }
}
// ANCHOR_END: reorder

impl<T> Default for ReorderBuffer<T> {
    fn default() -> Self {
        Self::new()
    }
}
