//! What a worker needs from a queue, and the small queue of our own.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

/// Any error of this listing, as one line.
pub type Error = String;

// ANCHOR: broker
/// A work queue: each message goes to one worker at a time, and comes
/// back if the worker does not acknowledge it in time.
#[allow(async_fn_in_trait)] // the workers run on one thread: no future needs `Send`
pub trait Broker {
    /// One delivery of one message.
    type Delivery;
    async fn publish(&self, job: &str) -> Result<(), Error>;
    /// The next message ready for delivery, waiting up to `wait`.
    async fn receive(&self, wait: Duration) -> Result<Option<Self::Delivery>, Error>;
    /// The message's body, and which delivery of it this is (1 = first).
    fn job(delivery: &Self::Delivery) -> (String, u32);
    /// Done: never deliver it again.
    async fn ack(&self, delivery: Self::Delivery) -> Result<(), Error>;
    /// Failed: deliver it again after `delay`.
    async fn nack(&self, delivery: Self::Delivery, delay: Duration) -> Result<(), Error>;
    /// Messages given up on after too many deliveries.
    async fn dead_letters(&self) -> Result<Vec<String>, Error>;
}
// ANCHOR_END: broker

/// How long a delivered message stays invisible to other workers.
pub const VISIBILITY: Duration = Duration::from_millis(400);
/// Deliveries before a message goes to the dead letters.
pub const MAX_DELIVERIES: u32 = 4;

// ANCHOR: small
#[derive(Default)]
struct State {
    next_id: u64,
    /// id -> (job, deliveries so far, not before).
    waiting: BTreeMap<u64, (String, u32, Instant)>,
    /// id -> (job, deliveries so far, invisible until).
    in_flight: BTreeMap<u64, (String, u32, Instant)>,
    dead: Vec<String>,
}

/// A queue in memory: a message is *waiting*, or *in flight* with a
/// deadline. A receive first returns expired in-flight messages to
/// waiting, or to the dead letters after [`MAX_DELIVERIES`].
#[derive(Clone, Default)]
pub struct SmallQueue {
    state: Arc<Mutex<State>>,
}

/// A delivery from [`SmallQueue`]: the message id, job, and delivery count.
pub struct SmallDelivery {
    id: u64,
    job: String,
    attempt: u32,
}

impl SmallQueue {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn try_receive(&self) -> Option<SmallDelivery> {
        let now = Instant::now();
        let mut s = self.lock();
        let expired: Vec<u64> = s
            .in_flight
            .iter()
            .filter(|(_, (_, _, until))| *until <= now)
            .map(|(id, _)| *id)
            .collect();
        for id in expired {
            let (job, deliveries, _) = s.in_flight.remove(&id).expect("listed above");
            s.requeue(id, job, deliveries, now);
        }
        let id = *s
            .waiting
            .iter()
            .find(|(_, (_, _, not_before))| *not_before <= now)?
            .0;
        let (job, deliveries, _) = s.waiting.remove(&id).expect("found above");
        s.in_flight
            .insert(id, (job.clone(), deliveries + 1, now + VISIBILITY));
        Some(SmallDelivery {
            id,
            job,
            attempt: deliveries + 1,
        })
    }
}

impl State {
    /// Back to waiting, or to the dead letters if it has had its deliveries.
    fn requeue(&mut self, id: u64, job: String, deliveries: u32, not_before: Instant) {
        if deliveries >= MAX_DELIVERIES {
            self.dead.push(job);
        } else {
            self.waiting.insert(id, (job, deliveries, not_before));
        }
    }
}

impl Broker for SmallQueue {
    type Delivery = SmallDelivery;

    async fn publish(&self, job: &str) -> Result<(), Error> {
        let mut s = self.lock();
        s.next_id += 1;
        let id = s.next_id;
        s.waiting.insert(id, (job.to_string(), 0, Instant::now()));
        Ok(())
    }

    async fn receive(&self, wait: Duration) -> Result<Option<SmallDelivery>, Error> {
        let deadline = Instant::now() + wait;
        loop {
            if let Some(delivery) = self.try_receive() {
                return Ok(Some(delivery));
            }
            if Instant::now() >= deadline {
                return Ok(None);
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    fn job(delivery: &SmallDelivery) -> (String, u32) {
        (delivery.job.clone(), delivery.attempt)
    }

    async fn ack(&self, delivery: SmallDelivery) -> Result<(), Error> {
        // A late ack, after the message was handed to someone else, still
        // removes it: the work is done.
        let mut s = self.lock();
        s.in_flight.remove(&delivery.id);
        s.waiting.remove(&delivery.id);
        Ok(())
    }

    async fn nack(&self, delivery: SmallDelivery, delay: Duration) -> Result<(), Error> {
        let mut s = self.lock();
        if let Some((job, deliveries, _)) = s.in_flight.remove(&delivery.id) {
            s.requeue(delivery.id, job, deliveries, Instant::now() + delay);
        }
        Ok(())
    }

    async fn dead_letters(&self) -> Result<Vec<String>, Error> {
        Ok(self.lock().dead.clone())
    }
}
// ANCHOR_END: small
