//! SLIs as good and valid events, and an SLO's error budget.

use std::ops::AddAssign;

// ANCHOR: counts
/// An SLI over some span of time: of the `valid` events, how many were
/// good. The SLI is `good / valid`; everything else derives from the two.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub good: u64,
    pub valid: u64,
}

impl Counts {
    pub fn add(&mut self, good: bool) {
        self.valid += 1;
        self.good += u64::from(good);
    }

    pub fn bad(&self) -> u64 {
        self.valid - self.good
    }

    /// The SLI in percent; 100% when nothing was valid.
    pub fn percent(&self) -> f64 {
        match self.valid {
            0 => 100.0,
            valid => 100.0 * self.good as f64 / valid as f64,
        }
    }
}
// ANCHOR_END: counts

impl AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.good += other.good;
        self.valid += other.valid;
    }
}

/// The sum of a span of minutes.
pub fn total(minutes: &[Counts]) -> Counts {
    let mut sum = Counts::default();
    for &m in minutes {
        sum += m;
    }
    sum
}

// ANCHOR: slo
/// A target for an SLI over a window of days: 99.9% over 30 days is
/// `Slo { target_ppm: 999_000, days: 30 }`. Parts per million keep the
/// arithmetic in integers, so "exactly at the target" is exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slo {
    pub target_ppm: u64,
    pub days: u64,
}

impl Slo {
    /// The share of valid events allowed to be bad: 1,000 ppm for 99.9%.
    pub fn budget_ppm(&self) -> u64 {
        1_000_000 - self.target_ppm
    }

    /// How many bad events the window may hold, rounded down.
    pub fn budget_events(&self, valid: u64) -> u64 {
        valid * self.budget_ppm() / 1_000_000
    }

    pub fn met(&self, counts: Counts) -> bool {
        counts.good * 1_000_000 >= self.target_ppm * counts.valid
    }
}
// ANCHOR_END: slo
