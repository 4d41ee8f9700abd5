//! Your turn: a `Cents` newtype for money. Its arithmetic should say when
//! it would overflow or go below zero instead of wrapping or panicking, it
//! should print as dollars, and it should split a bill into parts that add
//! up to the whole.
//!
//! Run `cargo test -p cents-split` until it passes.

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
        let _ = (self, other);
        todo!("Cents::checked_add")
    }

    /// The difference, or `None` if `other` is larger.
    pub fn checked_sub(self, other: Cents) -> Option<Cents> {
        let _ = (self, other);
        todo!("Cents::checked_sub")
    }

    /// Splits the amount into `parts` amounts that add up to it exactly and
    /// differ by at most one cent, larger ones first: $1.00 in three is
    /// $0.34, $0.33, $0.33.
    pub fn split(self, parts: usize) -> Result<Vec<Cents>, SplitError> {
        let _ = (self, parts);
        todo!("Cents::split")
    }
}

/// `$12.34`: a dollar sign, the dollars, a point and two digits of cents.
impl fmt::Display for Cents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let _ = f;
        todo!("Display for Cents")
    }
}
