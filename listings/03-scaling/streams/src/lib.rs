//! Streams: a partitioned append-only log and a consumer group of our own,
//! then the same ideas on NATS JetStream.
//!
//! Layout:
//! - [`log`]: the log, and how partitions are dealt to a group's members.
//! - [`group`]: a group that rebalances when a member joins.
//! - [`jet`]: a JetStream stream read by two groups, replayed, and read one
//!   partition at a time, under limits or interest retention.

pub mod group;
pub mod jet;
pub mod log;
