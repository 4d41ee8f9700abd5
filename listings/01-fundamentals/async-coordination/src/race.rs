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

// ANCHOR: join_timeout
/// A page that needs the profile, and shows search results only if they
/// arrive within 50 ms.
pub async fn profile_and_search(timeline: &Timeline) -> (String, Result<String, Elapsed>) {
    tokio::join!(
        remote_call("profile service", ms(100), timeline),
        tokio::time::timeout(ms(50), remote_call("search service", ms(80), timeline)),
    )
}
// ANCHOR_END: join_timeout

// ANCHOR: select_loop
/// Meant to handle messages for at most 100 ms in all. Returns how many
/// it handled.
pub async fn handle_for_100_ms(mut inbox: tokio::sync::mpsc::Receiver<u32>) -> u32 {
    let mut handled = 0;
    loop {
        tokio::select! {
            Some(_message) = inbox.recv() => handled += 1,
            _ = tokio::time::sleep(ms(100)) => return handled,
        }
    }
}
// ANCHOR_END: select_loop

/// Sends `count` messages, one every `every`, then closes the channel.
pub async fn send_every(outbox: tokio::sync::mpsc::Sender<u32>, count: u32, every: Duration) {
    for message in 0..count {
        tokio::time::sleep(every).await;
        if outbox.send(message).await.is_err() {
            return;
        }
    }
}
