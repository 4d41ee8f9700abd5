// --- solution ---
//! Reference solution of the sibling-register exercise: a write replaces
//! every sibling with one whose version is all of theirs merged plus one; a
//! merge pools both replicas' siblings and keeps those that no other
//! sibling's version descends from.
// --- stub ---
// //! Your turn: a replicated register that never drops a write when it
// //! merges. Writes that happened on different sides of a partition are
// //! *concurrent*: neither saw the other. Instead of picking one (last writer
// //! wins), keep both as *siblings* and let the next write resolve them.
// //!
// //! Layout: [`VersionVector`] (given) records, per replica, how many writes
// //! from that replica a version has seen; [`SiblingRegister`] holds the
// //! siblings. You write [`SiblingRegister::write`] and
// //! [`SiblingRegister::merge`].
// //!
// //! Run `cargo test -p sibling-register` until every test passes.
// --- end ---

use std::collections::BTreeMap;

/// One counter per replica. Version `a` has seen everything version `b` has
/// when every counter of `a` is at least the same counter of `b`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VersionVector(BTreeMap<u8, u64>);

impl VersionVector {
    /// True when `self` has seen every write `other` has seen.
    pub fn descends_from(&self, other: &VersionVector) -> bool {
        other
            .0
            .iter()
            .all(|(replica, count)| self.0.get(replica).copied().unwrap_or(0) >= *count)
    }

    /// Raises each counter to the higher of the two.
    pub fn merge_max(&mut self, other: &VersionVector) {
        for (replica, count) in &other.0 {
            let mine = self.0.entry(*replica).or_insert(0);
            *mine = (*mine).max(*count);
        }
    }

    /// Counts one more write made at `replica`.
    pub fn increment(&mut self, replica: u8) {
        *self.0.entry(replica).or_insert(0) += 1;
    }
}

/// A value and the version vector of the write that made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sibling {
    pub version: VersionVector,
    pub value: String,
}

/// One replica's copy of the register.
#[derive(Debug, Clone)]
pub struct SiblingRegister {
    replica: u8,
    siblings: Vec<Sibling>,
}

impl SiblingRegister {
    pub fn new(replica: u8) -> SiblingRegister {
        SiblingRegister {
            replica,
            siblings: Vec::new(),
        }
    }

    /// The current values, sorted: one after a normal write, several after
    /// concurrent writes were merged, none before any write.
    pub fn values(&self) -> Vec<&str> {
        let mut values: Vec<&str> = self.siblings.iter().map(|s| s.value.as_str()).collect();
        values.sort_unstable();
        values
    }

    /// The number this replica stamps its writes with.
    pub fn replica(&self) -> u8 {
        self.replica
    }

    pub fn siblings(&self) -> &[Sibling] {
        &self.siblings
    }

    /// A write at this replica. It replaces every sibling here, and must win
    /// against them at any replica that still holds them.
    pub fn write(&mut self, value: &str) {
        // --- solution ---
        let mut version = VersionVector::default();
        for sibling in &self.siblings {
            version.merge_max(&sibling.version);
        }
        version.increment(self.replica);
        self.siblings = vec![Sibling {
            version,
            value: value.to_string(),
        }];
        // --- stub ---
        // todo!("a write at this replica: {value}")
        // --- end ---
    }

    /// Takes in another replica's copy. Keeps every sibling (from either
    /// side) that no other sibling descends from, and each version once.
    pub fn merge(&mut self, other: &SiblingRegister) {
        // --- solution ---
        let mut all: Vec<Sibling> = self.siblings.clone();
        for sibling in &other.siblings {
            if !all.contains(sibling) {
                all.push(sibling.clone());
            }
        }
        let keep: Vec<Sibling> = all
            .iter()
            .filter(|s| {
                !all.iter()
                    .any(|t| t.version != s.version && t.version.descends_from(&s.version))
            })
            .cloned()
            .collect();
        self.siblings = keep;
        // --- stub ---
        // todo!("drop the siblings that another sibling descends from: {other:?}")
        // --- end ---
    }
}
