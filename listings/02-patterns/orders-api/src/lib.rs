//! API design on one resource, orders.
//!
//! - [`paging`]: offset and cursor pagination over a table that gains rows
//!   while a client pages through it, counting what each shows twice or
//!   never.
//! - [`idempotency`]: a `POST /orders` that a client may retry safely, by
//!   sending the same `Idempotency-Key`.

pub mod idempotency;
pub mod paging;
