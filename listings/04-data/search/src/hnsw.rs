//! HNSW (Malkov and Yashunin, "Efficient and robust approximate nearest
//! neighbor search using Hierarchical Navigable Small World graphs", 2016),
//! small enough to read, and the brute-force search it approximates.

use seeded::SplitMix64;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};

/// Squared Euclidean distance, counted: the count is the cost we report.
pub struct Space {
    pub points: Vec<Vec<f32>>,
    pub computed: std::cell::Cell<u64>,
}

impl Space {
    pub fn dist(&self, a: &[f32], b: usize) -> f32 {
        self.computed.set(self.computed.get() + 1);
        a.iter()
            .zip(&self.points[b])
            .map(|(x, y)| (x - y) * (x - y))
            .sum()
    }
}

/// A distance with a total order (ties by id), for heaps.
#[derive(Clone, Copy, PartialEq)]
struct Near(f32, usize);
impl Eq for Near {}
impl PartialOrd for Near {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Near {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&o.0).then(self.1.cmp(&o.1))
    }
}

/// `n` points in `dim` dimensions around `clusters` seeded centres.
pub fn clustered(seed: u64, n: usize, dim: usize, clusters: usize) -> Vec<Vec<f32>> {
    let mut rng = SplitMix64(seed);
    let mut gauss = move || {
        // Box-Muller: two uniforms to one normal.
        let (u, v) = (rng.unit(), rng.unit());
        ((-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()) as f32
    };
    let centres: Vec<Vec<f32>> = (0..clusters)
        .map(|_| (0..dim).map(|_| 4.0 * gauss()).collect())
        .collect();
    (0..n)
        .map(|i| centres[i % clusters].iter().map(|c| c + gauss()).collect())
        .collect()
}

// ANCHOR: params
pub struct Params {
    /// Neighbours kept per node on the upper layers (2M on layer 0).
    pub m: usize,
    /// Candidates kept while inserting: a wider search builds a better graph.
    pub ef_construction: usize,
    pub seed: u64,
}
// ANCHOR_END: params

pub struct Hnsw {
    pub space: Space,
    /// layers[l][node]: the node's neighbours on layer l.
    layers: Vec<Vec<Vec<usize>>>,
    entry: usize,
    levels: Vec<usize>,
    m: usize,
}

impl Hnsw {
    pub fn build(points: Vec<Vec<f32>>, p: &Params) -> Hnsw {
        let n = points.len();
        let mut rng = SplitMix64(p.seed);
        let ml = 1.0 / (p.m as f64).ln();
        let mut h = Hnsw {
            space: Space {
                points,
                computed: 0.into(),
            },
            layers: vec![vec![Vec::new(); n]],
            entry: 0,
            levels: Vec::with_capacity(n),
            m: p.m,
        };
        for i in 0..n {
            // A node's top layer: exponentially rarer the higher it is.
            let level = (-rng.unit().ln() * ml) as usize;
            h.levels.push(level);
            while h.layers.len() <= level {
                h.layers.push(vec![Vec::new(); n]);
            }
            if i == 0 {
                continue;
            }
            let q = h.space.points[i].clone();
            let mut ep = h.entry;
            let entry_level = h.levels[h.entry];
            for l in (level + 1..=entry_level).rev() {
                ep = h.search_layer(&q, ep, 1, l)[0].1;
            }
            for l in (0..=level.min(entry_level)).rev() {
                let found = h.search_layer(&q, ep, p.ef_construction, l);
                let max = if l == 0 { 2 * h.m } else { h.m };
                let chosen = h.select(&found, h.m);
                for &c in &chosen {
                    h.layers[l][i].push(c);
                    h.layers[l][c].push(i);
                    if h.layers[l][c].len() > max {
                        let pc = h.space.points[c].clone();
                        let cands: Vec<Near> = h.layers[l][c]
                            .iter()
                            .map(|&x| Near(h.space.dist(&pc, x), x))
                            .collect();
                        let mut cands = cands;
                        cands.sort();
                        h.layers[l][c] = h.select(&cands, max);
                    }
                }
                ep = found[0].1;
            }
            if level > entry_level {
                h.entry = i;
            }
        }
        h
    }

    // ANCHOR: select
    /// The paper's heuristic (its Algorithm 4): walk candidates nearest
    /// first and keep one only if it is nearer the new node than to every
    /// neighbour kept so far, so links point in different directions.
    fn select(&self, sorted: &[Near], m: usize) -> Vec<usize> {
        let mut kept: Vec<usize> = Vec::new();
        for &Near(d, c) in sorted {
            if kept.len() == m {
                break;
            }
            let pc = &self.space.points[c];
            if kept.iter().all(|&k| self.space.dist(pc, k) > d) {
                kept.push(c);
            }
        }
        kept
    }
    // ANCHOR_END: select

    // ANCHOR: search_layer
    /// Best-first search on one layer, keeping the `ef` nearest found:
    /// stop when the nearest unexpanded candidate is farther than the
    /// farthest of those `ef`.
    fn search_layer(&self, q: &[f32], entry: usize, ef: usize, layer: usize) -> Vec<Near> {
        let mut seen = HashSet::from([entry]);
        let first = Near(self.space.dist(q, entry), entry);
        let mut candidates = BinaryHeap::from([Reverse(first)]);
        let mut best = BinaryHeap::from([first]);
        while let Some(Reverse(c)) = candidates.pop() {
            if c.0 > best.peek().unwrap().0 {
                break;
            }
            for &n in &self.layers[layer][c.1] {
                if !seen.insert(n) {
                    continue;
                }
                let near = Near(self.space.dist(q, n), n);
                if best.len() < ef || near < *best.peek().unwrap() {
                    candidates.push(Reverse(near));
                    best.push(near);
                    if best.len() > ef {
                        best.pop();
                    }
                }
            }
        }
        best.into_sorted_vec()
    }
    // ANCHOR_END: search_layer

    /// The `k` nearest the graph finds, searching layer 0 with `ef_search`.
    pub fn search(&self, q: &[f32], k: usize, ef_search: usize) -> Vec<usize> {
        let mut ep = self.entry;
        for l in (1..self.layers.len()).rev() {
            ep = self.search_layer(q, ep, 1, l)[0].1;
        }
        let found = self.search_layer(q, ep, ef_search.max(k), 0);
        found.iter().take(k).map(|n| n.1).collect()
    }
}

/// Every distance, once: the exact `k` nearest.
pub fn brute_force(space: &Space, q: &[f32], k: usize) -> Vec<usize> {
    let mut all: Vec<Near> = (0..space.points.len())
        .map(|i| Near(space.dist(q, i), i))
        .collect();
    all.sort();
    all.iter().take(k).map(|n| n.1).collect()
}
