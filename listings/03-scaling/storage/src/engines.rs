//! Two storage engines small enough to read, that count what a disk would
//! do: pages written per record (write amplification) and places looked
//! at per lookup (read amplification).

use std::collections::{BTreeMap, VecDeque};

/// Bytes in a page, the unit a disk reads and writes.
pub const PAGE: usize = 4096;
/// Bytes in one record (key and value).
pub const RECORD: usize = 100;

// ANCHOR: btree
/// A B-tree's leaves: sorted pages of records, each holding at most
/// `PAGE / RECORD` of them. An insert changes the page it lands in; a
/// full page splits in two. Changed pages wait in a cache of `capacity`
/// pages and are written when evicted (least recently used first) or at
/// the end. Inner pages are modelled by their height only; their writes,
/// about one per hundred leaves, are left out.
pub struct BTree {
    /// Leaf pages by their first key.
    leaves: BTreeMap<u64, Vec<u64>>,
    /// Changed pages in memory, least recently used first.
    cache: VecDeque<u64>,
    capacity: usize,
    pub pages_written: u64,
}

impl BTree {
    pub fn new(capacity: usize) -> BTree {
        BTree {
            leaves: BTreeMap::from([(0, Vec::new())]),
            cache: VecDeque::new(),
            capacity,
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
        if leaf.len() > per_page {
            let right = leaf.split_off(leaf.len() / 2);
            let right_first = right[0];
            self.leaves.insert(right_first, right);
            self.changed(right_first);
        }
        self.changed(first);
    }

    /// Marks a page changed; a full cache writes its oldest page out.
    fn changed(&mut self, page: u64) {
        if let Some(i) = self.cache.iter().position(|&p| p == page) {
            self.cache.remove(i);
        }
        self.cache.push_back(page);
        if self.cache.len() > self.capacity {
            self.cache.pop_front();
            self.pages_written += 1;
        }
    }

    /// Writes every changed page still in the cache.
    pub fn flush(&mut self) {
        self.pages_written += self.cache.len() as u64;
        self.cache.clear();
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

// ANCHOR: lsm
/// An LSM tree: writes go to a sorted in-memory table; a full table is
/// written out as a sorted run at level 0; when a level holds
/// `FANOUT` runs, they are merged into one run at the next level
/// (size-tiered compaction).
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
