// --- solution ---
//! Reference solution of the log-batcher exercise: block for the first
//! message with `recv`, then top the batch up with `try_iter`, which never
//! blocks.
//!
//! Layout: [`recv_batch`] is the whole solution.
// --- stub ---
// //! Your turn: a log shipper receives lines from many threads over one
// //! channel and writes them out in batches, because one write of 100 lines
// //! costs about as much as one write of 1.
// //!
// //! Layout: [`recv_batch`] is the function you write; the tests in
// //! `tests/log-batcher.rs` call it on real std channels.
// //!
// //! Run `cargo test -p log-batcher` until every test passes.
// --- end ---

use std::sync::mpsc::Receiver;

/// Waits for the next message, then takes whatever else is already queued,
/// up to `max` messages in all, without waiting for more. Returns `None`
/// once every sender has been dropped and the channel is empty; never
/// returns an empty batch.
///
/// # Panics
///
/// If `max` is 0: a batch that can hold nothing would never make progress.
pub fn recv_batch<T>(rx: &Receiver<T>, max: usize) -> Option<Vec<T>> {
    // --- solution ---
    assert!(max > 0, "a batch must hold at least one message");
    // Blocking here keeps the caller from spinning on an empty channel;
    // Err means every sender is gone and the queue is drained.
    let first = rx.recv().ok()?;
    let mut batch = Vec::with_capacity(max.min(1_024));
    batch.push(first);
    // Only what is already queued: waiting for a full batch would hold a
    // lone message back for as long as the channel stays quiet.
    batch.extend(rx.try_iter().take(max - 1));
    Some(batch)
    // --- stub ---
    // let _ = (rx, max);
    // todo!("return the next batch")
    // --- end ---
}
