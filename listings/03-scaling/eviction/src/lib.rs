//! Eviction: which key a full cache drops, and what the choice costs in
//! hits.
//!
//! Layout:
//! - [`lru`]: an O(1) LRU cache, a hash map plus a linked list in a `Vec`.
//! - [`policies`]: LRU, LFU, FIFO, random and Redis's sampled LRU on one
//!   interface, a TTL-only cache, the most popular keys held fixed, and
//!   the clairvoyant optimum.
//! - [`trace`]: the seeded Zipf trace they all see.
//! - [`redis_run`] and `src/bin/redis.rs`: the same trace through a real
//!   Redis under `allkeys-lru`, `-lfu` and `-random`; `src/bin/speed.rs`:
//!   our LRU against the `lru` and `moka` crates.

pub mod lru;
pub mod policies;
pub mod redis_run;
pub mod trace;
