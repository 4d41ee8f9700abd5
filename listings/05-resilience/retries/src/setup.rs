//! The chapter's outage and backoff, shared by `cargo run -p retries`, the
//! figure and the tests.

use crate::backoff::Backoff;
use crate::fleet::Fault;

// ANCHOR: setup
pub const FAULT: Fault = Fault {
    clients: 100,
    recovers_at_ms: 1000,
    capacity_per_slot: 10,
    slot_ms: 10,
    round_trip_ms: 10,
    seed: 2015,
};

pub const BACKOFF: Backoff = Backoff {
    base_ms: 10,
    cap_ms: 1000,
};
// ANCHOR_END: setup
