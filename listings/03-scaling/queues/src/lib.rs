//! Message queues: one worker driver on two brokers, a small queue of our
//! own and NATS JetStream.
//!
//! Layout:
//! - [`broker`]: the [`Broker`](broker::Broker) trait and [`SmallQueue`](broker::SmallQueue).
//! - [`jetstream`]: the same trait on JetStream, with a dead-letter stream.
//! - [`work`]: two workers, five jobs (one slow, one poisonous, one that
//!   crashes its worker) and what happened to each.

pub mod broker;
pub mod jetstream;
pub mod work;
