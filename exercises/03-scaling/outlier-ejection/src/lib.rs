//! Passive health checking: instead of asking backends how they are, a
//! proxy watches the answers to real requests and ejects a backend that
//! keeps failing, for a while.
//!
//! Your task: implement the methods of [`Outliers`] until
//! `cargo test -p outlier-ejection` passes. The tests in
//! `tests/outlier-ejection.rs` are the specification.

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
    // Add what you need.
}

impl Outliers {
    /// `backends` backends, all available.
    pub fn new(backends: usize, rules: Rules) -> Outliers {
        todo!("Outliers::new({backends}, {rules:?})")
    }

    /// The answer to one request to `backend` at `now` (ms): `ok` or a
    /// failure (a 5xx or a connection error). Returns true if this answer
    /// ejected the backend.
    pub fn record(&mut self, backend: usize, ok: bool, now: u64) -> bool {
        todo!("record({backend}, {ok}, {now})")
    }

    /// Whether `backend` may take requests at `now`.
    pub fn available(&self, backend: usize, now: u64) -> bool {
        todo!("available({backend}, {now})")
    }

    pub fn rules(&self) -> Rules {
        self.rules
    }
}
