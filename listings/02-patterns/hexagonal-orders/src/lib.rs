//! One small service, "place an order", three ways.
//!
//! - [`layered`]: handler, service and repository layers, where the
//!   service takes the data layer's database client, so testing its rules
//!   needs a database.
//! - [`core`] and [`adapters`]: the hexagonal form. The core holds the
//!   rules and talks to the outside only through *ports* (traits it
//!   defines); *adapters* implement them: in memory for tests, over a
//!   database or a payments API in production.
//! - [`strangler`]: a router that moves traffic from a legacy system to the
//!   new one, route by route and percentage by percentage.

pub mod adapters;
pub mod core;
pub mod layered;
pub mod strangler;
