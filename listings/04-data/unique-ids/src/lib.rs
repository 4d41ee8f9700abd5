//! Unique IDs made on many machines without asking each other.
//!
//! - [`snowflake`]: 64 bits of time, worker and sequence, and a generator
//!   whose clock steps back.
//! - [`uuid`]: version 4 (random) and version 7 (time, then random) UUIDs.
//! - [`ulid`]: 48 bits of time and 80 random bits in 26 characters.
//! - [`order`]: how often IDs sort in the order they were made.
//! - [`birthday`]: how many random IDs collide, counted and predicted.
//! - [`pg`]: the same keys as primary keys in PostgreSQL, and the index size.
//!
//! Every random bit comes from a seeded generator and every clock is a
//! number the caller passes in, so the program prints the same on every
//! run.

pub mod birthday;
pub mod order;
pub mod pg;
pub mod snowflake;
pub mod ulid;
pub mod uuid;
