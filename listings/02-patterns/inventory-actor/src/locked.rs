//! The inventory shared behind an async mutex.

use crate::{Inventory, ReserveError};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;

// ANCHOR: locked
/// Every caller locks the inventory, does its work and unlocks it.
/// `work` stands for what a real service does while it holds the state,
/// such as writing the change to a journal.
#[derive(Clone)]
pub struct Locked {
    inventory: Arc<Mutex<Inventory>>,
    work: Duration,
}

impl Locked {
    pub fn new(inventory: Inventory, work: Duration) -> Self {
        Locked {
            inventory: Arc::new(Mutex::new(inventory)),
            work,
        }
    }

    pub async fn reserve(&self, sku: &'static str, qty: u32) -> Result<u32, ReserveError> {
        let mut inventory = self.inventory.lock().await;
        if !self.work.is_zero() {
            tokio::time::sleep(self.work).await;
        }
        inventory.reserve(sku, qty)
    }
}
// ANCHOR_END: locked
