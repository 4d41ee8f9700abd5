//! Autocomplete: a trie that keeps the top completions at every node, and
//! the sorted-list prefix scan it must agree with.

use std::collections::BTreeMap;

/// Most popular first; equal counts alphabetically.
fn better(a: &(String, u64), b: &(String, u64)) -> std::cmp::Ordering {
    b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0))
}

// ANCHOR: trie
#[derive(Default)]
struct Node {
    children: BTreeMap<u8, usize>,
    /// The best `k` phrases below this node, worked out once at build time.
    top: Vec<(String, u64)>,
}

pub struct Trie {
    nodes: Vec<Node>,
    k: usize,
}

impl Trie {
    pub fn build(phrases: &[(String, u64)], k: usize) -> Trie {
        let mut trie = Trie {
            nodes: vec![Node::default()],
            k,
        };
        for entry in phrases {
            let mut at = 0;
            trie.offer(at, entry);
            for &byte in entry.0.as_bytes() {
                let next = match trie.nodes[at].children.get(&byte) {
                    Some(&n) => n,
                    None => {
                        trie.nodes.push(Node::default());
                        let n = trie.nodes.len() - 1;
                        trie.nodes[at].children.insert(byte, n);
                        n
                    }
                };
                at = next;
                trie.offer(at, entry);
            }
        }
        trie
    }

    /// Keeps `entry` in the node's list if it is among the best `k`.
    fn offer(&mut self, node: usize, entry: &(String, u64)) {
        let top = &mut self.nodes[node].top;
        let at = top.partition_point(|e| better(e, entry).is_lt());
        top.insert(at, entry.clone());
        top.truncate(self.k);
    }

    /// Walks the prefix one byte a node and reads the stored list: work is
    /// the prefix's length, whatever the number of matches.
    pub fn complete(&self, prefix: &str) -> (Vec<(String, u64)>, usize) {
        let mut at = 0;
        let mut visited = 1;
        for byte in prefix.as_bytes() {
            match self.nodes[at].children.get(byte) {
                Some(&n) => at = n,
                None => return (Vec::new(), visited),
            }
            visited += 1;
        }
        (self.nodes[at].top.clone(), visited)
    }

    pub fn nodes(&self) -> usize {
        self.nodes.len()
    }
}
// ANCHOR_END: trie

// ANCHOR: scan
/// Binary search to the first phrase with the prefix, then read every
/// phrase that has it and keep the best `k`: work grows with the matches.
pub fn scan(sorted: &[(String, u64)], prefix: &str, k: usize) -> (Vec<(String, u64)>, usize) {
    let start = sorted.partition_point(|(p, _)| p.as_str() < prefix);
    let mut matches: Vec<(String, u64)> = Vec::new();
    let mut read = 0;
    for entry in &sorted[start..] {
        read += 1;
        if !entry.0.starts_with(prefix) {
            break;
        }
        matches.push(entry.clone());
    }
    matches.sort_by(better);
    matches.truncate(k);
    (matches, read)
}
// ANCHOR_END: scan
