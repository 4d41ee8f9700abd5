//! Reference solution of the hedged-request exercise.

use std::future::Future;
use std::time::Duration;

/// Neither replica answered before the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimedOut;

/// Runs `primary`; after `hedge_after` without an answer, also runs
/// `backup()` and returns the first answer. Everything is dropped when
/// `deadline` passes.
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
}
