//! The lost update, proven by enumeration.
//!
//! Every function here that touches shared state uses loom's versions of
//! `Arc`, `Mutex`, atomics and `thread::spawn`, so [`explore`] can run it under
//! `loom` and try every interleaving of the threads that matters.
//!
//! Layout:
//! - [`explore`]: runs a model under loom and collects the final value of
//!   every execution into a std (not loom) set.
//! - [`counter`]: two threads add to one counter, four ways: load then store
//!   (racy), `fetch_add`, a `compare_exchange` loop, and a `Mutex`.
//! - [`account`]: check-then-act on a balance: checking and acting under two
//!   lock acquisitions (racy) versus one.
//! - [`publish`]: handing data to another thread through a flag, with
//!   `Relaxed` versus `Release`/`Acquire` (the memory-ordering listing
//!   builds on it).
//!
//! Binaries: `lost-update` prints every version's possible final values and
//! `racy-outcomes` prints, one per line, the possible finals of the racy
//! counter when each of two threads increments twice.

pub mod account;
pub mod counter;
pub mod explore;
pub mod publish;

pub use explore::{Outcomes, explore};
