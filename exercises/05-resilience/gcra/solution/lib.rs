// --- solution ---
//! Reference solution: the generic cell rate algorithm, one timestamp per
//! client, as governor keeps it.
// --- stub ---
// //! Your turn: a rate limiter that stores one number per client.
// //!
// //! [`Gcra`] admits a burst of `burst` requests, then one every `interval`
// //! ticks, like a token bucket of `burst` tokens refilled one per
// //! `interval`, but it keeps no token count: only the theoretical arrival
// //! time (TAT) of the next request. [`Gcra::check`] admits a request, or
// //! says how many ticks until one would be admitted.
// //! The tests are in `tests/gcra.rs`.
// //!
// //! Run `cargo test -p gcra` until every test passes.
// --- end ---

/// A limiter for one client: a burst of `burst`, then one per `interval`.
#[derive(Debug, Clone)]
pub struct Gcra {
    // --- solution ---
    /// Ticks between requests at the sustained rate.
    interval: u64,
    /// How far ahead of `now` the TAT may run: `interval * (burst - 1)`.
    tolerance: u64,
    /// When the next request would arrive if the client sent at exactly the
    /// sustained rate. Never moved by a refused request.
    tat: u64,
    // --- stub ---
    // // Your fields: the settings, and one timestamp of state.
    // --- end ---
}

impl Gcra {
    /// `None` if `burst` or `interval` is 0.
    pub fn new(burst: u64, interval: u64) -> Option<Gcra> {
        // --- solution ---
        if burst == 0 || interval == 0 {
            return None;
        }
        Some(Gcra {
            interval,
            tolerance: interval * (burst - 1),
            tat: 0,
        })
        // --- stub ---
        // let _ = (burst, interval);
        // todo!()
        // --- end ---
    }

    /// Admits a request at `now` (ticks; never earlier than a previous
    /// call's `now`) with `Ok(())`, or refuses it with `Err(wait)`: the
    /// fewest ticks after `now` at which a request would be admitted.
    pub fn check(&mut self, now: u64) -> Result<(), u64> {
        // --- solution ---
        // A client idle for a long time starts from now, not from the past:
        // this is what caps the saved-up burst at `burst`.
        let tat = self.tat.max(now);
        let earliest = tat - self.tolerance.min(tat);
        if now < earliest {
            return Err(earliest - now);
        }
        self.tat = tat + self.interval;
        Ok(())
        // --- stub ---
        // let _ = now;
        // todo!()
        // --- end ---
    }
}
