//! The inventory owned by one task: the actor.

use crate::{Inventory, ReserveError};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

// ANCHOR: message
/// A request to the actor, carrying the channel its answer goes back on.
struct Reserve {
    sku: &'static str,
    qty: u32,
    reply: oneshot::Sender<Result<u32, ReserveError>>,
}
// ANCHOR_END: message

// ANCHOR: actor
/// The only task that touches the inventory. It handles one message at a
/// time, so the inventory needs no lock, and it stops when every handle
/// (every sender) is gone.
async fn run(mut inventory: Inventory, mut mailbox: mpsc::Receiver<Reserve>, work: Duration) {
    while let Some(request) = mailbox.recv().await {
        if !work.is_zero() {
            tokio::time::sleep(work).await;
        }
        let result = inventory.reserve(request.sku, request.qty);
        // The caller may have stopped waiting (a timeout); then there is
        // nobody to tell, and that is fine.
        let _ = request.reply.send(result);
    }
}

/// What callers hold: a cheap, cloneable sender to the mailbox.
#[derive(Clone)]
pub struct Handle {
    mailbox: mpsc::Sender<Reserve>,
}

/// Starts the actor with a mailbox of `capacity` messages.
pub fn spawn(inventory: Inventory, capacity: usize, work: Duration) -> (Handle, JoinHandle<()>) {
    let (mailbox, receiver) = mpsc::channel(capacity);
    let task = tokio::spawn(run(inventory, receiver, work));
    (Handle { mailbox }, task)
}
// ANCHOR_END: actor

// ANCHOR: handle
impl Handle {
    /// Waits for room in the mailbox (backpressure), then for the answer.
    pub async fn reserve(&self, sku: &'static str, qty: u32) -> Result<u32, ReserveError> {
        let (reply, answer) = oneshot::channel();
        let request = Reserve { sku, qty, reply };
        self.mailbox
            .send(request)
            .await
            .map_err(|_| ReserveError::Gone)?;
        answer.await.map_err(|_| ReserveError::Gone)?
    }

    /// Refuses at once when the mailbox is full (load shedding), then
    /// waits for the answer.
    pub async fn try_reserve(&self, sku: &'static str, qty: u32) -> Result<u32, ReserveError> {
        let (reply, answer) = oneshot::channel();
        let request = Reserve { sku, qty, reply };
        self.mailbox
            .try_send(request)
            .map_err(|error| match error {
                mpsc::error::TrySendError::Full(_) => ReserveError::Busy,
                mpsc::error::TrySendError::Closed(_) => ReserveError::Gone,
            })?;
        answer.await.map_err(|_| ReserveError::Gone)?
    }
}
// ANCHOR_END: handle
