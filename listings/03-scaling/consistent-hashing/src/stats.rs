//! The two numbers that judge a placement: how evenly it spreads keys, and
//! how many keys it moves when the set of nodes changes.

use crate::ring::NodeId;

/// How many keys the busiest and the idlest node hold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub min_keys: usize,
    pub max_keys: usize,
    pub mean_keys: f64,
    /// Population standard deviation of keys per node.
    pub stddev_keys: f64,
}

impl Spread {
    /// The spread of `owners` over `node_count` nodes `0..node_count`.
    /// A node that owns no key counts as 0, not as absent.
    pub fn of(owners: &[NodeId], node_count: u32) -> Option<Spread> {
        if node_count == 0 {
            return None;
        }
        let mut keys_per_node = vec![0usize; node_count as usize];
        for owner in owners {
            keys_per_node[owner.0 as usize] += 1;
        }
        let mean_keys = owners.len() as f64 / f64::from(node_count);
        let variance = keys_per_node
            .iter()
            .map(|&keys| (keys as f64 - mean_keys).powi(2))
            .sum::<f64>()
            / f64::from(node_count);
        Some(Spread {
            min_keys: *keys_per_node.iter().min()?,
            max_keys: *keys_per_node.iter().max()?,
            mean_keys,
            stddev_keys: variance.sqrt(),
        })
    }

    /// How much more the busiest node holds than an even share: 1.0 is
    /// perfect. The busiest node fills up first, so this sets capacity.
    pub fn max_over_mean(&self) -> f64 {
        self.max_keys as f64 / self.mean_keys
    }
}

/// What changed between two placements of the same keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Movement {
    /// Keys whose owner changed.
    pub moved: usize,
    /// Of those, keys that went to `new_node`: the only moves that are
    /// needed when `new_node` joins.
    pub moved_to_new_node: usize,
    pub total: usize,
}

impl Movement {
    /// Compares owner by owner; `before` and `after` list the same keys.
    pub fn between(before: &[NodeId], after: &[NodeId], new_node: NodeId) -> Movement {
        assert_eq!(
            before.len(),
            after.len(),
            "both placements must list the same keys"
        );
        let mut movement = Movement {
            moved: 0,
            moved_to_new_node: 0,
            total: before.len(),
        };
        for (old, new) in before.iter().zip(after) {
            if old != new {
                movement.moved += 1;
                if *new == new_node {
                    movement.moved_to_new_node += 1;
                }
            }
        }
        movement
    }

    /// Keys that moved from one old node to another: pure waste.
    pub fn moved_between_old_nodes(&self) -> usize {
        self.moved - self.moved_to_new_node
    }
}

/// `part / whole` as a fraction; 0 when there is nothing to divide.
pub fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}
