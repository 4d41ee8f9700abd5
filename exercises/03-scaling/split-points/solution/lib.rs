//! Range partition boundaries from a sample of keys. With `partitions`
//! ranges, boundary `i` is the smallest key of range `i + 1`: a key `k`
//! belongs to the range whose boundaries satisfy `lower <= k < upper`, as
//! in the chapter's `Range`.
//!
// --- solution ---
//! Reference solution of the exercise; the tests live in
//! `../tests/split-points.rs`.
// --- stub ---
// //! Your task: implement [`split_points`] until `cargo test -p split-points`
// //! passes. The tests in `tests/split-points.rs` are the specification.
// --- end ---

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
    // --- solution ---
    if partitions == 0 {
        return Err(SplitError::NoPartitions);
    }
    if sample.is_empty() {
        return Err(SplitError::EmptySample);
    }
    let mut sorted = sample.to_vec();
    sorted.sort_unstable();
    let mut distinct = sorted.clone();
    distinct.dedup();
    if distinct.len() < partitions {
        return Err(SplitError::TooFewDistinct {
            distinct: distinct.len(),
            partitions,
        });
    }
    let mut bounds: Vec<u64> = Vec::with_capacity(partitions - 1);
    for i in 1..partitions {
        // The ideal boundary: the key at the i-th quantile of the sample.
        let ideal = sorted[i * sorted.len() / partitions];
        // It must be above the previous boundary (and above the smallest
        // key, so the first range is not empty), and leave enough distinct
        // keys above it for the ranges still to come.
        let floor = bounds.last().copied().unwrap_or(sorted[0]);
        let left_for_later = partitions - 1 - i;
        let ceiling = distinct[distinct.len() - 1 - left_for_later];
        let bound = if ideal > floor {
            ideal.min(ceiling)
        } else {
            // The next distinct key above the floor.
            let next = distinct.partition_point(|&k| k <= floor);
            distinct[next].min(ceiling)
        };
        bounds.push(bound);
    }
    Ok(bounds)
    // --- stub ---
    // let _ = (sample, partitions);
    // todo!("split_points")
    // --- end ---
}
