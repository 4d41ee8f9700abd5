//! Dining philosophers under loom: which fork-taking rules can deadlock.
//!
//! Every function that takes a fork uses loom's `Mutex` and
//! `thread::spawn`, so [`explore`] can run a dinner under `loom` and try
//! every interleaving of the philosophers that matters.
//!
//! Layout:
//! - [`explore`]: runs a model under loom and returns either the set of
//!   outcomes of every execution, or the number of the first execution in
//!   which every thread was blocked (a deadlock).
//! - [`table`]: the dinner itself: philosophers take their two forks by one
//!   of three [`table::Strategy`]s: left then right (can deadlock), lower
//!   numbered fork first (cannot), or `try_lock` with back-off and a budget of
//!   attempts (cannot deadlock, but a philosopher can give up).
//!
//! Binaries: `dining-philosophers` prints the verdict of every strategy for
//! two and three philosophers; `backoff-outcomes` prints, one per line, the
//! possible outcomes of two philosophers using `try_lock` with one attempt.

pub mod explore;
pub mod table;

pub use explore::{Outcomes, Verdict, explore};
