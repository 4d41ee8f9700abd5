//! A circuit breaker on tokio's clock, and a measured outage to show why.
//!
//! Layout:
//! - [`breaker`]: `CircuitBreaker`, its `Config` and its `State` enum
//!   (Closed, Open, HalfOpen). All time comes from `tokio::time::Instant`,
//!   so a paused runtime makes every cool-down exact and every run the same.
//! - [`payments`]: `PaymentsService`, a fake dependency that hangs during an
//!   outage and counts the calls that reach it.
//! - [`scenario`]: sends one stream of charges through an outage, with and
//!   without a breaker, and reports calls, transitions and waiting time.
//! - `main.rs`: runs both and prints the timelines and the comparison.

pub mod breaker;
pub mod payments;
pub mod scenario;

pub use breaker::{CallError, CircuitBreaker, Config, ConfigError, Rejected, State, Transition};
