//! The specification of `differing_ranges`.

use merkle_ranges::{Remote, Tree, differing_ranges};
use seeded::SplitMix64;
use std::ops::Range;

fn values(keys: usize, seed: u64) -> Vec<u64> {
    let mut rng = SplitMix64(seed);
    (0..keys).map(|_| rng.next_u64()).collect()
}

/// The ranges and the number of hashes asked for, comparing `a` (local)
/// with `b` (remote).
fn compare(a: &[u64], b: &[u64], leaves: usize) -> (Vec<Range<usize>>, usize) {
    let (ta, tb) = (Tree::build(a, leaves), Tree::build(b, leaves));
    let mut remote = Remote::new(&tb);
    let ranges = differing_ranges(&ta, &mut remote);
    (ranges, remote.asked)
}

/// The answer by brute force: every differing key's leaf range, merged.
fn expected(a: &[u64], b: &[u64], leaves: usize) -> Vec<Range<usize>> {
    let per_leaf = a.len().div_ceil(leaves).max(1);
    let mut out: Vec<Range<usize>> = Vec::new();
    for leaf in 0..leaves {
        let range = (leaf * per_leaf).min(a.len())..((leaf + 1) * per_leaf).min(a.len());
        if a[range.clone()] == b[range.clone()] {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.end == range.start => last.end = range.end,
            _ => out.push(range),
        }
    }
    out
}

#[test]
fn identical_replicas_cost_one_hash() {
    let a = values(1000, 1);
    assert_eq!(compare(&a, &a, 64), (vec![], 1));
}

#[test]
fn one_key_opens_one_path() {
    // 1000 keys, 64 leaves of 16 keys, depth 6: key 500 is in leaf 31.
    let a = values(1000, 2);
    let mut b = a.clone();
    b[500] ^= 1;
    let (ranges, asked) = compare(&a, &b, 64);
    assert_eq!(ranges, vec![496..512]);
    // The root, then both children at each of the 6 levels below it.
    assert_eq!(asked, 1 + 2 * 6);
}

#[test]
fn differences_on_both_sides_of_the_root_are_all_found() {
    let a = values(1000, 3);
    let mut b = a.clone();
    b[3] ^= 1;
    b[700] ^= 1;
    b[701] ^= 1;
    let (ranges, _) = compare(&a, &b, 64);
    assert_eq!(ranges, vec![0..16, 688..704]);
}

#[test]
fn touching_leaves_make_one_range() {
    let a = values(1000, 4);
    let mut b = a.clone();
    for k in [15, 16, 40] {
        b[k] ^= 1;
    }
    // Leaves 0, 1 and 2 differ: one range, not three.
    let (ranges, _) = compare(&a, &b, 64);
    assert_eq!(ranges, vec![0..48]);
}

#[test]
fn the_last_range_stops_at_the_last_key() {
    // 1000 keys in 64 leaves of 16: leaf 62 holds keys 992..1000 only.
    let a = values(1000, 5);
    let mut b = a.clone();
    b[999] ^= 1;
    let (ranges, _) = compare(&a, &b, 64);
    assert_eq!(ranges, vec![992..1000]);
}

#[test]
fn few_differences_ask_for_few_hashes() {
    // 100,000 keys, 4,096 leaves, depth 12: asking for every leaf would
    // cost 4,096 hashes; 5 differing leaves cost at most 1 + 5 x 2 x 12.
    let a = values(100_000, 6);
    let mut b = a.clone();
    for k in [10, 20_000, 40_000, 60_000, 99_999] {
        b[k] ^= 1;
    }
    let (ranges, asked) = compare(&a, &b, 4096);
    assert_eq!(ranges, expected(&a, &b, 4096));
    assert!(asked <= 1 + 5 * 2 * 12, "asked for {asked} hashes");
}

#[test]
fn random_replicas_match_a_key_by_key_comparison() {
    let mut rng = SplitMix64(7);
    for round in 0..200 {
        let keys = 1 + rng.below(3000);
        let leaves = 1 << rng.below(8);
        let a = values(keys, round);
        let mut b = a.clone();
        for _ in 0..rng.below(12) {
            let k = rng.below(keys);
            b[k] = b[k].wrapping_add(1 + rng.next_u64() % 5);
        }
        let (ranges, asked) = compare(&a, &b, leaves);
        let want = expected(&a, &b, leaves);
        assert_eq!(ranges, want, "round {round}: {keys} keys, {leaves} leaves");
        assert!(asked < 2 * leaves, "round {round}: asked {asked}");
    }
}
