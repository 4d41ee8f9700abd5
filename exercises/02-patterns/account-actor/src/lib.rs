//! Your turn: a bank account as an actor. One task owns the balance;
//! callers send it messages through a bounded mailbox, each with a
//! oneshot channel for the answer.
//!
//! Run `cargo test -p account-actor` until it passes.

// The stub does not use its imports and fields yet; delete this line when
// your code does.
#![allow(dead_code, unused_imports)]

use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

#[derive(Debug, PartialEq, Eq)]
pub enum AccountError {
    /// The withdrawal is larger than the balance, which is given.
    Insufficient { balance: u64 },
    /// The mailbox is full (only the `try_` methods say this).
    Busy,
    /// The deposit would take the balance past `u64::MAX`; nothing changed.
    Overflow { balance: u64 },
    /// The actor has stopped.
    Gone,
}

/// What the actor can be asked.
#[derive(Debug)]
enum Message {
    // Design the messages: what does each request carry, and how does
    // its answer get back?
}

/// What callers hold; cloning it gives another handle to the same actor.
#[derive(Clone, Debug)]
pub struct Account {
    // What does a handle need to keep?
}

/// Starts the actor with an opening balance and a mailbox of `capacity`
/// messages. The task ends when every `Account` handle is dropped.
pub fn open(balance: u64, capacity: usize) -> (Account, JoinHandle<()>) {
    let _ = (balance, capacity);
    todo!("open: make the mailbox, spawn the actor, return the handle")
}

impl Account {
    /// Adds `cents`; returns the new balance (or `Overflow`).
    pub async fn deposit(&self, cents: u64) -> Result<u64, AccountError> {
        let _ = cents;
        todo!("Account::deposit")
    }

    /// Takes `cents` if the balance covers it; returns what is left.
    pub async fn withdraw(&self, cents: u64) -> Result<u64, AccountError> {
        let _ = cents;
        todo!("Account::withdraw")
    }

    pub async fn balance(&self) -> Result<u64, AccountError> {
        todo!("Account::balance")
    }

    /// Like `withdraw`, but refuses with `Busy` at once when the mailbox
    /// is full instead of waiting for room.
    pub async fn try_withdraw(&self, cents: u64) -> Result<u64, AccountError> {
        let _ = cents;
        todo!("Account::try_withdraw")
    }
}
