//! A consumer of a payment log, Kafka style: it reads the log from an
//! offset, and a crash makes it start again from what the database says.
//!
// --- solution ---
//! Reference solution of the exercise; the tests live in
//! `../tests/commit-together.rs`.
// --- stub ---
// //! Your task: implement [`Consumer::step`] until
// //! `cargo test -p commit-together` passes. The tests in
// //! `tests/commit-together.rs` are the specification.
// --- end ---

use std::collections::{BTreeMap, BTreeSet};

/// A payment in the log. A producer that retried may have written the same
/// payment (same `id`) at two offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payment {
    pub id: u64,
    pub account: u32,
    pub cents: i64,
}

/// The process died. Nothing of the transaction that returned it landed,
/// unless the database was told to crash after the commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Crash;

/// The database: the only thing that survives a crash.
#[derive(Debug, Default)]
pub struct Db {
    balances: BTreeMap<u32, i64>,
    seen: BTreeSet<u64>,
    offset: usize,
    commits: usize,
    crash_on: Option<(usize, bool)>,
}

impl Db {
    pub fn new() -> Db {
        Db::default()
    }

    /// Makes commit number `n` (counting from 1) crash the process, before
    /// the commit lands or, if `lands`, just after.
    pub fn crash_on_commit(&mut self, n: usize, lands: bool) {
        self.crash_on = Some((self.commits + n, lands));
    }

    pub fn balance(&self, account: u32) -> i64 {
        self.balances.get(&account).copied().unwrap_or(0)
    }

    pub fn balances(&self) -> &BTreeMap<u32, i64> {
        &self.balances
    }

    /// The committed offset: the next log position to read.
    pub fn offset(&self) -> usize {
        self.offset
    }

    pub fn has_seen(&self, id: u64) -> bool {
        self.seen.contains(&id)
    }

    pub fn commits(&self) -> usize {
        self.commits
    }

    /// Starts a transaction: nothing in it is visible until `commit`.
    pub fn begin(&mut self) -> Txn<'_> {
        Txn {
            db: self,
            deltas: Vec::new(),
            seen: Vec::new(),
            offset: None,
        }
    }
}

/// A transaction: its changes land together at `commit`, or not at all.
pub struct Txn<'a> {
    db: &'a mut Db,
    deltas: Vec<(u32, i64)>,
    seen: Vec<u64>,
    offset: Option<usize>,
}

impl Txn<'_> {
    pub fn add(&mut self, account: u32, cents: i64) {
        self.deltas.push((account, cents));
    }

    pub fn mark_seen(&mut self, id: u64) {
        self.seen.push(id);
    }

    pub fn set_offset(&mut self, offset: usize) {
        self.offset = Some(offset);
    }

    /// Seen in the database or earlier in this transaction.
    pub fn has_seen(&self, id: u64) -> bool {
        self.db.has_seen(id) || self.seen.contains(&id)
    }

    pub fn commit(self) -> Result<(), Crash> {
        let db = self.db;
        db.commits += 1;
        let crash = db.crash_on.filter(|&(n, _)| n == db.commits);
        if let Some((_, false)) = crash {
            return Err(Crash);
        }
        for (account, cents) in self.deltas {
            *db.balances.entry(account).or_insert(0) += cents;
        }
        db.seen.extend(self.seen);
        if let Some(offset) = self.offset {
            db.offset = offset;
        }
        match crash {
            Some(_) => Err(Crash),
            None => Ok(()),
        }
    }
}

/// A consumer process. A crash drops it; the next one is `Consumer::new()`.
#[derive(Debug, Default)]
pub struct Consumer {}

impl Consumer {
    pub fn new() -> Consumer {
        Consumer::default()
    }

    /// Handles the next payment of `log` after what `db` has committed.
    /// Returns `Ok(false)` when the whole log is done, `Ok(true)` after one
    /// payment, `Err(Crash)` if the process died (drop this consumer).
    pub fn step(&mut self, db: &mut Db, log: &[Payment]) -> Result<bool, Crash> {
        // --- solution ---
        let offset = db.offset();
        let Some(p) = log.get(offset) else {
            return Ok(false);
        };
        let mut txn = db.begin();
        if !txn.has_seen(p.id) {
            txn.add(p.account, p.cents);
            txn.mark_seen(p.id);
        }
        // A duplicate still moves the offset, in the same transaction.
        txn.set_offset(offset + 1);
        txn.commit()?;
        Ok(true)
        // --- stub ---
        // let _ = (db, log);
        // todo!("apply the next payment exactly once, whatever crashes")
        // --- end ---
    }
}
