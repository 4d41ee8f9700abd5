//! 100,000 keys on 10 nodes, then an 11th node joins. For `hash % n` and for
//! rings with 1 to 1000 virtual nodes per node, prints how evenly the keys
//! spread and how many of them moved. Deterministic: the keys are fixed and
//! the hash is [`stable_hash`], not std's randomly seeded hasher.

use consistent_hashing::hash::{fnv1a64, stable_hash};
use consistent_hashing::ring::{HashRing, NodeId, PlacementError, node_by_modulo};
use consistent_hashing::stats::{Movement, Spread, share};

const KEY_COUNT: u32 = 100_000;
const NODE_COUNT: u32 = 10;
const VNODES_PER_NODE: [u32; 4] = [1, 10, 100, 1000];

fn main() -> Result<(), PlacementError> {
    let new_node = NodeId(NODE_COUNT); // node-0 ..= node-9 exist; node-10 joins
    let ideal = 100.0 / f64::from(NODE_COUNT + 1);
    println!(
        "{KEY_COUNT} keys on {NODE_COUNT} nodes ({} each if even), then {new_node} joins.",
        KEY_COUNT / NODE_COUNT
    );
    println!(
        "Ideal: 1/{} = {ideal:.1}% of keys move, all of them to {new_node}.",
        NODE_COUNT + 1
    );
    println!(
        "{:<28} {:>6} {:>6} {:>8} {:>6} {:>6} {:>6} {:>11}",
        "placement", "min", "max", "max/mean", "stddev", "moved", "ideal", "between old"
    );

    // ANCHOR: measure_modulo
    let key_hashes = hash_keys(stable_hash);
    let before = place(&key_hashes, |h| node_by_modulo(h, NODE_COUNT))?;
    let after = place(&key_hashes, |h| node_by_modulo(h, NODE_COUNT + 1))?;
    // ANCHOR_END: measure_modulo
    print_row("hash % n", &before, &after, new_node);

    for vnodes in VNODES_PER_NODE {
        let (before, after) = join_ring(vnodes, stable_hash)?;
        let unit = if vnodes == 1 { "vnode" } else { "vnodes" };
        print_row(
            &format!("ring, {vnodes} {unit}/node"),
            &before,
            &after,
            new_node,
        );
    }

    // The same ring without the fmix64 finalizer, to show why it is there.
    let (before, after) = join_ring(100, fnv1a64)?;
    print_row("ring, 100 vnodes, no fmix64", &before, &after, new_node);
    Ok(())
}

// ANCHOR: keys
/// The hashes of the keys `user:0` .. `user:99999`.
fn hash_keys(hash: fn(&[u8]) -> u64) -> Vec<u64> {
    (0..KEY_COUNT)
        .map(|i| hash(format!("user:{i}").as_bytes()))
        .collect()
}
// ANCHOR_END: keys

// ANCHOR: measure_ring
/// Owners of every key on a ring of `NODE_COUNT` nodes, before and after
/// one more node joins.
fn join_ring(
    vnodes: u32,
    hash: fn(&[u8]) -> u64,
) -> Result<(Vec<NodeId>, Vec<NodeId>), PlacementError> {
    let key_hashes = hash_keys(hash);
    let mut ring = HashRing::with_hash(vnodes, hash)?;
    for id in 0..NODE_COUNT {
        ring.add_node(NodeId(id));
    }
    let before = place(&key_hashes, |h| ring.node_for_hash(h))?;
    ring.add_node(NodeId(NODE_COUNT));
    let after = place(&key_hashes, |h| ring.node_for_hash(h))?;
    Ok((before, after))
}
// ANCHOR_END: measure_ring

/// The owner of every key, in key order.
fn place(
    key_hashes: &[u64],
    owner: impl Fn(u64) -> Result<NodeId, PlacementError>,
) -> Result<Vec<NodeId>, PlacementError> {
    key_hashes.iter().map(|&h| owner(h)).collect()
}

/// One table row: the spread before the join, and what the join moved.
fn print_row(label: &str, before: &[NodeId], after: &[NodeId], new_node: NodeId) {
    let spread = Spread::of(before, NODE_COUNT).expect("NODE_COUNT is not zero");
    let movement = Movement::between(before, after, new_node);
    println!(
        "{label:<28} {:>6} {:>6} {:>8.2} {:>5.1}% {:>5.1}% {:>5.1}% {:>10.1}%",
        spread.min_keys,
        spread.max_keys,
        spread.max_over_mean(),
        100.0 * spread.stddev_keys / spread.mean_keys,
        100.0 * share(movement.moved, movement.total),
        100.0 / f64::from(NODE_COUNT + 1),
        100.0 * share(movement.moved_between_old_nodes(), movement.total),
    );
}
