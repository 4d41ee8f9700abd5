//! The observed-remove set (OR-set, Shapiro et al. 2011): every add gets a
//! tag no other add has, and a remove removes only the tags it has seen.

use crate::Crdt;
use std::collections::BTreeSet;

/// Which replica made an add, and its how-manieth add it was.
pub type Tag = (u8, u64);

// ANCHOR: orset
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct OrSet<E: Ord> {
    /// Every add ever made, with its tag.
    pub adds: BTreeSet<(E, Tag)>,
    /// The tags of adds that a remove has seen: tombstones.
    pub removed: BTreeSet<Tag>,
}

impl<E: Ord + Clone> OrSet<E> {
    pub fn add(&mut self, replica: u8, e: E) -> Tag {
        let n = self.adds.iter().filter(|(_, t)| t.0 == replica).count() as u64;
        let tag = (replica, n + 1);
        self.adds.insert((e, tag));
        tag
    }

    /// Removes the adds of `e` this replica has seen, and only those.
    pub fn remove(&mut self, e: &E) {
        for (x, tag) in &self.adds {
            if x == e {
                self.removed.insert(*tag);
            }
        }
    }

    pub fn contains(&self, e: &E) -> bool {
        self.adds
            .iter()
            .any(|(x, tag)| x == e && !self.removed.contains(tag))
    }

    /// Both halves only grow, so a merge is two unions.
    pub fn merge_from(&mut self, other: &OrSet<E>) {
        self.adds.extend(other.adds.iter().cloned());
        self.removed.extend(other.removed.iter().copied());
    }
}
// ANCHOR_END: orset

impl<E: Ord + Clone> OrSet<E> {
    pub fn new() -> Self {
        OrSet {
            adds: BTreeSet::new(),
            removed: BTreeSet::new(),
        }
    }

    pub fn elements(&self) -> BTreeSet<E> {
        self.adds
            .iter()
            .filter(|(_, tag)| !self.removed.contains(tag))
            .map(|(e, _)| e.clone())
            .collect()
    }
}

impl<E: Ord + Clone> Default for OrSet<E> {
    fn default() -> Self {
        OrSet::new()
    }
}

pub const ITEMS: [&str; 5] = ["bread", "eggs", "milk", "tea", "rice"];

/// For the random histories: `op % 5` picks an item, and `op / 5` even
/// adds it, odd removes it.
impl Crdt for OrSet<&'static str> {
    const NAME: &'static str = "OR-set";
    fn empty() -> Self {
        OrSet::new()
    }
    fn apply(&mut self, replica: u8, op: u8) {
        let item = ITEMS[usize::from(op % 5)];
        if (op / 5).is_multiple_of(2) {
            self.add(replica, item);
        } else {
            self.remove(&item);
        }
    }
    fn merge(&mut self, other: &Self) {
        self.merge_from(other);
    }
}
