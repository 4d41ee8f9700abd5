// --- solution ---
//! Reference solution: a count-based sliding window over call outcomes,
//! the trip condition resilience4j calls `COUNT_BASED`.
// --- stub ---
// //! Your turn: the trip condition of a failure-rate circuit breaker.
// //!
// //! The breaker in the chapter trips after N failures *in a row*. One success
// //! in between resets that count, so a dependency that fails 4 calls in 5
// //! never trips it. Production breakers (resilience4j, Polly) look at the
// //! *rate* of failures over a sliding window instead. You write that window.
// //!
// //! Layout: [`FailureRateWindow`] keeps the outcomes of the last `size`
// //! calls; [`FailureRateWindow::record`] adds one and says whether the
// //! breaker should trip. The struct's fields are yours to choose.
// //! The tests are in `tests/failure-rate-window.rs`.
// //!
// //! Run `cargo test -p failure-rate-window` until every test passes.
// --- end ---

// --- solution ---
use std::collections::VecDeque;

// --- end ---
/// A window configuration that cannot work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowError {
    /// A window of 0 calls can never see a failure.
    ZeroSize,
    /// A rate over 0 calls is 0/0.
    ZeroMinimumCalls,
    /// The window forgets calls before it has seen this many: it never trips.
    MinimumCallsAboveSize,
    /// The threshold is a percentage in 1..=100.
    ThresholdOutOfRange,
}

/// The outcomes of the last `size` calls, oldest first.
#[derive(Debug, Clone)]
pub struct FailureRateWindow {
    // --- solution ---
    size: usize,
    minimum_calls: usize,
    threshold_percent: u32,
    /// `true` is a failure. Never longer than `size`.
    outcomes: VecDeque<bool>,
    /// How many of `outcomes` are `true`, kept so a rate costs O(1).
    failures: usize,
    // --- stub ---
    // // Your fields. The contract: the window remembers the outcomes of
    // // the last `size` calls and no more, and every method below takes
    // // O(1) time, however large `size` is.
    // --- end ---
}

impl FailureRateWindow {
    /// A window over the last `size` calls that trips once it holds at least
    /// `minimum_calls` outcomes and at least `threshold_percent` percent of
    /// them are failures.
    pub fn new(
        size: usize,
        minimum_calls: usize,
        threshold_percent: u32,
    ) -> Result<Self, WindowError> {
        // --- solution ---
        if size == 0 {
            return Err(WindowError::ZeroSize);
        }
        if minimum_calls == 0 {
            return Err(WindowError::ZeroMinimumCalls);
        }
        if minimum_calls > size {
            return Err(WindowError::MinimumCallsAboveSize);
        }
        if !(1..=100).contains(&threshold_percent) {
            return Err(WindowError::ThresholdOutOfRange);
        }
        Ok(Self {
            size,
            minimum_calls,
            threshold_percent,
            outcomes: VecDeque::with_capacity(size),
            failures: 0,
        })
        // --- stub ---
        // let _ = (size, minimum_calls, threshold_percent);
        // todo!("validate the arguments, then build an empty window")
        // --- end ---
    }

    /// Records one call's outcome, forgetting the oldest when the window is
    /// full. Returns `true` when the breaker should trip.
    pub fn record(&mut self, failed: bool) -> bool {
        // --- solution ---
        if self.outcomes.len() == self.size && self.outcomes.pop_front() == Some(true) {
            self.failures -= 1;
        }
        self.outcomes.push_back(failed);
        if failed {
            self.failures += 1;
        }
        self.should_trip()
        // --- stub ---
        // let _ = failed;
        // todo!("add the outcome, then say whether the breaker should trip")
        // --- end ---
    }
    // --- solution ---

    fn should_trip(&self) -> bool {
        let calls = self.outcomes.len();
        // Compare in integers: failures / calls >= threshold / 100, with no
        // float rounding at the boundary (1 of 3 against 33% trips).
        calls >= self.minimum_calls
            && self.failures as u64 * 100 >= u64::from(self.threshold_percent) * calls as u64
    }
    // --- end ---

    /// The failure rate in whole percent (rounded down), or `None` while the
    /// window holds fewer than `minimum_calls` outcomes.
    pub fn failure_rate_percent(&self) -> Option<u32> {
        // --- solution ---
        let calls = self.outcomes.len();
        if calls < self.minimum_calls {
            return None;
        }
        let percent = self.failures * 100 / calls;
        Some(u32::try_from(percent).expect("a percentage fits in u32"))
        // --- stub ---
        // todo!()
        // --- end ---
    }

    /// How many outcomes the window holds now.
    pub fn len(&self) -> usize {
        // --- solution ---
        self.outcomes.len()
        // --- stub ---
        // todo!()
        // --- end ---
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Forgets every outcome, as a breaker does when it closes again.
    pub fn reset(&mut self) {
        // --- solution ---
        self.outcomes.clear();
        self.failures = 0;
        // --- stub ---
        // todo!()
        // --- end ---
    }
}
