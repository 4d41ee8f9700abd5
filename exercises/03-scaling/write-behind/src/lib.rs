//! A write-behind buffer: writes are acknowledged once they are here, and
//! reach the database later, in batches, while new writes keep coming.
//!
//! Your task: implement the methods of [`WriteBuffer`] until
//! `cargo test -p write-behind` passes. The tests in
//! `tests/write-behind.rs` are the specification.

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
    // Add what you need.
}

impl WriteBuffer {
    /// A buffer that holds at most `capacity` distinct pending keys.
    pub fn new(capacity: usize) -> WriteBuffer {
        todo!("WriteBuffer::new({capacity})")
    }

    /// Buffers a write. A key already pending takes the new value; a new
    /// key is refused with [`Full`] when `capacity` keys are pending.
    pub fn write(&mut self, key: &str, value: &str) -> Result<(), Full> {
        todo!("write({key}, {value})")
    }

    /// Takes every pending key for a flush, or `None` when nothing is
    /// pending or a batch is already out (one flush at a time). Writes
    /// made while the batch is out are buffered as usual.
    pub fn take_batch(&mut self) -> Option<Batch> {
        todo!("take_batch")
    }

    /// The database has the batch: the next batch may go out.
    pub fn ack(&mut self, batch: Batch) {
        todo!("ack({batch:?})")
    }

    /// The flush failed: the batch's writes are pending again, except
    /// where a newer write to the same key came in meanwhile. Nothing
    /// acknowledged is lost, and nothing newer is overwritten.
    pub fn fail(&mut self, batch: Batch) {
        todo!("fail({batch:?})")
    }

    /// How many keys are pending (not counting a batch that is out).
    pub fn pending(&self) -> usize {
        todo!("pending")
    }

    /// The capacity this buffer was made with.
    pub fn capacity(&self) -> usize {
        self.capacity
    }
}
