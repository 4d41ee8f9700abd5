//! "Have I seen this key?" answered in about 10 bits per key.
//!
//! Layout:
//! - `hash`: FNV-1a + splitmix64, two stable 64-bit hashes per key.
//! - `filter`: `BloomFilter` (m bits, k probes by double hashing), the
//!   false-positive formula, optimal k, sizing from a target rate, errors.
//! - `exact`: `ExactSet`, the `HashSet<String>` baseline and its memory.
//! - `measure`: the keys "key-0", "key-1", ..., filling a filter with some
//!   and counting the false positives among others.
//! - `main.rs`: inserts 100,000 keys, probes 1,000,000 others, and prints
//!   measured vs formula false-positive rates and memory per key.
//! - `bin/figures.rs`: `-- fpr` draws measured and formula false-positive
//!   rates against bits per key as an SVG chart.
//!
//! Deliberately absent: deletion (a plain Bloom filter cannot forget a key;
//! see the counting-bloom exercise) and thread safety (wrap it in a lock or
//! use `fastbloom::AtomicBloomFilter`).

pub mod exact;
pub mod filter;
pub mod hash;
pub mod measure;

pub use exact::ExactSet;
pub use filter::{
    BloomError, BloomFilter, MAX_BITS, MAX_HASHES, bits_for_fp_rate, formula_fp_rate, optimal_k,
};
pub use hash::{KeyHash, fnv1a64, splitmix64};
