//! "Have I seen this key?" answered in about 10 bits per key.
//!
//! Layout:
//! - `hash`: FNV-1a + splitmix64, two stable 64-bit hashes per key.
//! - `filter`: `BloomFilter` (m bits, k probes by double hashing), the
//!   false-positive formula, optimal k, sizing from a target rate, errors.
//! - `exact`: `ExactSet`, the `HashSet<String>` baseline and its memory.
//! - `main.rs`: inserts 100,000 keys, probes 1,000,000 others, and prints
//!   measured vs formula false-positive rates and memory per key.
//!
//! Deliberately absent: deletion (a plain Bloom filter cannot forget a key;
//! see the counting-bloom exercise) and thread safety (wrap it in a lock or
//! use `fastbloom::AtomicBloomFilter`).

pub mod exact;
pub mod filter;
pub mod hash;

pub use exact::ExactSet;
pub use filter::{
    BloomError, BloomFilter, MAX_BITS, MAX_HASHES, bits_for_fp_rate, formula_fp_rate, optimal_k,
};
pub use hash::{KeyHash, fnv1a64, splitmix64};
