//! Retries on a simulated outage: the schedules of Marc Brooker's
//! "Exponential Backoff And Jitter" (AWS Architecture Blog, 2015), a retry
//! storm through three layers, a retry budget that caps it, and the rules
//! for which failures to retry.

pub mod backoff;
pub mod classify;
pub mod fleet;
pub mod setup;
pub mod storm;
