//! Connection pooling, on real PostgreSQL and PgBouncer.
//!
//! Layout:
//! - [`sizing`]: Little's law and a seeded queue: how big a pool must be.
//! - [`pool`]: a small pool (a list of connections and a semaphore).
//! - [`exhaustion`]: three requests on a pool of two, under each policy.
//! - [`bouncer`]: PgBouncer's session and transaction pools: how many
//!   clients that stay connected each serves, and the session state that
//!   transaction mode breaks.

pub mod bouncer;
pub mod exhaustion;
pub mod pool;
pub mod sizing;
