//! Partitioning: which machine holds a key. The same keys go through three
//! schemes, and the chapter measures what each does to writes, to range
//! scans, to a hot key, and to the keys that move when a node joins.
//!
//! - [`scheme`]: range partitions, `hash % n`, and a fixed number of hash
//!   partitions spread over the nodes.
//! - [`measure`]: the experiments, each returning the numbers it prints.

pub mod measure;
pub mod scheme;
