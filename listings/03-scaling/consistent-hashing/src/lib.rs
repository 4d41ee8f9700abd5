//! Where does a key live when there are many nodes?
//!
//! Two answers, measured against each other by `cargo run -p consistent-hashing`:
//!
//! - [`ring::node_by_modulo`]: `hash(key) % n`. Even, but a change of `n`
//!   moves about n/(n+1) of all keys.
//! - [`ring::HashRing`]: a ring of virtual-node points in a `BTreeMap`; a key
//!   belongs to the first point clockwise. A joining node takes only its own
//!   share, about 1/(n+1), and nothing else moves.
//!
//! Layout:
//! - `hash.rs`: [`hash::stable_hash`], FNV-1a 64 plus the fmix64 finalizer,
//!   stable across machines and Rust versions (std's hashers are not).
//! - `ring.rs`: [`ring::NodeId`], the modulo placement and the ring.
//! - `stats.rs`: [`stats::Spread`] (keys per node) and [`stats::Movement`]
//!   (keys that moved when a node joined).
//! - `main.rs`: the experiment: 100,000 keys, 10 nodes, an 11th joins.

pub mod hash;
pub mod ring;
pub mod stats;
