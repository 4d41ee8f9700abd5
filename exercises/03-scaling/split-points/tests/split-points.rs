use split_points::{SplitError, split_points};

/// How many sample keys fall in each range, as the chapter's `Range` would
/// place them.
fn sizes(sample: &[u64], bounds: &[u64]) -> Vec<usize> {
    let mut sizes = vec![0; bounds.len() + 1];
    for key in sample {
        sizes[bounds.partition_point(|&b| b <= *key)] += 1;
    }
    sizes
}

fn check(sample: &[u64], partitions: usize) -> Vec<usize> {
    let bounds = split_points(sample, partitions).expect("valid");
    assert_eq!(bounds.len(), partitions - 1);
    assert!(bounds.windows(2).all(|w| w[0] < w[1]), "{bounds:?}");
    let sizes = sizes(sample, &bounds);
    assert!(
        sizes.iter().all(|&s| s > 0),
        "an empty range: {bounds:?} {sizes:?}"
    );
    sizes
}

/// Evenly spread keys split into equal ranges.
#[test]
fn uniform_keys_split_evenly() {
    let sample: Vec<u64> = (0..1000).collect();
    assert_eq!(split_points(&sample, 4), Ok(vec![250, 500, 750]));
    assert_eq!(split_points(&sample, 1), Ok(vec![]));
}

/// Skewed keys, most of them small: the ranges are narrow where keys are
/// dense, and each holds a quarter of the sample.
#[test]
fn skewed_keys_split_by_count_not_by_width() {
    let sample: Vec<u64> = (0..1000u64).map(|i| i * i).collect();
    let sizes = check(&sample, 4);
    assert_eq!(sizes, [250, 250, 250, 250]);
    let bounds = split_points(&sample, 4).expect("valid");
    assert!(bounds[0] < 100_000 && bounds[2] > 500_000, "{bounds:?}");
}

/// The sample's order does not matter.
#[test]
fn the_sample_need_not_be_sorted() {
    let sample: Vec<u64> = (0..999u64).map(|i| (i * 7919) % 999).collect();
    assert_eq!(split_points(&sample, 3), Ok(vec![333, 666]));
}

/// Equal keys stay in one range, so the split moves to the next distinct
/// key, and no range is left empty.
#[test]
fn equal_keys_are_never_split() {
    let sample = [1, 1, 1, 1, 2, 3, 4, 5];
    assert_eq!(split_points(&sample, 2), Ok(vec![2]));
    let mut heavy = vec![7; 100];
    heavy.push(8);
    assert_eq!(split_points(&heavy, 2), Ok(vec![8]));
    assert_eq!(check(&heavy, 2), [100, 1]);
    // A popular key in the middle: the ranges around it still get keys.
    let mut middle: Vec<u64> = (0..50).collect();
    middle.extend([50; 100]);
    middle.extend(51..101);
    check(&middle, 4);
    check(&middle, 50);
    // A popular key at the top: the boundaries below it must leave room
    // for the ranges still to come, and it needs no company in its range.
    let mut top: Vec<u64> = (0..10).collect();
    top.extend([10; 100]);
    assert_eq!(check(&top, 5).iter().max(), Some(&100));
}

/// As many ranges as distinct keys works; more is refused.
#[test]
fn the_number_of_ranges_is_limited_by_distinct_keys() {
    let sample = [5, 5, 9, 9, 12];
    assert_eq!(split_points(&sample, 3), Ok(vec![9, 12]));
    assert_eq!(
        split_points(&sample, 4),
        Err(SplitError::TooFewDistinct {
            distinct: 3,
            partitions: 4
        })
    );
}

/// Nothing to split, or no ranges, is an error.
#[test]
fn empty_input_is_refused() {
    assert_eq!(split_points(&[], 3), Err(SplitError::EmptySample));
    assert_eq!(split_points(&[1, 2, 3], 0), Err(SplitError::NoPartitions));
}
