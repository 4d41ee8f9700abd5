//! Time and order: why a wall clock cannot order events across machines,
//! and the two logical clocks that can.
//!
//! Layout:
//! - [`wall`]: a machine's wall clock and monotonic clock, simulated so that
//!   an NTP step is reproducible; measuring with `Instant`; last-writer-wins
//!   with wall-clock stamps versus Lamport stamps.
//! - [`history`]: a message-passing history among N processes, checked for
//!   validity, its true happens-before relation (the transitive closure of
//!   program order and send-to-receive), and a generator of random histories.
//! - [`lamport`]: the Lamport clock (Lamport 1978) and the stamps it gives
//!   every event of a history.
//! - [`vector`]: the vector clock: compare (before, after, equal,
//!   concurrent), merge, and the stamps it gives every event of a history.
//! - [`tally`]: counts, over a history, how often each clock gets the order
//!   of two events wrong.
//! - [`rng`]: SplitMix64, a tiny seeded generator whose output never changes
//!   between Rust versions, so the recorded output is stable.
//!
//! The binary prints the NTP step, the last-writer-wins race, a small
//! history with every event's stamps, and the tally over generated histories.

pub mod history;
pub mod lamport;
pub mod rng;
pub mod tally;
pub mod vector;
pub mod wall;

pub use history::{Action, Event, History, HistoryError};
pub use lamport::{LamportClock, lamport_stamps};
pub use vector::{Causality, VectorClock, vector_stamps};
