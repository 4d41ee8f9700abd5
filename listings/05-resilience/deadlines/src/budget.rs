//! The budget on the wire: gRPC's `grpc-timeout` header, a relative
//! duration of at most 8 digits and a unit (`H`, `M`, `S`, `m`, `u`, `n`).

use std::time::Duration;

/// Why an incoming budget header was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BudgetError {
    #[error("empty grpc-timeout")]
    Empty,
    #[error("grpc-timeout needs 1 to 8 digits, got {0}")]
    Digits(usize),
    #[error("grpc-timeout value is not a number")]
    NotANumber,
    #[error("grpc-timeout unit must be one of H M S m u n")]
    Unit,
}

// ANCHOR: parse
/// Parses a `grpc-timeout` value such as `250m` (250 ms). Never panics:
/// anything else is a `BudgetError`, which the service answers with an
/// invalid-argument error instead of guessing a budget.
pub fn parse_grpc_timeout(value: &str) -> Result<Duration, BudgetError> {
    let Some(unit) = value.chars().last() else {
        return Err(BudgetError::Empty);
    };
    let digits = &value[..value.len() - unit.len_utf8()];
    if digits.is_empty() || digits.len() > 8 {
        return Err(BudgetError::Digits(digits.len()));
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(BudgetError::NotANumber); // no sign, no spaces, no "1e3"
    }
    let n: u64 = digits.parse().map_err(|_| BudgetError::NotANumber)?;
    Ok(match unit {
        'H' => Duration::from_secs(n * 3600), // 8 digits of hours fit in u64
        'M' => Duration::from_secs(n * 60),
        'S' => Duration::from_secs(n),
        'm' => Duration::from_millis(n),
        'u' => Duration::from_micros(n),
        'n' => Duration::from_nanos(n),
        _ => return Err(BudgetError::Unit),
    })
}
// ANCHOR_END: parse

/// Formats a budget for the next hop, rounded down to whole milliseconds
/// (never up: a hop must not pass on more than it has), or to whole
/// seconds when milliseconds would need more than 8 digits.
pub fn format_grpc_timeout(budget: Duration) -> String {
    let ms = budget.as_millis();
    if ms < 100_000_000 {
        format!("{ms}m")
    } else {
        format!("{}S", (budget.as_secs()).min(99_999_999))
    }
}
