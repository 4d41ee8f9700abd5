//! Version vectors: each stored version carries, per replica, how many of
//! that replica's writes it has seen. Versions that neither has seen are
//! concurrent, and the store keeps both as siblings.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct VersionVector(pub BTreeMap<char, u64>);

impl VersionVector {
    pub fn get(&self, replica: char) -> u64 {
        self.0.get(&replica).copied().unwrap_or(0)
    }

    pub fn merge_from(&mut self, other: &VersionVector) {
        for (&r, &n) in &other.0 {
            let mine = self.0.entry(r).or_insert(0);
            *mine = (*mine).max(n);
        }
    }

    /// `Some(order)` when one version has seen all of the other; `None`
    /// when each has seen a write the other has not: concurrent.
    pub fn compare(&self, other: &VersionVector) -> Option<Ordering> {
        let replicas: BTreeSet<char> = self.0.keys().chain(other.0.keys()).copied().collect();
        let less = replicas.iter().any(|&r| self.get(r) < other.get(r));
        let more = replicas.iter().any(|&r| self.get(r) > other.get(r));
        match (less, more) {
            (false, false) => Some(Ordering::Equal),
            (true, false) => Some(Ordering::Less),
            (false, true) => Some(Ordering::Greater),
            (true, true) => None,
        }
    }
}

impl std::fmt::Display for VersionVector {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|(r, n)| format!("{r}:{n}")).collect();
        write!(f, "{{{}}}", parts.join(", "))
    }
}

pub type Cart = BTreeSet<&'static str>;

/// One key on one replica: the versions no other version has seen.
#[derive(Clone, Debug, Default)]
pub struct Siblings(pub Vec<(VersionVector, Cart)>);

// ANCHOR: siblings
impl Siblings {
    /// A write at `replica` by a client that read the versions summed up
    /// in `context`: it replaces exactly the versions that context covers.
    pub fn put(&mut self, replica: char, context: &VersionVector, cart: Cart) {
        let mut vv = context.clone();
        vv.0.insert(replica, self.context().get(replica) + 1);
        self.0.retain(|(old, _)| {
            !matches!(old.compare(context), Some(Ordering::Less | Ordering::Equal))
        });
        self.0.push((vv, cart));
    }

    /// Takes in another replica's versions; keeps every version that no
    /// other version has seen, so concurrent ones stay side by side.
    pub fn sync_from(&mut self, other: &Siblings) {
        let mut all = self.0.clone();
        all.extend(other.0.iter().cloned());
        let keep = |(vv, _): &(VersionVector, Cart)| {
            !all.iter()
                .any(|(o, _)| vv.compare(o) == Some(Ordering::Less))
        };
        let mut kept: Vec<_> = all.iter().filter(|v| keep(v)).cloned().collect();
        kept.sort_by_key(|(vv, cart)| (cart.clone(), vv.0.clone()));
        kept.dedup_by(|a, b| a.0 == b.0);
        self.0 = kept;
    }
    // ANCHOR_END: siblings

    /// What a client's read returns as its context: every version seen.
    pub fn context(&self) -> VersionVector {
        let mut vv = VersionVector::default();
        for (v, _) in &self.0 {
            vv.merge_from(v);
        }
        vv
    }
}
