//! The same [`Broker`] on NATS JetStream: a work-queue stream, a durable
//! pull consumer whose `ack_wait` is the visibility timeout and whose
//! `max_deliver` caps the deliveries, and a dead-letter stream filled
//! from the server's "max deliveries reached" advisory.

use std::time::Duration;

use async_nats::jetstream::{self, AckKind, consumer, stream};
use futures::StreamExt;
use service_smoke::Service;

use crate::broker::{Broker, Error, MAX_DELIVERIES, VISIBILITY};

fn nats<E: std::fmt::Display>(e: E) -> Error {
    format!("NATS: {e}")
}

/// A work queue of this run's own (names carry a run token, so runs at
/// once never meet), deleted by [`JetStreamQueue::delete`].
#[derive(Clone)]
pub struct JetStreamQueue {
    js: jetstream::Context,
    work: stream::Stream,
    dead: stream::Stream,
    consumer: consumer::PullConsumer,
    subject: String,
    run: String,
}

// ANCHOR: setup
impl JetStreamQueue {
    pub async fn create() -> Result<JetStreamQueue, Error> {
        let url = Service::Nats.url();
        service_smoke::reach(Service::Nats, &url)
            .await
            .map_err(|e| e.to_string())?;
        let client = async_nats::connect(&url).await.map_err(nats)?;
        let js = jetstream::new(client.clone());
        let run = service_smoke::run_token().replace('-', "_");
        let (work_name, subject) = (format!("QUEUE_{run}"), format!("queue.{run}.jobs"));
        let work = js
            .create_stream(stream::Config {
                name: work_name.clone(),
                subjects: vec![subject.clone()],
                // Each message goes to one consumer and leaves when acked.
                retention: stream::RetentionPolicy::WorkQueue,
                storage: stream::StorageType::Memory,
                ..Default::default()
            })
            .await
            .map_err(nats)?;
        let dead = js
            .create_stream(stream::Config {
                name: format!("DEAD_{run}"),
                subjects: vec![format!("queue.{run}.dead")],
                storage: stream::StorageType::Memory,
                ..Default::default()
            })
            .await
            .map_err(nats)?;
        let consumer: consumer::PullConsumer = work
            .create_consumer(consumer::pull::Config {
                durable_name: Some("workers".to_string()),
                ack_policy: consumer::AckPolicy::Explicit,
                ack_wait: VISIBILITY,
                max_deliver: i64::from(MAX_DELIVERIES),
                ..Default::default()
            })
            .await
            .map_err(nats)?;
        // The server announces each message that used up its deliveries;
        // move it to the dead-letter stream and out of the work queue.
        let mut advisories = client
            .subscribe(format!(
                "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.{work_name}.workers"
            ))
            .await
            .map_err(nats)?;
        let (mover_js, mover_work) = (js.clone(), work.clone());
        let dead_subject = format!("queue.{run}.dead");
        tokio::spawn(async move {
            while let Some(advisory) = advisories.next().await {
                let _ =
                    move_to_dead(&mover_js, &mover_work, &dead_subject, &advisory.payload).await;
            }
        });
        Ok(JetStreamQueue {
            js,
            work,
            dead,
            consumer,
            subject,
            run,
        })
    }
}

async fn move_to_dead(
    js: &jetstream::Context,
    work: &stream::Stream,
    dead_subject: &str,
    advisory: &[u8],
) -> Result<(), Error> {
    let advisory: serde_json::Value = serde_json::from_slice(advisory).map_err(nats)?;
    let seq = advisory["stream_seq"]
        .as_u64()
        .ok_or("an advisory without stream_seq")?;
    let message = work.get_raw_message(seq).await.map_err(nats)?;
    js.publish(dead_subject.to_string(), message.payload)
        .await
        .map_err(nats)?
        .await
        .map_err(nats)?;
    work.delete_message(seq).await.map_err(nats)?;
    Ok(())
}
// ANCHOR_END: setup

impl JetStreamQueue {
    /// The token in this queue's names, for [`JetStreamQueue::open`].
    pub fn run(&self) -> &str {
        &self.run
    }

    /// Attaches to a queue that another process created, as a second
    /// worker process would.
    pub async fn open(run: &str) -> Result<JetStreamQueue, Error> {
        let url = Service::Nats.url();
        service_smoke::reach(Service::Nats, &url)
            .await
            .map_err(|e| e.to_string())?;
        let js = jetstream::new(async_nats::connect(&url).await.map_err(nats)?);
        let work = js.get_stream(format!("QUEUE_{run}")).await.map_err(nats)?;
        let dead = js.get_stream(format!("DEAD_{run}")).await.map_err(nats)?;
        let consumer = work.get_consumer("workers").await.map_err(nats)?;
        Ok(JetStreamQueue {
            js,
            work,
            dead,
            consumer,
            subject: format!("queue.{run}.jobs"),
            run: run.to_string(),
        })
    }

    /// Deletes both streams.
    pub async fn delete(&self) -> Result<(), Error> {
        for name in [
            &self.work.cached_info().config.name,
            &self.dead.cached_info().config.name,
        ] {
            self.js.delete_stream(name).await.map_err(nats)?;
        }
        Ok(())
    }
}

impl Broker for JetStreamQueue {
    type Delivery = jetstream::Message;

    async fn publish(&self, job: &str) -> Result<(), Error> {
        self.js
            .publish(self.subject.clone(), job.to_string().into())
            .await
            .map_err(nats)?
            .await
            .map_err(nats)?;
        Ok(())
    }

    async fn receive(&self, wait: Duration) -> Result<Option<jetstream::Message>, Error> {
        let mut batch = self
            .consumer
            .fetch()
            .max_messages(1)
            .expires(wait)
            .messages()
            .await
            .map_err(nats)?;
        match batch.next().await {
            Some(message) => message.map(Some).map_err(nats),
            None => Ok(None),
        }
    }

    fn job(message: &jetstream::Message) -> (String, u32) {
        let delivered = message.info().map_or(1, |info| info.delivered);
        (
            String::from_utf8_lossy(&message.payload).into_owned(),
            u32::try_from(delivered).unwrap_or(u32::MAX),
        )
    }

    async fn ack(&self, message: jetstream::Message) -> Result<(), Error> {
        // Waits for the server to confirm: a lost ack means a redelivery.
        message.double_ack().await.map_err(nats)
    }

    async fn nack(&self, message: jetstream::Message, delay: Duration) -> Result<(), Error> {
        message
            .ack_with(AckKind::Nak(Some(delay)))
            .await
            .map_err(nats)
    }

    async fn dead_letters(&self) -> Result<Vec<String>, Error> {
        let mut dead = self.dead.clone();
        let last = dead.info().await.map_err(nats)?.state.last_sequence;
        let mut jobs = Vec::new();
        for seq in 1..=last {
            if let Ok(message) = dead.get_raw_message(seq).await {
                jobs.push(String::from_utf8_lossy(&message.payload).into_owned());
            }
        }
        Ok(jobs)
    }
}
