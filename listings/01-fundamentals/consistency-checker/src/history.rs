//! A history of operations on one register whose value starts at 0.

use std::fmt;

/// A register value. 0 is the initial value, so no write may write 0.
pub type Value = u64;

/// The most operations a history may hold: the checker keeps sets of
/// operations as bits of a `u64`. Brute force is exponential anyway; real
/// checkers (Knossos, Porcupine) prune far better and still stay in the
/// hundreds or thousands of operations.
pub const MAX_OPS: usize = 64;

/// The `ret` of a write whose outcome the client never learned.
pub const NO_ANSWER: u64 = u64::MAX;

/// What an operation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpKind {
    /// Wrote this value.
    Write(Value),
    /// Read, and got this value back.
    Read(Value),
}

/// One operation, as a client saw it: sent at `invoke`, answered at `ret`.
/// It took effect at some single instant in between, which nobody saw.
///
/// A write whose answer never came (the client timed out, or the server
/// refused after telling some replicas) has `ret` = [`NO_ANSWER`]: it may
/// have taken effect at any time after `invoke`, or never.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Op {
    pub client: usize,
    pub kind: OpKind,
    pub invoke: u64,
    pub ret: u64,
}

impl Op {
    /// A write of `value` by `client`, from `invoke` to `ret`.
    pub fn write(client: usize, value: Value, invoke: u64, ret: u64) -> Op {
        Op {
            client,
            kind: OpKind::Write(value),
            invoke,
            ret,
        }
    }

    /// A write of `value` by `client`, sent at `invoke`, whose answer never
    /// came: it may take effect at any later time, or not at all.
    pub fn unanswered_write(client: usize, value: Value, invoke: u64) -> Op {
        Op::write(client, value, invoke, NO_ANSWER)
    }

    /// Whether this is a write whose outcome is unknown.
    pub fn is_unanswered(&self) -> bool {
        self.ret == NO_ANSWER && matches!(self.kind, OpKind::Write(_))
    }

    /// A read by `client` that returned `value`, from `invoke` to `ret`.
    pub fn read(client: usize, value: Value, invoke: u64, ret: u64) -> Op {
        Op {
            client,
            kind: OpKind::Read(value),
            invoke,
            ret,
        }
    }
}

/// Why a list of operations is not a history the checker accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryError {
    /// More than [`MAX_OPS`] operations.
    TooManyOps { len: usize },
    /// Operation `op` returns before it is invoked.
    ReturnsBeforeInvoke { op: usize },
    /// Operation `op` overlaps another of the same client; a client waits
    /// for each answer before it sends its next operation.
    ClientOverlaps { op: usize },
    /// Operation `op` writes 0, the initial value.
    WritesInitialValue { op: usize },
    /// Operation `op` writes a value already written; unique values let
    /// every read name the write it read from.
    DuplicateWrite { op: usize },
    /// Operation `op` is a read without an answer; it returned no value, so
    /// it tells nothing and must be left out.
    UnansweredRead { op: usize },
}

/// A valid history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    ops: Vec<Op>,
}

impl History {
    /// Checks the operations and wraps them.
    pub fn new(ops: Vec<Op>) -> Result<History, HistoryError> {
        if ops.len() > MAX_OPS {
            return Err(HistoryError::TooManyOps { len: ops.len() });
        }
        for (index, op) in ops.iter().enumerate() {
            if op.ret < op.invoke {
                return Err(HistoryError::ReturnsBeforeInvoke { op: index });
            }
            if op.ret == NO_ANSWER && matches!(op.kind, OpKind::Read(_)) {
                return Err(HistoryError::UnansweredRead { op: index });
            }
            if let OpKind::Write(value) = op.kind {
                if value == 0 {
                    return Err(HistoryError::WritesInitialValue { op: index });
                }
                let earlier = ops[..index].iter().any(|o| o.kind == OpKind::Write(value));
                if earlier {
                    return Err(HistoryError::DuplicateWrite { op: index });
                }
            }
            let overlaps = ops[..index].iter().any(|other| {
                other.client == op.client && other.invoke <= op.ret && op.invoke <= other.ret
            });
            if overlaps {
                return Err(HistoryError::ClientOverlaps { op: index });
            }
        }
        Ok(History { ops })
    }

    /// The operations, in the order given.
    pub fn ops(&self) -> &[Op] {
        &self.ops
    }

    /// One operation in the chapter's notation, such as `A: write 1 [0,10]`.
    pub fn describe(&self, index: usize) -> String {
        let op = self.ops[index];
        format!(
            "{}: {} [{},{}]",
            client_name(op.client),
            op.kind,
            op.invoke,
            op.ret
        )
    }
}

/// "A" for client 0, "B" for 1, and so on.
pub fn client_name(client: usize) -> char {
    char::from(b'A' + (client % 26) as u8)
}

impl fmt::Display for OpKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpKind::Write(value) => write!(f, "write {value}"),
            OpKind::Read(value) => write!(f, "read -> {value}"),
        }
    }
}
