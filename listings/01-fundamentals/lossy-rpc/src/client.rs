//! Two clients for the ledger: one that trusts the network, one that does not.

use std::fmt;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::time::{Instant, timeout_at};
use turmoil::net::UdpSocket;

use crate::protocol::{Deposit, Receipt};
use crate::server::MAX_DATAGRAM;

// ANCHOR: naive
/// Sends the deposit and waits for the receipt.
pub async fn deposit_naive(
    socket: &UdpSocket,
    ledger: SocketAddr,
    deposit: Deposit,
) -> turmoil::Result<Receipt> {
    socket.send_to(&deposit.encode(), ledger).await?;
    let mut buf = [0u8; MAX_DATAGRAM];
    let (len, _from) = socket.recv_from(&mut buf).await?;
    Ok(Receipt::decode(&buf[..len])?)
}
// ANCHOR_END: naive

/// How long to wait for each attempt, and how many attempts to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub timeout: Duration,
    pub max_attempts: u32,
}

/// What a call that gave up knows: only that no matching reply came back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallError {
    /// Every attempt timed out. The deposit may or may not have been applied.
    TimedOut { attempts: u32, waited: Duration },
    /// The policy allowed no attempt at all.
    NoAttempts,
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::TimedOut { attempts, waited } => write!(
                f,
                "no reply after {attempts} attempt(s), {} ms",
                waited.as_millis()
            ),
            CallError::NoAttempts => write!(f, "retry policy allows no attempts"),
        }
    }
}

impl std::error::Error for CallError {}

/// What one retrying call did, for the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallStats {
    pub attempts: u32,
    /// Replies that arrived for an earlier request or an earlier attempt
    /// after we had stopped waiting for them.
    pub stale_replies: u32,
}

// ANCHOR: retry
/// Sends the deposit, waits at most `policy.timeout` for the receipt with the
/// same id, and sends the same deposit again (same id) if none arrives.
pub async fn deposit_with_retry(
    socket: &UdpSocket,
    ledger: SocketAddr,
    deposit: Deposit,
    policy: RetryPolicy,
) -> Result<(Receipt, CallStats), CallError> {
    if policy.max_attempts == 0 {
        return Err(CallError::NoAttempts);
    }
    let started = Instant::now();
    let mut stats = CallStats {
        attempts: 0,
        stale_replies: 0,
    };
    let mut buf = [0u8; MAX_DATAGRAM];
    while stats.attempts < policy.max_attempts {
        stats.attempts += 1;
        // A send error (no route, say) is just another failed attempt.
        let _ = socket.send_to(&deposit.encode(), ledger).await;
        let deadline = Instant::now() + policy.timeout;
        // Wait until the deadline, skipping replies that are not ours:
        // a late receipt for an earlier id must not be taken for this one.
        while let Ok(Ok((len, _from))) = timeout_at(deadline, socket.recv_from(&mut buf)).await {
            match Receipt::decode(&buf[..len]) {
                Ok(receipt) if receipt.id == deposit.id => return Ok((receipt, stats)),
                _ => stats.stale_replies += 1,
            }
        }
    }
    Err(CallError::TimedOut {
        attempts: stats.attempts,
        waited: started.elapsed(),
    })
}
// ANCHOR_END: retry
