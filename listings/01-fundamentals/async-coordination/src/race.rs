//! First answer wins: `select!` between replicas, and `timeout`.

use std::time::Duration;

use tokio::time::error::Elapsed;

use crate::calls::remote_call;
use crate::ms;
use crate::timeline::Timeline;

// ANCHOR: select
/// Asks two replicas the same question and keeps whichever answers first.
pub async fn first_answer(timeline: &Timeline) -> String {
    tokio::select! {
        answer = remote_call("replica-east", ms(80), timeline) => answer,
        answer = remote_call("replica-west", ms(30), timeline) => answer,
    }
}
// ANCHOR_END: select

// ANCHOR: timeout
/// Gives a call `limit` to answer.
pub async fn call_with_timeout(
    latency: Duration,
    limit: Duration,
    timeline: &Timeline,
) -> Result<String, Elapsed> {
    tokio::time::timeout(limit, remote_call("search service", latency, timeline)).await
}
// ANCHOR_END: timeout
