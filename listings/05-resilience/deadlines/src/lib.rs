//! Timeouts and deadlines, on tokio's paused clock.
//!
//! - `budget`: the `grpc-timeout` header, parsed without panicking.
//! - `sim`: gateway -> orders -> inventory over channels, per-hop timeouts
//!   against a propagated deadline, on one seeded fault.
//! - `skew`: why the budget crosses machines as a duration, not a time.

pub mod budget;
pub mod sim;
pub mod skew;
