//! Health checks, failure detectors and fencing tokens, all on simulated
//! time so every run prints the same numbers.

pub mod detector;
pub mod fencing;
pub mod health;
