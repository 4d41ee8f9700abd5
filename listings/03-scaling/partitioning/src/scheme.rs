//! Three ways to map a key (here an order id, which grows with time) to the
//! node that stores it.

use consistent_hashing::hash::stable_hash;

/// The hash of an order id: the consistent-hashing chapter's FNV-1a with
/// MurmurHash3's finalizer, so neighbouring ids land far apart.
pub fn hash_of(key: u64) -> u64 {
    stable_hash(&key.to_be_bytes())
}

/// Where keys live: a node number for every key.
pub trait Placement {
    fn node_of(&self, key: u64) -> usize;
    fn nodes(&self) -> usize;
}

// ANCHOR: range
/// Range partitioning: node `i` holds the keys from `bounds[i - 1]` up to,
/// not including, `bounds[i]`; the last node holds everything above the
/// last bound. Neighbouring keys live together, in order.
pub struct Range {
    /// Sorted, one fewer than the nodes.
    pub bounds: Vec<u64>,
}

impl Range {
    /// `nodes` ranges of equal width over `0..key_space`.
    pub fn even(nodes: usize, key_space: u64) -> Range {
        let width = key_space / nodes as u64;
        Range {
            bounds: (1..nodes as u64).map(|i| i * width).collect(),
        }
    }
}

impl Placement for Range {
    fn node_of(&self, key: u64) -> usize {
        // The number of bounds at or below the key is the node's index.
        self.bounds.partition_point(|&bound| bound <= key)
    }

    fn nodes(&self) -> usize {
        self.bounds.len() + 1
    }
}
// ANCHOR_END: range

// ANCHOR: hash
/// Hash partitioning, the simplest way: the hash modulo the node count.
pub struct HashMod {
    pub nodes: usize,
}

impl Placement for HashMod {
    fn node_of(&self, key: u64) -> usize {
        (hash_of(key) % self.nodes as u64) as usize
    }

    fn nodes(&self) -> usize {
        self.nodes
    }
}

/// Hash partitioning the way Kafka's partitions, Redis Cluster's 16,384
/// hash slots and Elasticsearch's shards do it: a fixed number of
/// partitions, chosen once, each assigned to a node.
pub struct FixedPartitions {
    /// `owner[p]` is the node that holds partition `p`.
    pub owner: Vec<usize>,
    pub nodes: usize,
}

impl FixedPartitions {
    /// `partitions` partitions dealt out to `nodes` nodes in turn.
    pub fn new(partitions: usize, nodes: usize) -> FixedPartitions {
        FixedPartitions {
            owner: (0..partitions).map(|p| p % nodes).collect(),
            nodes,
        }
    }

    /// Adds a node that takes partitions from the nodes holding the most,
    /// one at a time, until it holds its fair share.
    pub fn add_node(&mut self) {
        let new = self.nodes;
        self.nodes += 1;
        let fair = self.owner.len() / self.nodes;
        for _ in 0..fair {
            let mut held = vec![0; self.nodes];
            for &node in &self.owner {
                held[node] += 1;
            }
            // The old node holding the most (ties: the highest-numbered),
            // and the last partition it holds.
            let busiest = (0..new).max_by_key(|&n| (held[n], n)).expect("old nodes");
            let moved = self
                .owner
                .iter()
                .rposition(|&node| node == busiest)
                .expect("the busiest node holds a partition");
            self.owner[moved] = new;
        }
    }
}

impl Placement for FixedPartitions {
    fn node_of(&self, key: u64) -> usize {
        self.owner[(hash_of(key) % self.owner.len() as u64) as usize]
    }

    fn nodes(&self) -> usize {
        self.nodes
    }
}
// ANCHOR_END: hash
