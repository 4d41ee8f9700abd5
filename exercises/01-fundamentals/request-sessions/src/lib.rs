//! Your turn: a ledger that applies each retried deposit once, remembering
//! one entry per *client* instead of one per request.
//!
//! Layout: [`Deposit`] is a request, numbered by its client 1, 2, 3, ...;
//! [`Outcome`] is what the ledger did with it; [`SessionLedger::handle`] is
//! the method you write. Each client waits for request n's receipt before it
//! sends request n + 1, so a client has at most one request in flight.
//!
//! Run `cargo test -p request-sessions` until every test passes.

/// "Add `amount`", request number `seq` from client `client`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deposit {
    pub client: u32,
    pub seq: u64,
    pub amount: u64,
}

/// What the ledger did with a deposit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A new request: applied; the balance after it.
    Applied { balance: u64 },
    /// A retry of the client's latest request: not applied again; the same
    /// balance the first copy was answered with.
    Replayed { balance: u64 },
    /// An old request arriving late (the client has moved on), or seq 0:
    /// ignored.
    Stale,
}

#[derive(Debug, Default)]
pub struct SessionLedger {
    balance: u64,
    // Decide what else the ledger must store to recognise retries, with
    // one entry per client.
}

impl SessionLedger {
    pub fn new() -> SessionLedger {
        SessionLedger::default()
    }

    pub fn balance(&self) -> u64 {
        self.balance
    }

    /// How many entries the ledger keeps to recognise retries: one per client.
    pub fn remembered(&self) -> usize {
        todo!("count the entries you keep")
    }

    /// Applies `deposit` if it is new for its client, answers a retry of the
    /// client's latest request with the balance it got the first time, and
    /// ignores anything older (and seq 0, which no client sends).
    pub fn handle(&mut self, deposit: Deposit) -> Outcome {
        todo!("decide whether {deposit:?} is new, a retry or stale")
    }
}
