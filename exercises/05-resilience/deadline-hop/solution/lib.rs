// --- solution ---
//! Reference solution: one hop of a deadline, in whole milliseconds, with
//! checked arithmetic so that no budget can underflow or overflow.
// --- stub ---
// //! Your turn: one hop of a propagated deadline.
// //!
// //! A request arrives with `budget-ms: <n>`, the milliseconds its caller
// //! still gives it. This hop has already spent some of that, must keep
// //! `reserve` for its own work once the answer is back, and passes the rest
// //! on; it refuses when what it could pass on is below what the next hop
// //! needs, and it stops waiting the moment its caller is gone.
// //!
// //! The tests are in `tests/deadline-hop.rs`.
// //! Run `cargo test -p deadline-hop` until every test passes.
// --- end ---

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
    // --- solution ---
    if value.is_empty() || value.len() > MAX_DIGITS || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(HopError::Malformed);
    }
    let ms: u64 = value.parse().map_err(|_| HopError::Malformed)?;
    Ok(Duration::from_millis(ms))
    // --- stub ---
    // let _ = value;
    // todo!("accept 1 to 8 ASCII digits, refuse anything else")
    // --- end ---
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
    // --- solution ---
    let budget = parse_budget(incoming)?;
    let left = budget
        .checked_sub(spent)
        .and_then(|left| left.checked_sub(reserve))
        .ok_or(HopError::Expired)?;
    let left_ms = left.as_millis();
    if Duration::from_millis(left_ms as u64) < min_needed {
        return Err(HopError::Expired);
    }
    Ok(left_ms.to_string())
    // --- stub ---
    // let _ = (incoming, spent, reserve, min_needed);
    // todo!()
    // --- end ---
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
    // --- solution ---
    let outgoing = outgoing_budget(incoming, arrived.elapsed(), reserve, min_needed)?;
    let limit = parse_budget(&outgoing)?;
    tokio::select! {
        answer = tokio::time::timeout(limit, downstream(outgoing)) => {
            answer.map_err(|_| HopError::Expired)
        }
        () = caller_gone => Err(HopError::Cancelled),
    }
    // --- stub ---
    // let _ = (arrived, incoming, reserve);
    // let _ = (min_needed, caller_gone, downstream);
    // todo!()
    // --- end ---
}
