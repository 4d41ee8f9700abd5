//! Smooth weighted round robin: every server gets requests in proportion to
//! its weight, deterministically, and interleaved rather than in bursts.
//!
//! Your task: implement [`SmoothWeighted`] until
//! `cargo test -p smooth-weighted` passes. The tests in
//! `tests/smooth-weighted.rs` are the specification.

/// Why a list of weighted servers was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WeightError {
    /// No servers at all.
    Empty,
    /// A server with weight 0 would never be picked; remove it instead.
    ZeroWeight(String),
    /// The same name twice.
    Duplicate(String),
}

/// A balancer over named servers with fixed weights.
#[derive(Debug)]
pub struct SmoothWeighted {
    // Choose what it keeps.
}

impl SmoothWeighted {
    /// A balancer over `(name, weight)` pairs, in the order given.
    pub fn new(servers: &[(&str, u32)]) -> Result<SmoothWeighted, WeightError> {
        let _ = servers;
        todo!("new")
    }

    /// The server for the next request. Over any `total weight` picks in a
    /// row, starting from the first, each server is picked exactly
    /// `weight` times.
    pub fn pick(&mut self) -> &str {
        todo!("pick")
    }
}
