//! Capacity planning with the universal scalability law: the fewest
//! workers that reach a target throughput, or the most the law allows.
//!
//! Your task: implement [`workers_for`] until `cargo test -p capacity-plan`
//! passes. The tests in `tests/capacity-plan.rs` are the specification.

/// A fitted USL: `X(n) = single * n / (1 + sigma (n - 1) + kappa n (n - 1))`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Usl {
    /// Throughput of one worker, requests per second.
    pub single: f64,
    /// Contention, 0 to 1.
    pub sigma: f64,
    /// Coherence, 0 or more.
    pub kappa: f64,
}

impl Usl {
    /// The law's throughput on `n` workers.
    pub fn throughput(&self, n: u32) -> f64 {
        let n = f64::from(n);
        self.single * n / (1.0 + self.sigma * (n - 1.0) + self.kappa * n * (n - 1.0))
    }
}

/// Why no number of workers is the answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PlanError {
    /// The target is not a positive, finite number of requests per second.
    InvalidTarget,
    /// The coefficients are not a law: `single` must be positive and
    /// finite, `sigma` in `0..=1`, `kappa` at least 0.
    InvalidLaw,
    /// More workers never reach the target. `best` is the highest
    /// throughput the law allows, reached with `workers` workers, or only
    /// approached as workers grow without end when `workers` is `None`.
    Unreachable { best: f64, workers: Option<u32> },
}

/// The fewest workers whose throughput under `law` is at least `target`.
pub fn workers_for(law: Usl, target: f64) -> Result<u32, PlanError> {
    let _ = (law, target);
    todo!("workers_for")
}
