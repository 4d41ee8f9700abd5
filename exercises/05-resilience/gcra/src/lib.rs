//! Your turn: a rate limiter that stores one number per client.
//!
//! [`Gcra`] admits a burst of `burst` requests, then one every `interval`
//! ticks, like a token bucket of `burst` tokens refilled one per
//! `interval`, but it keeps no token count: only the theoretical arrival
//! time (TAT) of the next request. [`Gcra::check`] admits a request, or
//! says how many ticks until one would be admitted.
//! The tests are in `tests/gcra.rs`.
//!
//! Run `cargo test -p gcra` until every test passes.

/// A limiter for one client: a burst of `burst`, then one per `interval`.
#[derive(Debug, Clone)]
pub struct Gcra {
    // Your fields: the settings, and one timestamp of state.
}

impl Gcra {
    /// `None` if `burst` or `interval` is 0.
    pub fn new(burst: u64, interval: u64) -> Option<Gcra> {
        let _ = (burst, interval);
        todo!()
    }

    /// Admits a request at `now` (ticks; never earlier than a previous
    /// call's `now`) with `Ok(())`, or refuses it with `Err(wait)`: the
    /// fewest ticks after `now` at which a request would be admitted.
    pub fn check(&mut self, now: u64) -> Result<(), u64> {
        let _ = now;
        todo!()
    }
}
