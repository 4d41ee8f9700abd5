//! A connection pool in a few lines: open connections kept in a list, and
//! a semaphore with one permit per connection, so a request that finds
//! none free waits, waits until a deadline, or is refused at once.

use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::{Semaphore, SemaphorePermit};
use tokio_postgres::Client;

/// What a request does when every connection is in use.
#[derive(Clone, Copy, Debug)]
pub enum WhenBusy {
    /// Wait as long as it takes.
    Wait,
    /// Wait up to this long, then fail.
    WaitFor(Duration),
    /// Fail at once.
    FailFast,
}

/// Why no connection was handed out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PoolError {
    /// Every connection stayed busy for the whole wait.
    TimedOut,
    /// Every connection was busy and the caller would not wait.
    Busy,
}

// ANCHOR: pool
pub struct Pool {
    idle: Mutex<Vec<Client>>,
    /// One permit per connection: holding a permit is holding a connection.
    permits: Semaphore,
}

/// A connection on loan; dropping it gives the connection back.
pub struct Pooled<'a> {
    client: Option<Client>,
    pool: &'a Pool,
    _permit: SemaphorePermit<'a>,
}

impl Pool {
    pub fn new(clients: Vec<Client>) -> Pool {
        Pool {
            permits: Semaphore::new(clients.len()),
            idle: Mutex::new(clients),
        }
    }

    pub async fn get(&self, when_busy: WhenBusy) -> Result<Pooled<'_>, PoolError> {
        let permits = &self.permits;
        let permit = match when_busy {
            WhenBusy::Wait => permits.acquire().await.map_err(|_| PoolError::Busy)?,
            WhenBusy::WaitFor(limit) => tokio::time::timeout(limit, permits.acquire())
                .await
                .map_err(|_| PoolError::TimedOut)?
                .map_err(|_| PoolError::Busy)?,
            WhenBusy::FailFast => permits.try_acquire().map_err(|_| PoolError::Busy)?,
        };
        // A permit means a connection is idle: take it.
        let client = self.lock().pop();
        Ok(Pooled {
            client,
            pool: self,
            _permit: permit,
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Client>> {
        self.idle.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        // Back on the list before the permit is released (fields drop
        // after this body), so the next holder of a permit finds it.
        if let Some(client) = self.client.take() {
            self.pool.lock().push(client);
        }
    }
}

impl std::ops::Deref for Pooled<'_> {
    type Target = Client;

    fn deref(&self) -> &Client {
        self.client
            .as_ref()
            .expect("a permit always comes with a connection")
    }
}
// ANCHOR_END: pool
