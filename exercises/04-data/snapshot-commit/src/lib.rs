//! A multi-version store with snapshot isolation, whose commit decides
//! which of two concurrent writers of a key may commit.
//!
//! Your task: implement [`Store::commit`] until
//! `cargo test -p snapshot-commit` passes. The tests in
//! `tests/snapshot-commit.rs` are the specification.

use std::collections::{BTreeMap, BTreeSet};

pub type TxId = u64;
pub type Key = u32;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    pub value: i64,
    /// The transaction that wrote this version.
    pub begin: TxId,
    /// The transaction that wrote the next version, if any.
    pub end: Option<TxId>,
}

pub struct Txn {
    pub id: TxId,
    /// The transactions committed when this one began.
    pub snapshot: BTreeSet<TxId>,
    /// Buffered until commit.
    pub writes: BTreeMap<Key, i64>,
}

/// Why a commit was refused: transaction `with`, which committed after
/// this one began, wrote `key`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub key: Key,
    pub with: TxId,
}

/// The transaction that loads the initial values.
pub const LOADER: TxId = 0;

pub struct Store {
    pub versions: BTreeMap<Key, Vec<Version>>,
    pub committed: BTreeSet<TxId>,
    next: TxId,
}

impl Store {
    pub fn new(initial: &[(Key, i64)]) -> Store {
        let versions = initial
            .iter()
            .map(|&(key, value)| {
                let v = Version {
                    value,
                    begin: LOADER,
                    end: None,
                };
                (key, vec![v])
            })
            .collect();
        Store {
            versions,
            committed: BTreeSet::from([LOADER]),
            next: LOADER + 1,
        }
    }

    pub fn begin(&mut self) -> Txn {
        let id = self.next;
        self.next += 1;
        Txn {
            id,
            snapshot: self.committed.clone(),
            writes: BTreeMap::new(),
        }
    }

    /// Its own write, else the version its snapshot sees.
    pub fn read(&self, t: &Txn, key: Key) -> Option<i64> {
        if let Some(&mine) = t.writes.get(&key) {
            return Some(mine);
        }
        self.versions.get(&key)?.iter().find_map(|v| {
            let visible =
                t.snapshot.contains(&v.begin) && v.end.is_none_or(|e| !t.snapshot.contains(&e));
            visible.then_some(v.value)
        })
    }

    pub fn write(&self, t: &mut Txn, key: Key, value: i64) {
        t.writes.insert(key, value);
    }

    /// Commits `t`, or refuses it and changes nothing. On success every
    /// write becomes the newest version of its key (the one before it
    /// gets `end = Some(t.id)`) and `t.id` joins `committed`.
    pub fn commit(&mut self, t: Txn) -> Result<(), Conflict> {
        let _ = t;
        todo!("commit, unless another transaction got there first")
    }

    /// The newest committed value of every key.
    pub fn latest(&self) -> BTreeMap<Key, i64> {
        self.versions
            .iter()
            .filter_map(|(&k, v)| v.last().map(|v| (k, v.value)))
            .collect()
    }
}
