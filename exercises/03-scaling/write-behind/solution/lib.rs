//! A write-behind buffer: writes are acknowledged once they are here, and
//! reach the database later, in batches, while new writes keep coming.
//!
// --- solution ---
//! Reference solution of the exercise; the tests live in
//! `../tests/write-behind.rs`.
// --- stub ---
// //! Your task: implement the methods of [`WriteBuffer`] until
// //! `cargo test -p write-behind` passes. The tests in
// //! `tests/write-behind.rs` are the specification.
// --- end ---

// --- solution ---
use std::collections::BTreeMap;

// --- end ---
/// A write refused because the buffer holds `capacity` keys already: flush
/// first. Refusing is how the buffer pushes back on writers instead of
/// holding ever more acknowledged writes that a crash would lose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Full;

/// The keys taken for one flush, each with its newest value, in key order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    pub entries: Vec<(String, String)>,
}

/// Pending writes, newest value per key.
#[derive(Debug)]
pub struct WriteBuffer {
    capacity: usize,
    // --- solution ---
    pending: BTreeMap<String, String>,
    in_flight: bool,
    // --- stub ---
    // // Add what you need.
    // --- end ---
}

impl WriteBuffer {
    /// A buffer that holds at most `capacity` distinct pending keys.
    pub fn new(capacity: usize) -> WriteBuffer {
        // --- solution ---
        WriteBuffer {
            capacity,
            pending: BTreeMap::new(),
            in_flight: false,
        }
        // --- stub ---
        // todo!("WriteBuffer::new({capacity})")
        // --- end ---
    }

    /// Buffers a write. A key already pending takes the new value; a new
    /// key is refused with [`Full`] when `capacity` keys are pending.
    pub fn write(&mut self, key: &str, value: &str) -> Result<(), Full> {
        // --- solution ---
        if !self.pending.contains_key(key) && self.pending.len() >= self.capacity {
            return Err(Full);
        }
        self.pending.insert(key.to_string(), value.to_string());
        Ok(())
        // --- stub ---
        // todo!("write({key}, {value})")
        // --- end ---
    }

    /// Takes every pending key for a flush, or `None` when nothing is
    /// pending or a batch is already out (one flush at a time). Writes
    /// made while the batch is out are buffered as usual.
    pub fn take_batch(&mut self) -> Option<Batch> {
        // --- solution ---
        if self.in_flight || self.pending.is_empty() {
            return None;
        }
        self.in_flight = true;
        let entries = std::mem::take(&mut self.pending).into_iter().collect();
        Some(Batch { entries })
        // --- stub ---
        // todo!("take_batch")
        // --- end ---
    }

    /// The database has the batch: the next batch may go out.
    pub fn ack(&mut self, batch: Batch) {
        // --- solution ---
        drop(batch);
        self.in_flight = false;
        // --- stub ---
        // todo!("ack({batch:?})")
        // --- end ---
    }

    /// The flush failed: the batch's writes are pending again, except
    /// where a newer write to the same key came in meanwhile. Nothing
    /// acknowledged is lost, and nothing newer is overwritten.
    pub fn fail(&mut self, batch: Batch) {
        // --- solution ---
        for (key, value) in batch.entries {
            // A newer value wins; the capacity does not apply, since these
            // writes were accepted already.
            self.pending.entry(key).or_insert(value);
        }
        self.in_flight = false;
        // --- stub ---
        // todo!("fail({batch:?})")
        // --- end ---
    }

    /// How many keys are pending (not counting a batch that is out).
    pub fn pending(&self) -> usize {
        // --- solution ---
        self.pending.len()
        // --- stub ---
        // todo!("pending")
        // --- end ---
    }

    /// The capacity this buffer was made with.
    pub fn capacity(&self) -> usize {
        self.capacity
    }
}
