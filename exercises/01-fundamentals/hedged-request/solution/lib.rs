// --- solution ---
//! Reference solution of the hedged-request exercise.
// --- stub ---
// //! Your turn: a hedged request. Send a request to one replica; if it has
// //! not answered after `hedge_after`, send the same request to a second
// //! replica too, and take whichever answer comes first. Give up when
// //! `deadline` (counted from the start) passes.
// //!
// //! Layout: [`hedged`] is the function you write; [`TimedOut`] is its error.
// //! The tests in `tests/hedged-request.rs` run on tokio's paused clock, so
// //! they check exact times in virtual milliseconds.
// //!
// //! Run `cargo test -p hedged-request` until every test passes.
// --- end ---

use std::future::Future;
use std::time::Duration;

/// Neither replica answered before the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimedOut;

/// Runs `primary`. If it has not finished after `hedge_after`, calls
/// `backup()` to start the second request and returns whichever of the two
/// finishes first; the other is dropped (cancelled). If `deadline` passes
/// first, both are dropped and the result is `Err(TimedOut)`.
///
/// `backup` is a closure so that the second request is not even created
/// unless it is needed: a future does nothing until polled, but building
/// it may still cost something (a connection from a pool, say).
pub async fn hedged<T, P, B, F>(
    primary: P,
    backup: B,
    hedge_after: Duration,
    deadline: Duration,
) -> Result<T, TimedOut>
where
    P: Future<Output = T>,
    B: FnOnce() -> F,
    F: Future<Output = T>,
{
    // --- solution ---
    let race = async {
        // Pinned so that the first select! can poll it by reference and
        // leave it running for the second one.
        let mut primary = std::pin::pin!(primary);
        tokio::select! {
            answer = &mut primary => return answer,
            () = tokio::time::sleep(hedge_after) => {}
        }
        let backup = backup();
        tokio::select! {
            answer = primary => answer,
            answer = backup => answer,
        }
    };
    tokio::time::timeout(deadline, race)
        .await
        .map_err(|_| TimedOut)
    // --- stub ---
    // let _ = (primary, backup, hedge_after, deadline);
    // todo!("hedged")
    // --- end ---
}
