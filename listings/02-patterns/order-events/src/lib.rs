//! Event sourcing and CQRS on a small order book.
//!
//! - [`log`]: the events and the append-only log that is the source of
//!   truth.
//! - [`write`]: the command side, which decides against the state it
//!   rebuilds from the log and appends new events.
//! - [`read`]: read models (projections) built from the events, one naive
//!   and one that survives an event delivered twice.

pub mod log;
pub mod read;
pub mod write;
