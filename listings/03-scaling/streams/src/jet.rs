//! The same log on NATS JetStream: a stream whose subjects are the
//! partitions, read by two independent groups and replayed from an offset.

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
    pub analytics: usize,
    pub kept: u64,
    pub replayed: usize,
    pub partition: usize,
    pub partition_in_order: bool,
}

// ANCHOR: jet
/// Publishes the story's events to a stream (one subject per partition),
/// then: group "billing" reads and acks them all; group "analytics",
/// created afterwards, reads them all from the start; a reader replays
/// from sequence 151; and a reader of partition 2 alone checks its order.
pub async fn run(partitions: usize) -> Result<JetRun, String> {
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
            // Limits retention: messages stay, whoever has read them.
            retention: stream::RetentionPolicy::Limits,
            storage: stream::StorageType::Memory,
            ..Default::default()
        })
        .await
        .map_err(nats)?;
    let log = Log::new(partitions);
    for i in 0..EVENTS {
        let key = format!("customer-{}", i % CUSTOMERS);
        let subject = format!("orders.{run}.{}", log.partition_of(&key));
        js.publish(subject, format!("{key} {i}").into())
            .await
            .map_err(nats)?
            .await
            .map_err(nats)?;
    }
    let result = async {
        let billing = read(&stream, "billing", consumer::DeliverPolicy::All, None).await?;
        let analytics = read(&stream, "analytics", consumer::DeliverPolicy::All, None).await?;
        let kept = stream.clone().info().await.map_err(nats)?.state.messages;
        let from_151 = consumer::DeliverPolicy::ByStartSequence {
            start_sequence: 151,
        };
        let replayed = read(&stream, "replay", from_151, None).await?;
        let only_p2 = Some(format!("orders.{run}.2"));
        let p2 = read(&stream, "p2", consumer::DeliverPolicy::All, only_p2).await?;
        Ok::<_, String>(JetRun {
            billing: billing.len(),
            analytics: analytics.len(),
            kept,
            replayed: replayed.len(),
            partition: p2.len(),
            partition_in_order: p2.windows(2).all(|w| w[0] < w[1]),
        })
    }
    .await;
    js.delete_stream(&name).await.map_err(nats)?;
    result
}

/// A durable consumer named `group` reads everything it is given, acking
/// each message; returns the stream sequences it saw, in order.
async fn read(
    stream: &stream::Stream,
    group: &str,
    deliver_policy: consumer::DeliverPolicy,
    filter: Option<String>,
) -> Result<Vec<u64>, String> {
    let consumer: consumer::PullConsumer = stream
        .create_consumer(consumer::pull::Config {
            durable_name: Some(group.to_string()),
            deliver_policy,
            filter_subject: filter.unwrap_or_default(),
            ack_policy: consumer::AckPolicy::Explicit,
            ..Default::default()
        })
        .await
        .map_err(nats)?;
    let mut seen = Vec::new();
    loop {
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
            message.ack().await.map_err(nats)?;
        }
        if seen.len() == before {
            return Ok(seen);
        }
    }
}
// ANCHOR_END: jet
