//! Search three ways, each beside the brute-force scan it replaces.

pub mod corpus;
pub mod hnsw;
pub mod index;
pub mod trie;
