//! Two storage engines small enough to read, that count what a disk would
//! do: pages written per record (write amplification) and places looked
//! at per lookup (read amplification).

use std::collections::BTreeMap;

/// Bytes in a page, the unit a disk reads and writes.
pub const PAGE: usize = 4096;
/// Bytes in one record (key and value).
pub const RECORD: usize = 100;

// ANCHOR: btree
/// A B+tree's leaves: sorted pages of records, each holding at most
/// `PAGE / RECORD` of them. An insert rewrites the page it lands in; a
/// full page splits in two, rewriting both and the parent. (The inner
/// levels are modelled by their height, which the counts need.)
pub struct BTree {
    /// Leaf pages by their first key.
    leaves: BTreeMap<u64, Vec<u64>>,
    pub pages_written: u64,
}

impl BTree {
    pub fn new() -> BTree {
        BTree {
            leaves: BTreeMap::from([(0, Vec::new())]),
            pages_written: 0,
        }
    }

    pub fn insert(&mut self, key: u64) {
        let per_page = PAGE / RECORD;
        let first = *self
            .leaves
            .range(..=key)
            .next_back()
            .expect("a leaf starts at 0")
            .0;
        let leaf = self.leaves.get_mut(&first).expect("found above");
        let at = leaf.partition_point(|&k| k < key);
        leaf.insert(at, key);
        self.pages_written += 1; // the leaf
        if leaf.len() > per_page {
            let right = leaf.split_off(leaf.len() / 2);
            self.leaves.insert(right[0], right);
            self.pages_written += 2; // the new leaf, and the parent
        }
    }

    /// Levels from the root to a leaf, with inner pages of 100 children.
    pub fn height(&self) -> u32 {
        let mut pages = self.leaves.len();
        let mut height = 1;
        while pages > 1 {
            pages = pages.div_ceil(100);
            height += 1;
        }
        height
    }
}
// ANCHOR_END: btree

impl Default for BTree {
    fn default() -> Self {
        BTree::new()
    }
}

// ANCHOR: lsm
/// An LSM tree: writes go to a sorted in-memory table; a full table is
/// written out as a sorted run at level 0; when a level holds
/// `FANOUT` runs, they are merged into one run at the next level.
pub struct Lsm {
    memtable: BTreeMap<u64, ()>,
    /// levels[i]: sorted runs, newest last.
    levels: Vec<Vec<Vec<u64>>>,
    pub records_written: u64,
}

/// Records the memtable holds before it is written out.
pub const MEMTABLE: usize = 1000;
/// Runs per level before they are merged down.
pub const FANOUT: usize = 4;

impl Lsm {
    pub fn new() -> Lsm {
        Lsm {
            memtable: BTreeMap::new(),
            levels: Vec::new(),
            records_written: 0,
        }
    }

    pub fn insert(&mut self, key: u64) {
        self.memtable.insert(key, ());
        if self.memtable.len() >= MEMTABLE {
            let run: Vec<u64> = std::mem::take(&mut self.memtable).into_keys().collect();
            self.add_run(0, run);
        }
    }

    fn add_run(&mut self, level: usize, run: Vec<u64>) {
        self.records_written += run.len() as u64;
        if self.levels.len() <= level {
            self.levels.push(Vec::new());
        }
        self.levels[level].push(run);
        if self.levels[level].len() >= FANOUT {
            // Compaction: merge the level's runs, newest winning, into one.
            let mut merged: BTreeMap<u64, ()> = BTreeMap::new();
            for run in std::mem::take(&mut self.levels[level]) {
                merged.extend(run.into_iter().map(|k| (k, ())));
            }
            self.add_run(level + 1, merged.into_keys().collect());
        }
    }

    /// Places a lookup of `key` may have to look: the memtable, then every
    /// run from newest to oldest until one holds it (no Bloom filters).
    pub fn probes(&self, key: u64) -> u32 {
        let mut probes = 1;
        if self.memtable.contains_key(&key) {
            return probes;
        }
        for level in &self.levels {
            for run in level.iter().rev() {
                probes += 1;
                if run.binary_search(&key).is_ok() {
                    return probes;
                }
            }
        }
        probes
    }

    pub fn runs(&self) -> usize {
        self.levels.iter().map(Vec::len).sum()
    }
}
// ANCHOR_END: lsm

impl Default for Lsm {
    fn default() -> Self {
        Lsm::new()
    }
}
