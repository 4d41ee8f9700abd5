//! Your turn: one hop of a propagated deadline.
//!
//! A request arrives with `budget-ms: <n>`, the milliseconds its caller
//! still gives it. This hop has already spent some of that, must keep
//! `reserve` for its own work once the answer is back, and passes the rest
//! on; it refuses when what it could pass on is below what the next hop
//! needs, and it stops waiting the moment its caller is gone.
//!
//! The tests are in `tests/deadline-hop.rs`.
//! Run `cargo test -p deadline-hop` until every test passes.

use std::future::Future;
use std::time::Duration;
use tokio::time::Instant;

/// Why this hop does not (or no longer) call the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HopError {
    /// The `budget-ms` value is not 1 to 8 ASCII digits.
    Malformed,
    /// Too little budget is left for the next hop, or it ran out.
    Expired,
    /// Our caller went away before the answer came.
    Cancelled,
}

/// The most digits a `budget-ms` value may have, as in gRPC's header.
pub const MAX_DIGITS: usize = 8;

/// Reads `budget-ms`: 1 to 8 ASCII digits, nothing else.
pub fn parse_budget(value: &str) -> Result<Duration, HopError> {
    let _ = value;
    todo!("accept 1 to 8 ASCII digits, refuse anything else")
}

/// The `budget-ms` to send to the next hop: the incoming budget minus what
/// this hop has `spent` and minus the `reserve` it keeps for itself,
/// rounded down to whole milliseconds. `Expired` when that is less than
/// `min_needed`, including when nothing at all is left.
pub fn outgoing_budget(
    incoming: &str,
    spent: Duration,
    reserve: Duration,
    min_needed: Duration,
) -> Result<String, HopError> {
    let _ = (incoming, spent, reserve, min_needed);
    todo!()
}

/// Handles one request that arrived at `arrived` with `budget-ms:
/// incoming`: computes the outgoing budget as above, calls `downstream`
/// with it, and waits for the answer at most that long (`Expired` after).
/// If `caller_gone` finishes first, returns `Cancelled` at once and drops
/// the downstream call, which cancels it.
pub async fn forward<T, D, Fut, G>(
    arrived: Instant,
    incoming: &str,
    reserve: Duration,
    min_needed: Duration,
    caller_gone: G,
    downstream: D,
) -> Result<T, HopError>
where
    D: FnOnce(String) -> Fut,
    Fut: Future<Output = T>,
    G: Future<Output = ()>,
{
    let _ = (arrived, incoming, reserve);
    let _ = (min_needed, caller_gone, downstream);
    todo!()
}
