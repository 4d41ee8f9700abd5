//! A URL shortener: an axum service that turns long URLs into short codes
//! and redirects the codes back.
//!
//! Map of the crate:
//! - [`base62`]: counter value -> short code (`125` -> `"21"`).
//! - [`estimates`]: the back-of-the-envelope numbers, computed, not typed.
//! - [`store`]: the [`store::LinkStore`] trait, an in-memory store, and a
//!   wrapper that adds simulated latency and counts reads.
//! - [`cache`]: a small LRU and a [`cache::CachedStore`] that puts it in
//!   front of any store.
//! - [`shortener`]: the core rules (validation, code allocation, lookup),
//!   independent of HTTP.
//! - [`http`]: the axum router, the JSON error body, and `serve`.
//! - [`workload`]: a seeded, skewed request mix and the cache comparison
//!   that `cargo run -p url-shortener` prints.
//!
//! Architecture invariant: nothing below [`http`] knows about HTTP, and
//! nothing in the service panics on bad input; every rejection is a 4xx
//! JSON body.

pub mod base62;
pub mod cache;
pub mod estimates;
pub mod http;
pub mod shortener;
pub mod store;
pub mod workload;
