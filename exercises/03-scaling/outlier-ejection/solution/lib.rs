//! Passive health checking: instead of asking backends how they are, a
//! proxy watches the answers to real requests and ejects a backend that
//! keeps failing, for a while.
//!
// --- solution ---
//! Reference solution of the exercise; the tests live in
//! `../tests/outlier-ejection.rs`.
// --- stub ---
// //! Your task: implement the methods of [`Outliers`] until
// //! `cargo test -p outlier-ejection` passes. The tests in
// //! `tests/outlier-ejection.rs` are the specification.
// --- end ---

/// The rules.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// Consecutive failures that eject a backend.
    pub failures: u32,
    /// How long the first ejection lasts, in milliseconds; the k-th
    /// ejection of the same backend lasts k times as long.
    pub base_ejection_ms: u64,
    /// At most this many percent of the backends may be ejected at once
    /// (rounded down, but at least one backend always stays).
    pub max_ejected_percent: u32,
}

/// What the proxy knows about each backend.
#[derive(Debug)]
pub struct Outliers {
    rules: Rules,
    // --- solution ---
    /// Per backend: failures in a row, times ejected, ejected until.
    state: Vec<(u32, u64, Option<u64>)>,
    // --- stub ---
    // // Add what you need.
    // --- end ---
}

impl Outliers {
    /// `backends` backends, all available.
    pub fn new(backends: usize, rules: Rules) -> Outliers {
        // --- solution ---
        Outliers {
            rules,
            state: vec![(0, 0, None); backends],
        }
        // --- stub ---
        // todo!("Outliers::new({backends}, {rules:?})")
        // --- end ---
    }

    /// The answer to one request to `backend` at `now` (ms): `ok` or a
    /// failure (a 5xx or a connection error). Returns true if this answer
    /// ejected the backend.
    pub fn record(&mut self, backend: usize, ok: bool, now: u64) -> bool {
        // --- solution ---
        if ok {
            self.state[backend].0 = 0;
            return false;
        }
        if !self.available(backend, now) {
            return false;
        }
        self.state[backend].0 += 1;
        if self.state[backend].0 < self.rules.failures {
            return false;
        }
        let ejected_now = (0..self.state.len())
            .filter(|&b| !self.available(b, now))
            .count();
        let cap = (self.state.len() * self.rules.max_ejected_percent as usize / 100)
            .min(self.state.len() - 1);
        if ejected_now >= cap {
            return false;
        }
        let (streak, times, until) = &mut self.state[backend];
        *times += 1;
        *until = Some(now + self.rules.base_ejection_ms * *times);
        *streak = 0;
        true
        // --- stub ---
        // todo!("record({backend}, {ok}, {now})")
        // --- end ---
    }

    /// Whether `backend` may take requests at `now`.
    pub fn available(&self, backend: usize, now: u64) -> bool {
        // --- solution ---
        self.state[backend].2.is_none_or(|until| now >= until)
        // --- stub ---
        // todo!("available({backend}, {now})")
        // --- end ---
    }

    pub fn rules(&self) -> Rules {
        self.rules
    }
}
