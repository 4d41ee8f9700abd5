//! Releasing safely, in five parts:
//!
//! - `rollout`: a simulated fleet of 10 instances behind a load balancer,
//!   and one bad release rolled out all at once, rolling, blue-green and
//!   as a canary, on the same seeded fault.
//! - `judge`: the canary judge, rates compared on enough requests.
//! - `flags`: feature flags, a percentage rollout by a stable hash of the
//!   user id, and a kill switch.
//! - `discovery`: a registry with TTL'd registrations and heartbeats.
//! - `reconcile`: desired against actual state, a level-triggered and an
//!   edge-triggered controller under seeded faults.
//!
//! `main.rs` prints each part; `bin/releasing-faults.rs` sweeps the
//! controllers over seeds, `bin/releasing-figures.rs` draws the figure.

pub mod discovery;
pub mod flags;
pub mod judge;
pub mod reconcile;
pub mod rollout;
