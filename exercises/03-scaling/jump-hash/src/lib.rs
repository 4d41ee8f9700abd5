//! Jump consistent hash: pick one of `num_buckets` numbered buckets for a
//! key, so that growing from n to n + 1 buckets moves only about 1/(n + 1)
//! of the keys, all of them into the new bucket. No ring, no memory.
//!
//! Your task: implement [`jump_hash`] until `cargo test -p jump-hash`
//! passes. The chapter's "Your turn" gives the paper's generator and jump
//! step (Lamping & Veach 2014); the tests in `tests/jump-hash.rs` are the
//! specification.

/// The bucket in `0..num_buckets` that `key` belongs to, or `None` when
/// there are no buckets.
///
/// `key` should already be a well-mixed hash (for example the chapter's
/// `stable_hash`), not a raw id.
pub fn jump_hash(key: u64, num_buckets: u32) -> Option<u32> {
    let _ = (key, num_buckets);
    todo!("follow the key's jumps from bucket 0 until one lands past the last bucket")
}
