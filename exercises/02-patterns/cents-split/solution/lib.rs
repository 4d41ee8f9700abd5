// --- solution ---
//! Reference solution: a `Cents` newtype for money. Its arithmetic says
//! when it would overflow or go below zero instead of wrapping or
//! panicking, it prints as dollars, and it splits a bill into parts that
//! add up to the whole.
// --- stub ---
// //! Your turn: a `Cents` newtype for money. Its arithmetic should say when
// //! it would overflow or go below zero instead of wrapping or panicking, it
// //! should print as dollars, and it should split a bill into parts that add
// //! up to the whole.
// //!
// //! Run `cargo test -p cents-split` until it passes.
// --- end ---

use std::fmt;

/// An amount of money in cents, never negative.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cents(u64);

/// Why a split was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// Splitting into zero parts has no answer.
    NoParts,
}

impl Cents {
    pub const fn new(cents: u64) -> Cents {
        Cents(cents)
    }

    pub const fn get(self) -> u64 {
        self.0
    }

    /// The sum, or `None` if it does not fit in a `u64`.
    pub fn checked_add(self, other: Cents) -> Option<Cents> {
        // --- solution ---
        self.0.checked_add(other.0).map(Cents)
        // --- stub ---
        // let _ = (self, other);
        // todo!("Cents::checked_add")
        // --- end ---
    }

    /// The difference, or `None` if `other` is larger.
    pub fn checked_sub(self, other: Cents) -> Option<Cents> {
        // --- solution ---
        self.0.checked_sub(other.0).map(Cents)
        // --- stub ---
        // let _ = (self, other);
        // todo!("Cents::checked_sub")
        // --- end ---
    }

    /// Splits the amount into `parts` amounts that add up to it exactly and
    /// differ by at most one cent, larger ones first: $1.00 in three is
    /// $0.34, $0.33, $0.33.
    pub fn split(self, parts: usize) -> Result<Vec<Cents>, SplitError> {
        // --- solution ---
        if parts == 0 {
            return Err(SplitError::NoParts);
        }
        // A usize always fits a u64 on the platforms Rust supports today.
        let n = parts as u64;
        let (each, left_over) = (self.0 / n, self.0 % n);
        // `left_over` is less than `n`: one extra cent for each of the
        // first `left_over` parts puts every cent somewhere.
        Ok((0..n)
            .map(|i| Cents(each + u64::from(i < left_over)))
            .collect())
        // --- stub ---
        // let _ = (self, parts);
        // todo!("Cents::split")
        // --- end ---
    }
}

/// `$12.34`: a dollar sign, the dollars, a point and two digits of cents.
impl fmt::Display for Cents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // --- solution ---
        write!(f, "${}.{:02}", self.0 / 100, self.0 % 100)
        // --- stub ---
        // let _ = f;
        // todo!("Display for Cents")
        // --- end ---
    }
}
