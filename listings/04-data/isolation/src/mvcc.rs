//! An in-memory multi-version store with snapshot isolation. Every write
//! makes a new version of the key; a version carries the transaction that
//! made it (`begin`) and the one that replaced it (`end`). A transaction
//! reads from its snapshot, the set of transactions committed when it
//! began, and buffers its writes until commit.

use std::collections::{BTreeMap, BTreeSet};

pub type TxId = u64;
pub type Key = u32;

// ANCHOR: version
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
    writes: BTreeMap<Key, i64>,
}
// ANCHOR_END: version

/// How commit treats two concurrent transactions that wrote the same key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// The first to commit wins; the second aborts (snapshot isolation).
    FirstCommitterWins,
    /// Broken: both commit, and the second overwrites the first.
    LastWriterWins,
}

/// Where reads come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reads {
    /// The transaction's snapshot (snapshot isolation).
    Snapshot,
    /// Broken: the newest committed version, whenever the read happens
    /// (read committed).
    Latest,
}

/// Why a commit was refused: another transaction, committed after this
/// one began, wrote `key` first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub key: Key,
    pub with: TxId,
}

pub struct Store {
    versions: BTreeMap<Key, Vec<Version>>,
    committed: BTreeSet<TxId>,
    next: TxId,
    rule: Rule,
    reads: Reads,
}

/// The transaction that loads the initial values.
pub const LOADER: TxId = 0;

impl Store {
    pub fn new(initial: &[(Key, i64)]) -> Store {
        Store::with(initial, Rule::FirstCommitterWins, Reads::Snapshot)
    }

    pub fn with(initial: &[(Key, i64)], rule: Rule, reads: Reads) -> Store {
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
            rule,
            reads,
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

    // ANCHOR: read
    /// The transaction's own write if it made one, else the version its
    /// snapshot sees: written by a transaction in the snapshot, and not
    /// yet replaced by one.
    pub fn read(&self, t: &Txn, key: Key) -> Option<i64> {
        if let Some(&mine) = t.writes.get(&key) {
            return Some(mine);
        }
        let versions = self.versions.get(&key)?;
        let seen = match self.reads {
            Reads::Snapshot => versions.iter().find(|v| {
                t.snapshot.contains(&v.begin) && v.end.is_none_or(|e| !t.snapshot.contains(&e))
            }),
            Reads::Latest => versions.last(),
        };
        seen.map(|v| v.value)
    }
    // ANCHOR_END: read

    /// Buffered until commit: no one else sees it before.
    pub fn write(&self, t: &mut Txn, key: Key, value: i64) {
        t.writes.insert(key, value);
    }

    // ANCHOR: commit
    /// First committer wins: if a key this transaction wrote has a newer
    /// version by a transaction outside its snapshot (one that committed
    /// after it began), abort and change nothing. Else install every write.
    pub fn commit(&mut self, t: Txn) -> Result<(), Conflict> {
        if self.rule == Rule::FirstCommitterWins {
            for &key in t.writes.keys() {
                if let Some(newest) = self.versions.get(&key).and_then(|v| v.last())
                    && !t.snapshot.contains(&newest.begin)
                {
                    return Err(Conflict {
                        key,
                        with: newest.begin,
                    });
                }
            }
        }
        for (key, value) in t.writes {
            let versions = self.versions.entry(key).or_default();
            if let Some(newest) = versions.last_mut() {
                newest.end = Some(t.id);
            }
            versions.push(Version {
                value,
                begin: t.id,
                end: None,
            });
        }
        self.committed.insert(t.id);
        Ok(())
    }
    // ANCHOR_END: commit

    /// The newest committed value of every key.
    pub fn latest(&self) -> BTreeMap<Key, i64> {
        self.versions
            .iter()
            .filter_map(|(&k, v)| v.last().map(|v| (k, v.value)))
            .collect()
    }

    /// Every version of `key`, oldest first.
    pub fn versions(&self, key: Key) -> &[Version] {
        self.versions.get(&key).map_or(&[], Vec::as_slice)
    }
}

pub const ALICE: Key = 0;
pub const BOB: Key = 1;

// ANCHOR: write_skew
/// The doctors on call, on our store: both check that two are on call,
/// each takes themself off, then both try to commit. Returns the two commits' results
/// and how many are on call after.
pub fn write_skew() -> (Result<(), Conflict>, Result<(), Conflict>, i64) {
    let mut store = Store::new(&[(ALICE, 1), (BOB, 1)]);
    let mut a = store.begin();
    let mut b = store.begin();
    let on_call = |s: &Store, t: &Txn| s.read(t, ALICE).unwrap() + s.read(t, BOB).unwrap();
    if on_call(&store, &a) >= 2 {
        store.write(&mut a, ALICE, 0);
    }
    if on_call(&store, &b) >= 2 {
        store.write(&mut b, BOB, 0);
    }
    let (ra, rb) = (store.commit(a), store.commit(b));
    let latest = store.latest();
    (ra, rb, latest[&ALICE] + latest[&BOB])
}
// ANCHOR_END: write_skew
