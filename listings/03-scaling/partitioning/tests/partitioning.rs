use partitioning::measure::{ORDERS, customer_of, moved, nodes_for_scan, salted, skew};
use partitioning::scheme::{FixedPartitions, HashMod, Placement, Range};

/// A key equal to a bound belongs to the range above it; the ends belong
/// to the first and last nodes.
#[test]
fn range_bounds_are_inclusive_below() {
    let range = Range::even(4, 400);
    assert_eq!(range.bounds, [100, 200, 300]);
    let nodes: Vec<usize> = [0, 99, 100, 299, 300, 399, 10_000]
        .into_iter()
        .map(|k| range.node_of(k))
        .collect();
    assert_eq!(nodes, [0, 0, 1, 2, 3, 3, 3]);
}

/// Time-ordered writes all land in the last range; hashing spreads them.
#[test]
fn the_newest_writes_pile_onto_one_range() {
    let range = Range::even(10, ORDERS);
    assert_eq!(skew(&range, ORDERS * 9 / 10..ORDERS), 10.0);
    let hash = HashMod { nodes: 10 };
    assert!(skew(&hash, ORDERS * 9 / 10..ORDERS) < 1.1);
}

/// A scan of neighbouring ids asks one range (two across a bound), and
/// every node under hashing.
#[test]
fn a_range_scan_asks_one_range_and_every_hash_node() {
    let range = Range::even(10, ORDERS);
    assert_eq!(nodes_for_scan(&range, 500_000, 501_000), 1);
    assert_eq!(nodes_for_scan(&range, 99_500, 100_500), 2);
    assert_eq!(nodes_for_scan(&HashMod { nodes: 10 }, 500_000, 501_000), 10);
}

/// Splitting one range moves half of it; `% n` moves almost everything;
/// fixed partitions move a fair share of whole partitions. In the two good
/// schemes every key that moves goes to the new node.
#[test]
fn a_new_node_moves_a_little_or_almost_everything() {
    let range = Range::even(10, ORDERS);
    let mut bounds = range.bounds.clone();
    bounds.push(950_000);
    let range_11 = Range { bounds };
    assert!((moved(&range, &range_11) - 0.05).abs() < 1e-9);

    let hash_moved = moved(&HashMod { nodes: 10 }, &HashMod { nodes: 11 });
    assert!((0.90..0.92).contains(&hash_moved), "{hash_moved}");

    let fixed = FixedPartitions::new(120, 10);
    let mut fixed_11 = FixedPartitions::new(120, 10);
    fixed_11.add_node();
    let fixed_moved = moved(&fixed, &fixed_11);
    assert!((0.07..0.10).contains(&fixed_moved), "{fixed_moved}");

    for (before, after) in [
        (&range as &dyn Placement, &range_11 as &dyn Placement),
        (&fixed, &fixed_11),
    ] {
        for key in (0..ORDERS).step_by(97) {
            let (old, new) = (before.node_of(key), after.node_of(key));
            assert!(old == new || new == 10, "key {key}: {old} -> {new}");
        }
    }
}

/// Splitting the hot last range gives the new node its upper half, and with
/// it every order placed from now on: the hot spot moves, it does not shrink.
#[test]
fn splitting_the_last_range_moves_the_hot_spot() {
    let mut bounds = Range::even(10, ORDERS).bounds;
    bounds.push(950_000);
    let range_11 = Range { bounds };
    assert_eq!(skew(&range_11, ORDERS..ORDERS + 100_000), 11.0);
    assert_eq!(range_11.node_of(ORDERS), 10);
}

/// After a join, every node of the fixed scheme holds 10 or 11 of the 120
/// partitions, and the new node its fair 10.
#[test]
fn fixed_partitions_end_up_even() {
    let mut fixed = FixedPartitions::new(120, 10);
    fixed.add_node();
    let mut held = vec![0; 11];
    for &node in &fixed.owner {
        held[node] += 1;
    }
    assert_eq!(held[10], 10);
    assert!(held.iter().all(|&h| h == 10 || h == 11), "{held:?}");
}

/// A hot customer makes one node busy under any hashing of the customer;
/// salting spreads it, and a read of that customer must ask every salt.
#[test]
fn salting_spreads_a_hot_key() {
    let hash = HashMod { nodes: 10 };
    let plain = skew(&hash, (0..100_000).map(customer_of));
    assert!(plain > 3.0, "{plain}");
    let spread = skew(&hash, (0..100_000).map(|i| salted(customer_of(i), i, 8)));
    assert!(spread < 1.6, "{spread}");
    let keys_of_42: std::collections::BTreeSet<u64> = (0..100_000)
        .filter(|&i| customer_of(i) == 42)
        .map(|i| salted(42, i, 8))
        .collect();
    assert_eq!(keys_of_42.len(), 8);
}
