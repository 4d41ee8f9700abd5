//! Proxies: the same backends behind an L4 and an L7 proxy, and read/write
//! splitting in front of PostgreSQL.
//!
//! Layout:
//! - [`backends`]: small HTTP servers that say who answered.
//! - [`l4`]: a TCP proxy that balances connections.
//! - [`l7`]: an HTTP proxy that balances requests, routes by path, checks
//!   health and retries what never reached a backend.
//! - [`sql_router`]: statements to the primary or the replica.
//! - [`story`]: what `cargo run -p proxies` runs and prints.

pub mod backends;
pub mod l4;
pub mod l7;
pub mod sql_router;
pub mod story;
