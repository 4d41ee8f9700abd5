//! The same log on NATS JetStream: a stream whose subjects are the
//! partitions, read by two independent groups and replayed from a sequence,
//! under the retention policy the caller chooses.

use std::time::Duration;

use async_nats::jetstream::{self, consumer, stream};
use futures::StreamExt;
use service_smoke::Service;

use crate::group::{CUSTOMERS, EVENTS};
use crate::log::Log;

fn nats<E: std::fmt::Display>(e: E) -> String {
    format!("NATS: {e}")
}

/// What the JetStream run saw.
#[derive(Debug, PartialEq, Eq)]
pub struct JetRun {
    pub billing: usize,
    pub kept: u64,
    pub analytics: usize,
    pub replayed: usize,
    pub partition: usize,
    /// The reader of one partition saw its messages in stream order.
    pub partition_in_order: bool,
}

// ANCHOR: jet
/// Creates the stream (one subject per partition) and group billing's
/// durable consumer, publishes the story's events, and lets billing read
/// and ack them. Then group analytics is created and reads from the start,
/// a reader starts at sequence 151, and a reader takes partition 2 alone.
pub async fn run(partitions: usize, retention: stream::RetentionPolicy) -> Result<JetRun, String> {
    let url = Service::Nats.url();
    service_smoke::reach(Service::Nats, &url)
        .await
        .map_err(|e| e.to_string())?;
    let js = jetstream::new(async_nats::connect(&url).await.map_err(nats)?);
    let run = service_smoke::run_token().replace('-', "_");
    let name = format!("ORDERS_{run}");
    let stream = js
        .create_stream(stream::Config {
            name: name.clone(),
            subjects: vec![format!("orders.{run}.*")],
            retention,
            storage: stream::StorageType::Memory,
            ..Default::default()
        })
        .await
        .map_err(nats)?;
    // The rest runs as one block whose result is kept, so that the stream
    // is deleted below whether it succeeded or not; `Ok::<_, String>` at
    // its end names the error type its `?`s return.
    let result = async {
        let all = consumer::DeliverPolicy::All;
        let billing = group(&stream, "billing", all, None).await?;
        let log = Log::new(partitions);
        for i in 0..EVENTS {
            let key = format!("customer-{}", i % CUSTOMERS);
            let subject = format!("orders.{run}.{}", log.partition_of(&key));
            // The second `.await` waits until the stream has stored it.
            js.publish(subject, format!("{key} {i}").into())
                .await
                .map_err(nats)?
                .await
                .map_err(nats)?;
        }
        let billing = read(&billing).await?;
        let kept = stream.get_info().await.map_err(nats)?.state.messages;
        let analytics = read(&group(&stream, "analytics", all, None).await?).await?;
        let from_151 = consumer::DeliverPolicy::ByStartSequence {
            start_sequence: 151,
        };
        let replayed = read(&group(&stream, "replay", from_151, None).await?).await?;
        let only_p2 = Some(format!("orders.{run}.2"));
        let p2 = read(&group(&stream, "p2", all, only_p2).await?).await?;
        Ok::<_, String>(JetRun {
            billing: billing.len(),
            kept,
            analytics: analytics.len(),
            replayed: replayed.len(),
            partition: p2.len(),
            // Each stream sequence larger than the one before.
            partition_in_order: p2.windows(2).all(|w| w[0] < w[1]),
        })
    }
    .await;
    js.delete_stream(&name).await.map_err(nats)?;
    result
}

/// A durable consumer: the server keeps the group's position in the stream.
async fn group(
    stream: &stream::Stream,
    name: &str,
    deliver_policy: consumer::DeliverPolicy,
    filter: Option<String>,
) -> Result<consumer::PullConsumer, String> {
    stream
        .create_consumer(consumer::pull::Config {
            durable_name: Some(name.to_string()),
            deliver_policy,
            filter_subject: filter.unwrap_or_default(),
            ack_policy: consumer::AckPolicy::Explicit,
            ..Default::default()
        })
        .await
        .map_err(nats)
}

/// Reads all the consumer has, acking each message and waiting for the
/// server to confirm the ack; returns the stream sequences seen, in order.
async fn read(consumer: &consumer::PullConsumer) -> Result<Vec<u64>, String> {
    let mut seen = Vec::new();
    loop {
        // Up to 100 of the messages available now; none ends the read.
        let mut batch = consumer
            .fetch()
            .max_messages(100)
            .expires(Duration::from_millis(200))
            .messages()
            .await
            .map_err(nats)?;
        let before = seen.len();
        while let Some(message) = batch.next().await {
            let message = message.map_err(nats)?;
            seen.push(message.info().map_err(nats)?.stream_sequence);
            message.double_ack().await.map_err(nats)?;
        }
        if seen.len() == before {
            return Ok(seen);
        }
    }
}
// ANCHOR_END: jet
