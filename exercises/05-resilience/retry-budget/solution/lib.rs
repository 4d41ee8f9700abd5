// --- solution ---
//! Reference solution: a retry budget as a token bucket that requests fill
//! and retries drain, in hundredths of a retry so that no float rounds.
// --- stub ---
// //! Your turn: a retry budget.
// //!
// //! Per-request retry limits ("up to 3 retries") multiply in an outage:
// //! every request becomes 4 calls. A retry budget caps retries across
// //! requests instead: each request a client serves earns it `percent`
// //! hundredths of a retry, each retry spends one whole retry, and no more
// //! than `max_banked` retries can be saved up. You write the budget and the
// //! retry loop that uses it.
// //!
// //! The tests are in `tests/retry-budget.rs`.
// //! Run `cargo test -p retry-budget` until every test passes.
// --- end ---

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
    // --- solution ---
    /// Hundredths of a retry earned per request.
    percent: u64,
    /// The most the balance may hold, in hundredths.
    max_balance: u64,
    /// What is saved now, in hundredths of a retry.
    balance: u64,
    // --- stub ---
    // // Your fields. The contract: 100 requests earn exactly `percent`
    // // retries, a retry spends exactly one, and the budget never holds more
    // // than `max_banked` retries, however quiet the past.
    // --- end ---
}

impl RetryBudget {
    /// A budget that starts empty, earns `percent` hundredths of a retry per
    /// request and saves at most `max_banked` retries.
    pub fn new(percent: u32, max_banked: u32) -> Result<Self, BudgetError> {
        // --- solution ---
        if !(1..=100).contains(&percent) {
            return Err(BudgetError::PercentOutOfRange);
        }
        if max_banked == 0 {
            return Err(BudgetError::ZeroMaxBanked);
        }
        Ok(Self {
            percent: u64::from(percent),
            max_balance: u64::from(max_banked) * 100,
            balance: 0,
        })
        // --- stub ---
        // let _ = (percent, max_banked);
        // todo!("validate, then build an empty budget")
        // --- end ---
    }

    /// A deposit: call once for every request, never for a retry.
    pub fn on_request(&mut self) {
        // --- solution ---
        self.balance = (self.balance + self.percent).min(self.max_balance);
        // --- stub ---
        // todo!()
        // --- end ---
    }

    /// A withdrawal: spends one retry and returns `true`, or returns `false`
    /// and spends nothing if the budget holds less than one.
    pub fn try_retry(&mut self) -> bool {
        // --- solution ---
        if self.balance >= 100 {
            self.balance -= 100;
            true
        } else {
            false
        }
        // --- stub ---
        // todo!()
        // --- end ---
    }

    /// Whole retries the budget would allow now.
    pub fn available(&self) -> u32 {
        // --- solution ---
        u32::try_from(self.balance / 100).expect("at most max_banked")
        // --- stub ---
        // todo!()
        // --- end ---
    }
}

/// Sends one request: calls `attempt` until it returns `true`, at most
/// `max_attempts` times, retrying only while `budget` allows. Returns how
/// many times `attempt` was called.
pub fn send(budget: &mut RetryBudget, max_attempts: u32, mut attempt: impl FnMut() -> bool) -> u32 {
    // --- solution ---
    budget.on_request();
    let mut calls = 0;
    while calls < max_attempts {
        calls += 1;
        if attempt() {
            break;
        }
        if calls == max_attempts || !budget.try_retry() {
            break;
        }
    }
    calls
    // --- stub ---
    // let _ = (budget, max_attempts, &mut attempt);
    // todo!()
    // --- end ---
}
