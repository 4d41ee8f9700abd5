//! A consistent-hash ring with virtual nodes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::hash::stable_hash;

/// A storage node, named by a small number (`node-3`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(pub u32);

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "node-{}", self.0)
    }
}

/// Why a key could not be placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlacementError {
    /// There is no node to place the key on.
    NoNodes,
    /// A ring with zero points per node could never own a key.
    ZeroVirtualNodes,
}

impl fmt::Display for PlacementError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlacementError::NoNodes => write!(f, "no nodes to place the key on"),
            PlacementError::ZeroVirtualNodes => write!(f, "a node needs at least one virtual node"),
        }
    }
}

impl std::error::Error for PlacementError {}

// ANCHOR: modulo
/// The obvious placement: hash the key, take the remainder by the node
/// count. Cheap and stateless.
pub fn node_by_modulo(key_hash: u64, node_count: u32) -> Result<NodeId, PlacementError> {
    if node_count == 0 {
        return Err(PlacementError::NoNodes); // `%` by zero would panic
    }
    Ok(NodeId((key_hash % u64::from(node_count)) as u32))
}
// ANCHOR_END: modulo

// ANCHOR: ring
/// Points on a circle of 2^64 positions; each point belongs to one node.
/// A key belongs to the first point at or after its hash, going clockwise.
#[derive(Debug, Clone)]
pub struct HashRing {
    vnodes_per_node: u32,
    /// Hashes point labels and keys; [`stable_hash`] unless told otherwise.
    hash: fn(&[u8]) -> u64,
    /// Sorted by position, so "first point clockwise" is a range query.
    points: BTreeMap<u64, NodeId>,
    nodes: BTreeSet<NodeId>,
}
// ANCHOR_END: ring

impl HashRing {
    /// An empty ring that gives each node `vnodes_per_node` points.
    pub fn new(vnodes_per_node: u32) -> Result<Self, PlacementError> {
        Self::with_hash(vnodes_per_node, stable_hash)
    }

    /// The same ring with another hash function, to measure what a weak
    /// hash does to the spread.
    pub fn with_hash(vnodes_per_node: u32, hash: fn(&[u8]) -> u64) -> Result<Self, PlacementError> {
        if vnodes_per_node == 0 {
            return Err(PlacementError::ZeroVirtualNodes);
        }
        Ok(Self {
            vnodes_per_node,
            hash,
            points: BTreeMap::new(),
            nodes: BTreeSet::new(),
        })
    }

    // ANCHOR: point
    /// Where virtual node `index` of `node` sits: the hash of a label such as
    /// `node-3#17`. The label names the node, so two nodes never share a list
    /// of positions, and anyone can recompute it from the node id alone.
    pub fn point_of(&self, node: NodeId, index: u32) -> u64 {
        (self.hash)(format!("{node}#{index}").as_bytes())
    }
    // ANCHOR_END: point

    // ANCHOR: add_node
    /// Puts `vnodes_per_node` points of `node` on the ring. Returns false
    /// (and changes nothing) if the node is already there.
    pub fn add_node(&mut self, node: NodeId) -> bool {
        if !self.nodes.insert(node) {
            return false;
        }
        for index in 0..self.vnodes_per_node {
            // Two points on one position: the node that came first keeps it,
            // and the other has one point fewer. For 11,000 points in 2^64
            // positions the odds of any such clash are about 3 in 10^12.
            let point = self.point_of(node, index);
            self.points.entry(point).or_insert(node);
        }
        true
    }
    // ANCHOR_END: add_node

    // ANCHOR: remove_node
    /// Takes every point of `node` off the ring. Returns false if the node
    /// was not there. The keys it owned fall to the next point clockwise.
    pub fn remove_node(&mut self, node: NodeId) -> bool {
        if !self.nodes.remove(&node) {
            return false;
        }
        // A scan of every point, O(v * n): membership changes are rare next
        // to lookups, and matching by owner needs no recomputed positions.
        self.points.retain(|_, owner| *owner != node);
        true
    }
    // ANCHOR_END: remove_node

    // ANCHOR: lookup
    /// The node that owns a key: the first point at or after the key's hash,
    /// wrapping past 2^64 - 1 back to the smallest point.
    pub fn node_for_hash(&self, key_hash: u64) -> Result<NodeId, PlacementError> {
        self.points
            .range(key_hash..)
            .next()
            .or_else(|| self.points.iter().next()) // wrap around the circle
            .map(|(_, &node)| node)
            .ok_or(PlacementError::NoNodes)
    }

    /// [`Self::node_for_hash`] of the key's hash.
    pub fn node_for(&self, key: &[u8]) -> Result<NodeId, PlacementError> {
        self.node_for_hash((self.hash)(key))
    }
    // ANCHOR_END: lookup

    /// The nodes on the ring, in id order.
    pub fn nodes(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.nodes.iter().copied()
    }

    /// Every point as (position, owner), clockwise from position 0.
    pub fn points(&self) -> impl Iterator<Item = (u64, NodeId)> + '_ {
        self.points
            .iter()
            .map(|(&position, &node)| (position, node))
    }

    /// How many points each node was given.
    pub fn vnodes_per_node(&self) -> u32 {
        self.vnodes_per_node
    }
}
