//! Your turn: the time half of an estimate. A request makes calls, some
//! one after another and some at the same time; given what one call of
//! each operation costs, what is the least time the request can take, and
//! which call is most of it?
//!
//! Layout: [`Call`] is one call (an operation, done some number of times
//! in a row), a stage is a `Vec<Call>` made at the same time, and
//! [`least_time`] is the function you write. The tests are in
//! `tests/latency-budget.rs`.
//!
//! Run `cargo test -p latency-budget` until every test passes.

/// One call a request makes: `operation` (a name in the cost table), done
/// `times` times, one after another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Call {
    pub operation: &'static str,
    pub times: u64,
}

impl Call {
    pub const fn new(operation: &'static str, times: u64) -> Call {
        Call { operation, times }
    }
}

/// The least time a request takes, and the call that is most of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Nanoseconds, if every call costs exactly its table entry.
    pub least_ns: u64,
    /// The operation of the costliest call the request waits for: `None`
    /// when it makes no call at all.
    pub dominant: Option<&'static str>,
}

/// Why there is no answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BudgetError {
    /// A call names an operation that the cost table does not have.
    UnknownOperation(&'static str),
    /// A call's time or the total does not fit in 64 bits.
    Overflow,
}

/// The least time a request takes that runs `stages` one after another,
/// where the calls of one stage are made at the same time, and `costs`
/// gives the nanoseconds one call of each operation takes.
///
/// - A call takes `times` times its operation's cost.
/// - A stage takes as long as its slowest call (an empty stage takes 0).
/// - The request takes the sum of its stages.
/// - `dominant` is the operation of the call that takes longest among
///   the calls the request waits for (on a tie, the one in the earlier
///   stage, then the earlier one in its stage); `None` if there is no call.
/// - A call whose operation is not in `costs` is
///   `Err(BudgetError::UnknownOperation(name))`, wherever it is; a product
///   or sum that does not fit in a `u64` is `Err(BudgetError::Overflow)`.
pub fn least_time(stages: &[Vec<Call>], costs: &[(&str, u64)]) -> Result<Budget, BudgetError> {
    let _ = (stages, costs);
    todo!("cost each call, keep each stage's slowest, add the stages up")
}
