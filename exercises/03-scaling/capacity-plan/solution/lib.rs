//! Capacity planning with the universal scalability law: the fewest
//! workers that reach a target throughput, or the most the law allows.
//!
// --- solution ---
//! Reference solution of the exercise; the tests live in
//! `../tests/capacity-plan.rs`.
// --- stub ---
// //! Your task: implement [`workers_for`] until `cargo test -p capacity-plan`
// //! passes. The tests in `tests/capacity-plan.rs` are the specification.
// --- end ---

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
    // --- solution ---
    if !(target.is_finite() && target > 0.0) {
        return Err(PlanError::InvalidTarget);
    }
    let valid = law.single.is_finite()
        && law.single > 0.0
        && (0.0..=1.0).contains(&law.sigma)
        && law.kappa >= 0.0
        && law.kappa.is_finite();
    if !valid {
        return Err(PlanError::InvalidLaw);
    }
    // Throughput rises up to the peak and falls after it, so the search
    // stops there: with kappa > 0 the peak is at sqrt((1 - sigma) / kappa),
    // and with kappa = 0 the law rises for ever.
    let peak = if law.kappa > 0.0 {
        let exact = ((1.0 - law.sigma) / law.kappa).sqrt();
        // The best whole number of workers is on one side of the exact peak.
        // (`as` saturates, and the `clamp` leaves room for `below + 1`.)
        let below = (exact.floor() as u32).clamp(1, u32::MAX - 1);
        Some(if law.throughput(below + 1) > law.throughput(below) {
            below + 1
        } else {
            below
        })
    } else {
        None
    };
    if let Some(peak) = peak {
        if law.throughput(peak) < target {
            return Err(PlanError::Unreachable {
                best: law.throughput(peak),
                workers: Some(peak),
            });
        }
    } else if law.sigma > 0.0 && law.single / law.sigma <= target {
        return Err(PlanError::Unreachable {
            best: law.single / law.sigma,
            workers: None,
        });
    }
    // Below the peak the law only rises, so a binary search finds the
    // first count that reaches the target.
    let (mut low, mut high) = (1u32, peak.unwrap_or(u32::MAX));
    if law.throughput(low) >= target {
        return Ok(1);
    }
    if law.throughput(high) < target {
        // Only a target within a hair of an unreachable limit gets here.
        return Err(PlanError::Unreachable {
            best: law.throughput(high),
            workers: Some(high),
        });
    }
    // Invariant: throughput(low) < target <= throughput(high).
    while high - low > 1 {
        let mid = low + (high - low) / 2;
        if law.throughput(mid) >= target {
            high = mid;
        } else {
            low = mid;
        }
    }
    Ok(high)
    // --- stub ---
    // let _ = (law, target);
    // todo!("workers_for")
    // --- end ---
}
