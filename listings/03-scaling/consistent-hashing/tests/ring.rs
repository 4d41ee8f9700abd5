//! The ring's contract: lookups wrap, empty rings error, and a change of
//! membership moves only the keys it must.

use consistent_hashing::hash::stable_hash;
use consistent_hashing::ring::{HashRing, NodeId, PlacementError, node_by_modulo};

fn ring_of(vnodes: u32, node_count: u32) -> HashRing {
    let mut ring = HashRing::new(vnodes).unwrap();
    for id in 0..node_count {
        ring.add_node(NodeId(id));
    }
    ring
}

fn owners(ring: &HashRing, key_count: u32) -> Vec<NodeId> {
    (0..key_count)
        .map(|i| ring.node_for(format!("user:{i}").as_bytes()).unwrap())
        .collect()
}

// Pins the wrap: a hash past the last point belongs to the first point's node.
#[test]
fn lookup_past_the_last_point_wraps_to_the_first() {
    let ring = ring_of(3, 4);
    let points: Vec<(u64, NodeId)> = ring.points().collect();
    let (first_position, first_owner) = points[0];
    let (last_position, _) = points[points.len() - 1];
    assert!(
        last_position < u64::MAX,
        "test needs room after the last point"
    );
    assert_eq!(ring.node_for_hash(last_position + 1), Ok(first_owner));
    assert_eq!(ring.node_for_hash(u64::MAX), Ok(first_owner));
    assert_eq!(ring.node_for_hash(0), Ok(first_owner));
    assert!(first_position > 0);
}

// Pins "at or after": a hash equal to a point belongs to that point's node,
// one past it to the next point's node.
#[test]
fn lookup_takes_the_first_point_at_or_after_the_hash() {
    let ring = ring_of(3, 4);
    let points: Vec<(u64, NodeId)> = ring.points().collect();
    for pair in points.windows(2) {
        let ((position, owner), (_, next_owner)) = (pair[0], pair[1]);
        assert_eq!(ring.node_for_hash(position), Ok(owner));
        assert_eq!(ring.node_for_hash(position + 1), Ok(next_owner));
    }
}

// Pins that each node gets exactly vnodes_per_node points, all its own.
#[test]
fn each_node_gets_its_virtual_nodes() {
    let ring = ring_of(50, 4);
    assert_eq!(ring.points().count(), 200);
    for node in ring.nodes() {
        assert_eq!(
            ring.points().filter(|&(_, owner)| owner == node).count(),
            50
        );
    }
}

// Pins that an empty ring answers with an error instead of panicking.
#[test]
fn empty_ring_is_an_error_not_a_panic() {
    let ring = HashRing::new(10).unwrap();
    assert_eq!(ring.node_for(b"user:1"), Err(PlacementError::NoNodes));
    assert_eq!(ring.node_for_hash(u64::MAX), Err(PlacementError::NoNodes));
}

// Pins that removing the last node leaves an empty ring, not a stale owner.
#[test]
fn removing_the_last_node_empties_the_ring() {
    let mut ring = ring_of(10, 1);
    assert_eq!(ring.node_for(b"user:1"), Ok(NodeId(0)));
    assert!(ring.remove_node(NodeId(0)));
    assert_eq!(ring.points().count(), 0);
    assert_eq!(ring.node_for(b"user:1"), Err(PlacementError::NoNodes));
}

// Pins the rejection of zero virtual nodes: such a ring could own no key.
#[test]
fn zero_virtual_nodes_is_rejected() {
    assert_eq!(
        HashRing::new(0).unwrap_err(),
        PlacementError::ZeroVirtualNodes
    );
}

// Pins that adding a node twice or removing an absent one changes nothing.
#[test]
fn duplicate_add_and_unknown_remove_are_no_ops() {
    let mut ring = ring_of(10, 3);
    let before = owners(&ring, 1_000);
    assert!(!ring.add_node(NodeId(1)));
    assert!(!ring.remove_node(NodeId(7)));
    assert_eq!(ring.points().count(), 30);
    assert_eq!(owners(&ring, 1_000), before);
}

// Pins the main promise: a joining node takes keys, and no other key moves.
#[test]
fn adding_a_node_only_moves_keys_to_the_new_node() {
    let mut ring = ring_of(100, 10);
    let before = owners(&ring, 20_000);
    ring.add_node(NodeId(10));
    let after = owners(&ring, 20_000);
    let mut moved = 0;
    for (old, new) in before.iter().zip(&after) {
        if old != new {
            assert_eq!(*new, NodeId(10), "a key moved between old nodes");
            moved += 1;
        }
    }
    assert!(moved > 0, "the new node took no keys");
}

// Pins the reverse: a leaving node's keys move, nobody else's.
#[test]
fn removing_a_node_only_moves_its_keys() {
    let mut ring = ring_of(100, 10);
    let before = owners(&ring, 20_000);
    assert!(ring.remove_node(NodeId(3)));
    let after = owners(&ring, 20_000);
    for (old, new) in before.iter().zip(&after) {
        if *old == NodeId(3) {
            assert_ne!(*new, NodeId(3), "a key stayed on the removed node");
        } else {
            assert_eq!(old, new, "a key of a remaining node moved");
        }
    }
}

// Pins that placement depends on the set of nodes, not the order they joined.
#[test]
fn join_order_does_not_change_placement() {
    let forward = ring_of(20, 8);
    let mut backward = HashRing::new(20).unwrap();
    for id in (0..8).rev() {
        backward.add_node(NodeId(id));
    }
    assert_eq!(owners(&forward, 5_000), owners(&backward, 5_000));
}

// Pins that join then leave restores every key to where it was.
#[test]
fn add_then_remove_restores_the_placement() {
    let mut ring = ring_of(20, 5);
    let before = owners(&ring, 5_000);
    ring.add_node(NodeId(99));
    ring.remove_node(NodeId(99));
    assert_eq!(owners(&ring, 5_000), before);
}

// Pins the naive scheme's problem: going from 10 to 11 nodes moves about
// 10/11 of the keys.
#[test]
fn modulo_moves_most_keys_when_a_node_joins() {
    let keys = 20_000u32;
    let moved = (0..keys)
        .map(|i| stable_hash(format!("user:{i}").as_bytes()))
        .filter(|&h| node_by_modulo(h, 10) != node_by_modulo(h, 11))
        .count();
    let share = moved as f64 / f64::from(keys);
    assert!((share - 10.0 / 11.0).abs() < 0.01, "moved share {share}");
}

// Pins that modulo by zero nodes is an error, not a division-by-zero panic.
#[test]
fn modulo_with_no_nodes_is_an_error() {
    assert_eq!(node_by_modulo(42, 0), Err(PlacementError::NoNodes));
    assert_eq!(node_by_modulo(42, 1), Ok(NodeId(0)));
}
