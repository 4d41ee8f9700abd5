//! Merkle-tree anti-entropy: two replicas of the same keys build a binary
//! tree of hashes over their key ranges and compare it from the root down,
//! so only the ranges whose hashes differ are opened.

/// A 64-bit mix (SplitMix64's finalizer): enough to tell ranges apart in a
/// simulation. Real systems use a cryptographic or a long hash.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn combine(a: u64, b: u64) -> u64 {
    mix(a.rotate_left(17) ^ mix(b))
}

// ANCHOR: tree
/// A complete binary tree in an array: node 1 is the root, node i has
/// children 2i and 2i + 1, and the leaves are nodes `leaves..2 * leaves`.
/// Leaf j holds the hash of the keys `j * per_leaf .. (j + 1) * per_leaf`.
pub struct Tree {
    pub nodes: Vec<u64>,
    pub leaves: usize,
    pub per_leaf: usize,
}

impl Tree {
    /// The tree of `values` (the value of key k at index k) with `leaves`
    /// leaves, a power of two.
    pub fn build(values: &[u64], leaves: usize) -> Tree {
        let per_leaf = values.len().div_ceil(leaves);
        let mut nodes = vec![0; 2 * leaves];
        for (j, chunk) in values.chunks(per_leaf).enumerate() {
            let first = (j * per_leaf) as u64;
            nodes[leaves + j] = chunk
                .iter()
                .enumerate()
                .fold(0, |h, (i, v)| combine(h, mix(first + i as u64) ^ *v));
        }
        for i in (1..leaves).rev() {
            nodes[i] = combine(nodes[2 * i], nodes[2 * i + 1]);
        }
        Tree {
            nodes,
            leaves,
            per_leaf,
        }
    }

    /// Levels below the root.
    pub fn depth(&self) -> u32 {
        self.leaves.trailing_zeros()
    }
}
// ANCHOR_END: tree

/// What one comparison cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    /// The leaves whose hashes differ, in order.
    pub leaves: Vec<usize>,
    /// Node hashes compared (each one sent by one replica to the other).
    pub hashes: u64,
    /// Keys compared one by one inside the differing leaves.
    pub keys: u64,
}

/// Compares two trees of the same shape from the root down, and then the
/// keys of each differing leaf.
pub fn diff(a: &Tree, b: &Tree, a_values: &[u64], b_values: &[u64]) -> Diff {
    let mut out = Diff {
        leaves: vec![],
        hashes: 0,
        keys: 0,
    };
    let mut stack = vec![1];
    while let Some(i) = stack.pop() {
        out.hashes += 1;
        if a.nodes[i] == b.nodes[i] {
            continue;
        }
        if i >= a.leaves {
            let j = i - a.leaves;
            out.leaves.push(j);
            let range = j * a.per_leaf..((j + 1) * a.per_leaf).min(a_values.len());
            out.keys += range.len() as u64;
            debug_assert!(a_values[range.clone()] != b_values[range]);
        } else {
            stack.push(2 * i + 1);
            stack.push(2 * i);
        }
    }
    out
}

/// Two replicas of `keys` keys that differ in exactly `d` of them, chosen
/// by `rng`.
pub fn replicas(keys: usize, d: usize, rng: &mut seeded::SplitMix64) -> (Vec<u64>, Vec<u64>) {
    let a: Vec<u64> = (0..keys).map(|_| rng.next_u64()).collect();
    let mut b = a.clone();
    let mut changed = std::collections::HashSet::new();
    while changed.len() < d {
        let k = rng.below(keys);
        if changed.insert(k) {
            b[k] = b[k].wrapping_add(1);
        }
    }
    (a, b)
}
