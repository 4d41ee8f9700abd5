// --- solution ---
//! Reference solution: the canary judge, rates compared in integers once
//! both sides have enough requests.
// --- stub ---
// //! Your turn: the judge of an automated canary.
// //!
// //! Every few seconds the rollout asks: given what the baseline (the old
// //! version) and the canary (the new one) have served so far, promote the
// //! canary, roll it back, or wait? You write the answer.
// //!
// //! The tests are in `tests/canary-judge.rs`. Run
// //! `cargo test -p canary-judge` until every test passes.
// --- end ---

/// Requests one side has served, and how many of them failed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub requests: u64,
    pub failures: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Not enough requests on one side or the other to decide.
    Wait,
    Promote,
    Rollback,
}

/// A judge that cannot work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JudgeError {
    /// A rate over 0 requests is 0/0.
    ZeroMinimum,
    /// The threshold is in percentage points, 0 to 100.
    ThresholdAbove100,
}

#[derive(Debug, Clone, Copy)]
// --- stub ---
// #[allow(dead_code)] // `judge` reads them once you have written it
// --- end ---
pub struct CanaryJudge {
    min_requests: u64,
    threshold_points: u64,
}

impl CanaryJudge {
    /// A judge that decides only once both sides have served at least
    /// `min_requests`, and rolls back when the canary's error rate is more
    /// than `threshold_points` percentage points above the baseline's.
    pub fn new(min_requests: u64, threshold_points: u64) -> Result<CanaryJudge, JudgeError> {
        if min_requests == 0 {
            return Err(JudgeError::ZeroMinimum);
        }
        if threshold_points > 100 {
            return Err(JudgeError::ThresholdAbove100);
        }
        Ok(CanaryJudge {
            min_requests,
            threshold_points,
        })
    }

    /// Wait, promote or roll back. Counts are totals so far; `failures` is
    /// never above `requests`. Must not overflow for any counts up to
    /// 10^18.
    pub fn judge(&self, baseline: Counts, canary: Counts) -> Verdict {
        // --- solution ---
        if baseline.requests < self.min_requests || canary.requests < self.min_requests {
            return Verdict::Wait;
        }
        // cf/cn - bf/bn > t/100  <=>  100·cf·bn > 100·bf·cn + t·cn·bn,
        // all positive, in u128 so that no product overflows.
        let (cf, cn) = (u128::from(canary.failures), u128::from(canary.requests));
        let (bf, bn) = (u128::from(baseline.failures), u128::from(baseline.requests));
        let t = u128::from(self.threshold_points);
        if 100 * cf * bn > 100 * bf * cn + t * cn * bn {
            Verdict::Rollback
        } else {
            Verdict::Promote
        }
        // --- stub ---
        // let _ = (self, baseline, canary);
        // todo!("compare the canary's error rate with the baseline's")
        // --- end ---
    }
}
