//! Your turn: a retry budget.
//!
//! Per-request retry limits ("up to 3 retries") multiply in an outage:
//! every request becomes 4 calls. A retry budget caps retries across
//! requests instead: each request a client serves earns it `percent`
//! hundredths of a retry, each retry spends one whole retry, and no more
//! than `max_banked` retries can be saved up. You write the budget and the
//! retry loop that uses it.
//!
//! The tests are in `tests/retry-budget.rs`.
//! Run `cargo test -p retry-budget` until every test passes.

/// A budget configuration that cannot work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetError {
    /// `percent` is the share of requests that may be retried, in 1..=100.
    PercentOutOfRange,
    /// A budget that can never hold a whole retry never allows one.
    ZeroMaxBanked,
}

/// Retries earned by requests, spent by retries.
#[derive(Debug, Clone)]
pub struct RetryBudget {
    // Your fields. The contract: 100 requests earn exactly `percent`
    // retries, a retry spends exactly one, and the budget never holds more
    // than `max_banked` retries, however quiet the past.
}

impl RetryBudget {
    /// A budget that starts empty, earns `percent` hundredths of a retry per
    /// request and saves at most `max_banked` retries.
    pub fn new(percent: u32, max_banked: u32) -> Result<Self, BudgetError> {
        let _ = (percent, max_banked);
        todo!("validate, then build an empty budget")
    }

    /// A deposit: call once for every request, never for a retry.
    pub fn on_request(&mut self) {
        todo!()
    }

    /// A withdrawal: spends one retry and returns `true`, or returns `false`
    /// and spends nothing if the budget holds less than one.
    pub fn try_retry(&mut self) -> bool {
        todo!()
    }

    /// Whole retries the budget would allow now.
    pub fn available(&self) -> u32 {
        todo!()
    }
}

/// Sends one request: calls `attempt` until it returns `true`, at most
/// `max_attempts` times, retrying only while `budget` allows. Returns how
/// many times `attempt` was called.
pub fn send(budget: &mut RetryBudget, max_attempts: u32, mut attempt: impl FnMut() -> bool) -> u32 {
    let _ = (budget, max_attempts, &mut attempt);
    todo!()
}
