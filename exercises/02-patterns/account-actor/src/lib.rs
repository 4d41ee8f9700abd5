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
    /// The actor has stopped.
    Gone,
}

/// What the actor can be asked. Each message carries its reply channel.
#[derive(Debug)]
pub enum Message {
    Deposit {
        cents: u64,
        reply: oneshot::Sender<u64>,
    },
    Withdraw {
        cents: u64,
        reply: oneshot::Sender<Result<u64, AccountError>>,
    },
    Balance {
        reply: oneshot::Sender<u64>,
    },
}

/// What callers hold; cloning it gives another sender to the same actor.
#[derive(Clone, Debug)]
pub struct Account {
    mailbox: mpsc::Sender<Message>,
}

/// Starts the actor with an opening balance and a mailbox of `capacity`
/// messages. The task ends when every `Account` handle is dropped.
pub fn open(balance: u64, capacity: usize) -> (Account, JoinHandle<()>) {
    let _ = (balance, capacity);
    todo!("open: make the mailbox, spawn the actor, return the handle")
}

impl Account {
    /// Adds `cents`; returns the new balance.
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
