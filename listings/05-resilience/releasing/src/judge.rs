//! The canary judge: v2's error rate against v1's, decided only on enough
//! requests.

/// Requests seen and how many of them failed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub requests: u64,
    pub failures: u64,
}

impl Counts {
    pub fn record(&mut self, failed: bool) {
        self.requests += 1;
        self.failures += u64::from(failed);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Too few requests to say anything.
    Wait,
    Pass,
    Rollback,
}

// ANCHOR: judge
#[derive(Debug, Clone, Copy)]
pub struct Judge {
    /// No verdict before the canary has served this many requests.
    pub min_samples: u64,
    /// Roll back when the canary's error rate exceeds the baseline's by
    /// more than this many percentage points.
    pub threshold_points: u64,
    /// Seconds between two looks.
    pub every: u64,
}
// ANCHOR_END: judge

impl Judge {
    pub fn verdict(&self, baseline: Counts, canary: Counts) -> Verdict {
        if canary.requests < self.min_samples || baseline.requests == 0 {
            return Verdict::Wait;
        }
        // canary.failures / canary.requests - baseline.failures /
        // baseline.requests > threshold / 100, with both sides multiplied
        // by 100 * canary.requests * baseline.requests: no division, no
        // rounding.
        let (cf, cn) = (canary.failures as u128, canary.requests as u128);
        let (bf, bn) = (baseline.failures as u128, baseline.requests as u128);
        let excess = 100 * cf * bn;
        let allowed = 100 * bf * cn + self.threshold_points as u128 * cn * bn;
        if excess > allowed {
            Verdict::Rollback
        } else {
            Verdict::Pass
        }
    }
}
