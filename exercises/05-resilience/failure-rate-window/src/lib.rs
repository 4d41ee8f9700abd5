//! Your turn: the trip condition of a failure-rate circuit breaker.
//!
//! The breaker in the chapter trips after N failures *in a row*. One success
//! in between resets that count, so a dependency that fails 4 calls in 5
//! never trips it. Production breakers (resilience4j, Polly) look at the
//! *rate* of failures over a sliding window instead. You write that window.
//!
//! Layout: [`FailureRateWindow`] keeps the outcomes of the last `size`
//! calls; [`FailureRateWindow::record`] adds one and says whether the
//! breaker should trip. The struct's fields are yours to choose.
//! The tests are in `tests/failure-rate-window.rs`.
//!
//! Run `cargo test -p failure-rate-window` until every test passes.

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
    // Your fields. The contract: the window remembers the outcomes of
    // the last `size` calls and no more, and every method below takes
    // O(1) time, however large `size` is.
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
        let _ = (size, minimum_calls, threshold_percent);
        todo!("validate the arguments, then build an empty window")
    }

    /// Records one call's outcome, forgetting the oldest when the window is
    /// full. Returns `true` when the breaker should trip.
    pub fn record(&mut self, failed: bool) -> bool {
        let _ = failed;
        todo!("add the outcome, then say whether the breaker should trip")
    }

    /// The failure rate in whole percent (rounded down), or `None` while the
    /// window holds fewer than `minimum_calls` outcomes.
    pub fn failure_rate_percent(&self) -> Option<u32> {
        todo!()
    }

    /// How many outcomes the window holds now.
    pub fn len(&self) -> usize {
        todo!()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Forgets every outcome, as a breaker does when it closes again.
    pub fn reset(&mut self) {
        todo!()
    }
}
