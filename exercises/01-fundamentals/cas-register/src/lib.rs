//! Your turn: decide whether a history of a register with compare-and-set
//! is linearizable. Lock services and leader elections (etcd, ZooKeeper,
//! Consul) are built on exactly this operation, and "two clients both won
//! the compare-and-set" is the bug a checker like this one finds.
//!
//! Layout: [`Op`] and [`OpKind`] describe one operation as a client saw it;
//! [`is_linearizable`] is the function you write.
//!
//! Run `cargo test -p cas-register` until every test passes.

/// What an operation did. The register starts at 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpKind {
    /// Read, and got this value back.
    Read(u64),
    /// Wrote this value.
    Write(u64),
    /// Compare-and-set: if the value was `expected`, set it to `new`.
    /// `ok` is what the client was told: true if the swap happened.
    Cas { expected: u64, new: u64, ok: bool },
}

/// One operation: sent at `invoke`, answered at `ret` (`invoke <= ret`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Op {
    pub client: usize,
    pub kind: OpKind,
    pub invoke: u64,
    pub ret: u64,
}

/// True when there is one order of all `ops` that respects real time (if
/// `a` returned before `b` was invoked, `a` comes first) and in which every
/// operation's result is what the register would have answered: a read
/// returns the current value, and a compare-and-set reports `ok` exactly
/// when the current value equals `expected` (and then sets `new`).
///
/// Panics if there are more than 64 operations.
pub fn is_linearizable(ops: &[Op]) -> bool {
    assert!(ops.len() <= 64, "at most 64 operations");
    todo!("search for an order, as the chapter's checker does, with one more kind of operation")
}
