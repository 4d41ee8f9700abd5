//! API design on one resource, orders.
//!
//! - [`resource`]: the orders and customers every API serves.
//! - [`rest`], [`grpc`] and [`graphql`]: the same reads over REST (axum),
//!   gRPC (tonic and prost) and GraphQL (async-graphql).
//! - [`paging`]: offset and cursor pagination over a table that gains rows
//!   while a client pages through it, counting what each shows twice or
//!   never.
//! - [`idempotency`]: a `POST /orders` that a client may retry safely, by
//!   sending the same `Idempotency-Key`.

pub mod graphql;
pub mod grpc;
pub mod idempotency;
pub mod paging;
pub mod resource;
pub mod rest;
