//! Load shedding and bulkheads: a discrete-event simulation of one server
//! under twice its capacity ([`sim`]), and two downstreams behind tower's
//! `ConcurrencyLimit` and `LoadShed` on tokio's paused clock ([`bulkhead`]).

pub mod bulkhead;
pub mod sim;
