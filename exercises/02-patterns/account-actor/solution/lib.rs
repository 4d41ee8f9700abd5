// --- solution ---
//! Reference solution: a bank account as an actor. One task owns the
//! balance; callers send it messages through a bounded mailbox, each with
//! a oneshot channel for the answer.
// --- stub ---
// //! Your turn: a bank account as an actor. One task owns the balance;
// //! callers send it messages through a bounded mailbox, each with a
// //! oneshot channel for the answer.
// //!
// //! Run `cargo test -p account-actor` until it passes.
// --- end ---

// --- stub ---
// // The stub does not use its imports and fields yet; delete this line when
// // your code does.
// #![allow(dead_code, unused_imports)]
//
// --- end ---
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
    // --- solution ---
    Deposit {
        cents: u64,
        reply: oneshot::Sender<Result<u64, AccountError>>,
    },
    Withdraw {
        cents: u64,
        reply: oneshot::Sender<Result<u64, AccountError>>,
    },
    Balance {
        reply: oneshot::Sender<u64>,
    },
    // --- stub ---
    // // Design the messages: what does each request carry, and how does
    // // its answer get back?
    // --- end ---
}

/// What callers hold; cloning it gives another handle to the same actor.
#[derive(Clone, Debug)]
pub struct Account {
    // --- solution ---
    mailbox: mpsc::Sender<Message>,
    // --- stub ---
    // // What does a handle need to keep?
    // --- end ---
}

/// Starts the actor with an opening balance and a mailbox of `capacity`
/// messages. The task ends when every `Account` handle is dropped.
pub fn open(balance: u64, capacity: usize) -> (Account, JoinHandle<()>) {
    // --- solution ---
    let (mailbox, receiver) = mpsc::channel(capacity);
    let task = tokio::spawn(run(balance, receiver));
    (Account { mailbox }, task)
    // --- stub ---
    // let _ = (balance, capacity);
    // todo!("open: make the mailbox, spawn the actor, return the handle")
    // --- end ---
}
// --- solution ---

/// The actor: the only code that touches `balance`.
async fn run(mut balance: u64, mut mailbox: mpsc::Receiver<Message>) {
    while let Some(message) = mailbox.recv().await {
        // A caller that stopped waiting cannot be answered; ignore that.
        match message {
            Message::Deposit { cents, reply } => {
                // `+=` would panic here in a debug build (killing the actor
                // and every caller's request) and wrap in a release build.
                let result = match balance.checked_add(cents) {
                    Some(total) => {
                        balance = total;
                        Ok(total)
                    }
                    None => Err(AccountError::Overflow { balance }),
                };
                let _ = reply.send(result);
            }
            Message::Withdraw { cents, reply } => {
                let result = match balance.checked_sub(cents) {
                    Some(left) => {
                        balance = left;
                        Ok(left)
                    }
                    None => Err(AccountError::Insufficient { balance }),
                };
                let _ = reply.send(result);
            }
            Message::Balance { reply } => {
                let _ = reply.send(balance);
            }
        }
    }
}
// --- end ---

impl Account {
    /// Adds `cents`; returns the new balance (or `Overflow`).
    pub async fn deposit(&self, cents: u64) -> Result<u64, AccountError> {
        // --- solution ---
        let (reply, answer) = oneshot::channel();
        self.send(Message::Deposit { cents, reply }).await?;
        answer.await.map_err(|_| AccountError::Gone)?
        // --- stub ---
        // let _ = cents;
        // todo!("Account::deposit")
        // --- end ---
    }

    /// Takes `cents` if the balance covers it; returns what is left.
    pub async fn withdraw(&self, cents: u64) -> Result<u64, AccountError> {
        // --- solution ---
        let (reply, answer) = oneshot::channel();
        self.send(Message::Withdraw { cents, reply }).await?;
        answer.await.map_err(|_| AccountError::Gone)?
        // --- stub ---
        // let _ = cents;
        // todo!("Account::withdraw")
        // --- end ---
    }

    pub async fn balance(&self) -> Result<u64, AccountError> {
        // --- solution ---
        let (reply, answer) = oneshot::channel();
        self.send(Message::Balance { reply }).await?;
        answer.await.map_err(|_| AccountError::Gone)
        // --- stub ---
        // todo!("Account::balance")
        // --- end ---
    }

    /// Like `withdraw`, but refuses with `Busy` at once when the mailbox
    /// is full instead of waiting for room.
    pub async fn try_withdraw(&self, cents: u64) -> Result<u64, AccountError> {
        // --- solution ---
        let (reply, answer) = oneshot::channel();
        self.mailbox
            .try_send(Message::Withdraw { cents, reply })
            .map_err(|error| match error {
                mpsc::error::TrySendError::Full(_) => AccountError::Busy,
                mpsc::error::TrySendError::Closed(_) => AccountError::Gone,
            })?;
        answer.await.map_err(|_| AccountError::Gone)?
        // --- stub ---
        // let _ = cents;
        // todo!("Account::try_withdraw")
        // --- end ---
    }
    // --- solution ---

    async fn send(&self, message: Message) -> Result<(), AccountError> {
        self.mailbox
            .send(message)
            .await
            .map_err(|_| AccountError::Gone)
    }
    // --- end ---
}
