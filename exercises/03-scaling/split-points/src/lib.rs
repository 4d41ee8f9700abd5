//! Range partition boundaries from a sample of keys. With `partitions`
//! ranges, boundary `i` is the smallest key of range `i + 1`: a key `k`
//! belongs to the range whose boundaries satisfy `lower <= k < upper`, as
//! in the chapter's `Range`.
//!
//! Your task: implement [`split_points`] until `cargo test -p split-points`
//! passes. The tests in `tests/split-points.rs` are the specification.

/// Why no boundaries could be chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// Zero partitions were asked for.
    NoPartitions,
    /// The sample is empty.
    EmptySample,
    /// Equal keys must share a range, so `partitions` ranges that each hold
    /// part of the sample need at least that many different keys.
    TooFewDistinct { distinct: usize, partitions: usize },
}

/// `partitions - 1` boundaries, strictly increasing, that split `sample`
/// into ranges of about equal size, none of them empty. Equal keys always
/// share a range, so a popular key can make its range larger.
pub fn split_points(sample: &[u64], partitions: usize) -> Result<Vec<u64>, SplitError> {
    let _ = (sample, partitions);
    todo!("split_points")
}
