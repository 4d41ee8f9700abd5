//! The two laws, and a least-squares fit of the second to measured points.

// ANCHOR: amdahl
/// Amdahl's law: the speedup on `n` workers of a job whose `parallel`
/// fraction (0 to 1) can be split, while the rest runs on one worker.
pub fn amdahl(parallel: f64, n: u32) -> f64 {
    let n = f64::from(n);
    1.0 / ((1.0 - parallel) + parallel / n)
}
// ANCHOR_END: amdahl

// ANCHOR: usl
/// The universal scalability law: relative capacity on `n` workers, with
/// `sigma` for contention (waiting for a shared resource) and `kappa` for
/// coherence (every pair of workers paying to agree with each other).
pub fn usl(sigma: f64, kappa: f64, n: u32) -> f64 {
    let n = f64::from(n);
    n / (1.0 + sigma * (n - 1.0) + kappa * n * (n - 1.0))
}
// ANCHOR_END: usl

/// The worker count with the highest capacity under the USL, where adding
/// one more worker starts to lower throughput. `None` when `kappa` is 0:
/// capacity then rises for ever towards `1 / sigma`.
pub fn usl_peak(sigma: f64, kappa: f64) -> Option<f64> {
    (kappa > 0.0).then(|| ((1.0 - sigma) / kappa).sqrt())
}

/// The USL's coefficients, fitted to throughput measurements.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UslFit {
    /// Throughput of one worker, `X(1)`.
    pub single: f64,
    pub sigma: f64,
    pub kappa: f64,
}

impl UslFit {
    /// The throughput the fitted law predicts on `n` workers.
    pub fn throughput(&self, n: u32) -> f64 {
        self.single * usl(self.sigma, self.kappa, n)
    }
}

/// Why a set of measurements cannot be fitted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FitError {
    #[error("no measurement with 1 worker: the fit needs X(1) to compare with")]
    NoSingleWorker,
    #[error("{0} points: the fit needs 1 worker and at least two other counts")]
    TooFewPoints(usize),
    #[error("the point for {workers} workers is not a positive count with a positive throughput")]
    NotPositive { workers: u32 },
    #[error("the worker counts do not tell contention and coherence apart")]
    Degenerate,
}

// ANCHOR: fit
/// Fits the USL to `(workers, throughput)` points by least squares, the way
/// Gunther's book does it: with `C(n) = X(n) / X(1)`, the law rearranges to
/// `n / C(n) - 1 = sigma (n - 1) + kappa n (n - 1)`, which is linear in the
/// two unknowns. Needs the one-worker point and at least two others.
pub fn fit_usl(points: &[(u32, f64)]) -> Result<UslFit, FitError> {
    if let Some(&(workers, _)) = points.iter().find(|(n, x)| *n == 0 || *x <= 0.0) {
        return Err(FitError::NotPositive { workers });
    }
    let single = points
        .iter()
        .find(|(n, _)| *n == 1)
        .map(|&(_, x)| x)
        .ok_or(FitError::NoSingleWorker)?;
    let others: Vec<(f64, f64)> = points
        .iter()
        .filter(|(n, _)| *n > 1)
        .map(|&(n, x)| (f64::from(n), x / single))
        .collect();
    if others.len() < 2 {
        return Err(FitError::TooFewPoints(points.len()));
    }
    // Normal equations of y = sigma * a + kappa * b, no intercept.
    let (mut aa, mut ab, mut bb, mut ay, mut by) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for (n, capacity) in others {
        let y = n / capacity - 1.0;
        let a = n - 1.0;
        let b = n * (n - 1.0);
        aa += a * a;
        ab += a * b;
        bb += b * b;
        ay += a * y;
        by += b * y;
    }
    let det = aa * bb - ab * ab;
    if det.abs() < 1e-12 {
        return Err(FitError::Degenerate);
    }
    Ok(UslFit {
        single,
        sigma: (ay * bb - by * ab) / det,
        kappa: (aa * by - ab * ay) / det,
    })
}
// ANCHOR_END: fit
