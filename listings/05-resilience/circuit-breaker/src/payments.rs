//! A stand-in for a payment provider that goes dark for a while.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tokio::time::Instant;

/// Answers after `latency`, except during the outage, when it never answers:
/// the way a crashed host behind a black-holed connection looks to a caller.
/// Only the caller's own timeout gets it unstuck.
pub struct PaymentsService {
    outage_start: Instant,
    outage_end: Instant,
    latency: Duration,
    calls_total: AtomicU32,
    calls_while_down: AtomicU32,
}

/// Proof that a charge went through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Receipt;

impl PaymentsService {
    pub fn new(outage_start: Instant, outage_end: Instant, latency: Duration) -> Self {
        Self {
            outage_start,
            outage_end,
            latency,
            calls_total: AtomicU32::new(0),
            calls_while_down: AtomicU32::new(0),
        }
    }

    pub fn is_down(&self, at: Instant) -> bool {
        self.outage_start <= at && at < self.outage_end
    }

    pub async fn charge(&self) -> Receipt {
        self.calls_total.fetch_add(1, Ordering::Relaxed);
        if self.is_down(Instant::now()) {
            // Every call that lands here is load on a service already in trouble.
            self.calls_while_down.fetch_add(1, Ordering::Relaxed);
            std::future::pending::<()>().await;
        }
        tokio::time::sleep(self.latency).await;
        Receipt
    }

    /// Calls that reached the service at all.
    pub fn calls_total(&self) -> u32 {
        self.calls_total.load(Ordering::Relaxed)
    }

    /// Calls that reached the service while it was down.
    pub fn calls_while_down(&self) -> u32 {
        self.calls_while_down.load(Ordering::Relaxed)
    }
}
