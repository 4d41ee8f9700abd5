//! Jump consistent hash: pick one of `num_buckets` numbered buckets for a
//! key, so that growing from n to n + 1 buckets moves only about 1/(n + 1)
//! of the keys, all of them into the new bucket. No ring, no memory.
//!
// --- solution ---
//! Reference solution of the exercise; the tests live in
//! `../tests/jump-hash.rs`.
// --- stub ---
// //! Your task: implement [`jump_hash`] until `cargo test -p jump-hash`
// //! passes. The chapter's "Your turn" gives the paper's generator and jump
// //! step (Lamping & Veach 2014); the tests in `tests/jump-hash.rs` are the
// //! specification.
// --- end ---

/// The bucket in `0..num_buckets` that `key` belongs to, or `None` when
/// there are no buckets.
///
/// `key` should already be a well-mixed hash (for example the chapter's
/// `stable_hash`), not a raw id.
pub fn jump_hash(key: u64, num_buckets: u32) -> Option<u32> {
    // --- solution ---
    if num_buckets == 0 {
        return None;
    }
    // The key seeds a 64-bit linear congruential generator; the multiplier
    // is the one in the paper (Lamping & Veach 2014, figure 1), so every
    // implementation agrees on where a key goes.
    let mut state = key;
    let mut bucket: i64 = -1;
    let mut next: i64 = 0;
    // Each step jumps forward to the next bucket count at which this key
    // would change bucket; the last bucket before the jump overshoots
    // `num_buckets` is the answer. About ln(n) steps.
    while next < i64::from(num_buckets) {
        bucket = next;
        state = state
            .wrapping_mul(2_862_933_555_777_941_757)
            .wrapping_add(1);
        // (state >> 33) + 1 is uniform in 1..=2^31, so the ratio is 1/r for
        // r uniform in (0, 1]. `as i64` saturates instead of overflowing.
        let inverse_uniform = (1u64 << 31) as f64 / ((state >> 33) + 1) as f64;
        next = ((bucket + 1) as f64 * inverse_uniform) as i64;
    }
    Some(bucket as u32)
    // --- stub ---
    // let _ = (key, num_buckets);
    // todo!("follow the key's jumps from bucket 0 until one lands past the last bucket")
    // --- end ---
}
