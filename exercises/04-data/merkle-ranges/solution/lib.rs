//! Anti-entropy with Merkle trees: find the key ranges where two replicas
//! differ, asking the other replica for as few hashes as possible.
//!
// --- solution ---
//! Reference solution of the exercise; the tests live in
//! `../tests/merkle-ranges.rs`.
// --- stub ---
// //! Your task: implement [`differing_ranges`] until
// //! `cargo test -p merkle-ranges` passes. The tests in
// //! `tests/merkle-ranges.rs` are the specification.
// --- end ---

use std::ops::Range;

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn combine(a: u64, b: u64) -> u64 {
    mix(a.rotate_left(17) ^ mix(b))
}

/// A complete binary tree of hashes in an array: node 1 is the root, node
/// i has children 2i and 2i + 1, and the leaves are nodes
/// `leaves..2 * leaves`. Leaf j covers the keys
/// `j * per_leaf .. (j + 1) * per_leaf`, cut off at `keys`; a leaf past the
/// last key covers nothing.
pub struct Tree {
    pub nodes: Vec<u64>,
    pub leaves: usize,
    pub per_leaf: usize,
    pub keys: usize,
}

impl Tree {
    /// The tree of `values` (the value of key k at index k), with `leaves`
    /// leaves, a power of two.
    pub fn build(values: &[u64], leaves: usize) -> Tree {
        assert!(leaves.is_power_of_two());
        let per_leaf = values.len().div_ceil(leaves).max(1);
        let mut nodes = vec![0; 2 * leaves];
        for (j, chunk) in values.chunks(per_leaf).enumerate() {
            let first = (j * per_leaf) as u64;
            nodes[leaves + j] = chunk
                .iter()
                .enumerate()
                .fold(1, |h, (i, v)| combine(h, mix(first + i as u64) ^ *v));
        }
        for i in (1..leaves).rev() {
            nodes[i] = combine(nodes[2 * i], nodes[2 * i + 1]);
        }
        Tree {
            nodes,
            leaves,
            per_leaf,
            keys: values.len(),
        }
    }
}

/// The other replica, across the network: each hash it is asked for is a
/// message, and it counts them.
pub struct Remote<'a> {
    tree: &'a Tree,
    pub asked: usize,
}

impl<'a> Remote<'a> {
    pub fn new(tree: &'a Tree) -> Remote<'a> {
        Remote { tree, asked: 0 }
    }

    /// The remote replica's hash of `node`.
    pub fn hash(&mut self, node: usize) -> u64 {
        self.asked += 1;
        self.tree.nodes[node]
    }
}

/// The key ranges where `local` and the remote replica's tree (same shape)
/// differ, in key order, each as long as possible: ranges that touch are
/// one range. Only asks for the hash of a node whose parent differs.
pub fn differing_ranges(local: &Tree, remote: &mut Remote) -> Vec<Range<usize>> {
    // --- solution ---
    let mut ranges: Vec<Range<usize>> = Vec::new();
    // Depth first, left child before right, so leaves come in key order.
    let mut stack = vec![1];
    while let Some(node) = stack.pop() {
        if local.nodes[node] == remote.hash(node) {
            continue;
        }
        if node < local.leaves {
            stack.push(2 * node + 1);
            stack.push(2 * node);
            continue;
        }
        let leaf = node - local.leaves;
        let start = (leaf * local.per_leaf).min(local.keys);
        let end = ((leaf + 1) * local.per_leaf).min(local.keys);
        match ranges.last_mut() {
            Some(last) if last.end == start => last.end = end,
            _ => ranges.push(start..end),
        }
    }
    ranges
    // --- stub ---
    // let _ = (local, remote);
    // todo!("walk both trees from the root, opening only nodes whose hashes differ")
    // --- end ---
}
