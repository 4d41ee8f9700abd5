//! The numbers the experiment prints.

use consistent_hashing::ring::{HashRing, NodeId};
use consistent_hashing::stats::{Movement, Spread, share};

// Pins min, max, mean and population standard deviation on a small case.
#[test]
fn spread_of_a_known_placement() {
    let owners = [NodeId(0), NodeId(0), NodeId(0), NodeId(1)];
    let spread = Spread::of(&owners, 2).unwrap();
    assert_eq!((spread.min_keys, spread.max_keys), (1, 3));
    assert_eq!(spread.mean_keys, 2.0);
    assert_eq!(spread.stddev_keys, 1.0);
    assert_eq!(spread.max_over_mean(), 1.5);
}

// Pins that a node owning nothing counts as 0 keys, and zero nodes is None.
#[test]
fn spread_counts_idle_nodes_and_rejects_zero_nodes() {
    let spread = Spread::of(&[NodeId(0), NodeId(0)], 3).unwrap();
    assert_eq!(spread.min_keys, 0);
    assert!(Spread::of(&[], 0).is_none());
}

// Pins the split of moved keys into "to the new node" and "between old ones".
#[test]
fn movement_splits_useful_and_wasted_moves() {
    let before = [NodeId(0), NodeId(1), NodeId(2), NodeId(0)];
    let after = [NodeId(3), NodeId(2), NodeId(2), NodeId(0)];
    let movement = Movement::between(&before, &after, NodeId(3));
    assert_eq!(movement.moved, 2);
    assert_eq!(movement.moved_to_new_node, 1);
    assert_eq!(movement.moved_between_old_nodes(), 1);
    assert_eq!(share(movement.moved, movement.total), 0.5);
}

// Pins that comparing placements of different key lists is refused.
#[test]
#[should_panic(expected = "same keys")]
fn movement_of_different_key_lists_panics() {
    Movement::between(&[NodeId(0)], &[], NodeId(1));
}

// Pins share's guard against dividing by zero.
#[test]
fn share_of_nothing_is_zero() {
    assert_eq!(share(0, 0), 0.0);
}

// Pins the chapter's headline: more virtual nodes, a fairer spread.
#[test]
fn more_virtual_nodes_spread_keys_more_evenly() {
    let max_over_mean = |vnodes| {
        let mut ring = HashRing::new(vnodes).unwrap();
        for id in 0..10 {
            ring.add_node(NodeId(id));
        }
        let owners: Vec<NodeId> = (0..100_000)
            .map(|i| ring.node_for(format!("user:{i}").as_bytes()).unwrap())
            .collect();
        Spread::of(&owners, 10).unwrap().max_over_mean()
    };
    let (one, hundred, thousand) = (max_over_mean(1), max_over_mean(100), max_over_mean(1000));
    assert!(
        one > 2.0 && hundred < 1.2 && thousand < 1.1,
        "{one} {hundred} {thousand}"
    );
}
