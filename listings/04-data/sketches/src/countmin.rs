//! Count-min sketch (Cormode and Muthukrishnan, 2005): `depth` rows of
//! `width` counters; a key adds to one counter in each row and reads back
//! the smallest of them.

use bloom_filter::{KeyHash, splitmix64};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountMin {
    width: usize,
    depth: usize,
    counters: Vec<u64>,
}

impl CountMin {
    // ANCHOR: size
    /// Width e/eps and depth ln(1/delta): each key's estimate is at most
    /// eps * N above its true count with probability at least 1 - delta.
    pub fn with_error(eps: f64, delta: f64) -> CountMin {
        let width = (std::f64::consts::E / eps).ceil() as usize;
        let depth = (1.0 / delta).ln().ceil() as usize;
        CountMin::new(width, depth)
    }
    // ANCHOR_END: size

    pub fn new(width: usize, depth: usize) -> CountMin {
        assert!(
            width > 0 && depth > 0,
            "a sketch needs at least one counter"
        );
        CountMin {
            width,
            depth,
            counters: vec![0; width * depth],
        }
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn depth(&self) -> usize {
        self.depth
    }

    /// Counter bytes: 8 per counter.
    pub fn memory_bytes(&self) -> usize {
        self.counters.len() * size_of::<u64>()
    }

    // ANCHOR: update
    /// The counter a key uses in each row: a fresh hash per row.
    fn cells(&self, key: &str) -> Vec<usize> {
        let h1 = KeyHash::of(key.as_bytes()).h1;
        let mut cells = Vec::with_capacity(self.depth);
        for row in 0..self.depth {
            let hash = splitmix64(h1 ^ (row as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            cells.push(row * self.width + (hash % self.width as u64) as usize);
        }
        cells
    }

    /// Plain update: add to the key's counter in every row.
    pub fn add(&mut self, key: &str, count: u64) {
        for cell in self.cells(key) {
            self.counters[cell] += count;
        }
    }

    /// The smallest of the key's counters: never below the true count.
    pub fn estimate(&self, key: &str) -> u64 {
        let cells = self.cells(key);
        cells.iter().map(|&c| self.counters[c]).min().unwrap_or(0)
    }
    // ANCHOR_END: update

    // ANCHOR: conservative
    /// Conservative update (Estan and Varghese, 2002): raise each counter
    /// only as far as the new estimate needs, never past it.
    pub fn add_conservative(&mut self, key: &str, count: u64) {
        let cells = self.cells(key);
        let estimate = cells.iter().map(|&c| self.counters[c]).min();
        let target = estimate.unwrap_or(0) + count;
        for cell in cells {
            self.counters[cell] = self.counters[cell].max(target);
        }
    }
    // ANCHOR_END: conservative

    // ANCHOR: merge
    /// Two sketches of the same shape and hashing, built on two shards of
    /// a stream, add up to the sketch of the whole stream.
    pub fn merge(&mut self, other: &CountMin) {
        assert_eq!((self.width, self.depth), (other.width, other.depth));
        for (mine, theirs) in self.counters.iter_mut().zip(&other.counters) {
            *mine += theirs;
        }
    }
    // ANCHOR_END: merge
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_follow_the_formula() {
        let s = CountMin::with_error(0.001, 0.01);
        assert_eq!((s.width(), s.depth()), (2719, 5));
    }

    #[test]
    fn a_lone_key_is_counted_exactly() {
        let mut s = CountMin::new(64, 4);
        s.add("a", 3);
        s.add("a", 4);
        assert_eq!(s.estimate("a"), 7);
        assert_eq!(s.estimate("b"), 0);
    }
}
