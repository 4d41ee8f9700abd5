//! Wall clocks and monotonic clocks.
//!
//! A real clock would make the output change on every run, so [`Machine`]
//! simulates the two clocks every operating system keeps: the wall clock
//! (Rust's `SystemTime`), which NTP or an operator may set, forwards or
//! backwards, and the monotonic clock (Rust's `Instant`), which only ever
//! moves forward. [`time_it`] shows the real thing.

use std::time::{Duration, Instant, SystemTime, SystemTimeError, UNIX_EPOCH};

use crate::lamport::LamportClock;

// ANCHOR: time_it
/// Measures how long `work` takes with the monotonic clock. `Instant` never
/// goes backwards, so the result is never negative and never an error, even
/// if NTP sets the wall clock while `work` runs.
pub fn time_it<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = work();
    (value, start.elapsed())
}
// ANCHOR_END: time_it

// ANCHOR: wall_elapsed
/// The naive way: subtract two wall-clock readings.
pub fn elapsed_by_wall_clock(
    start: SystemTime,
    end: SystemTime,
) -> Result<Duration, SystemTimeError> {
    end.duration_since(start)
}
// ANCHOR_END: wall_elapsed

/// A simulated machine with a wall clock and a monotonic clock, both in
/// milliseconds.
#[derive(Debug, Clone)]
pub struct Machine {
    /// Milliseconds since the Unix epoch, as this machine believes.
    wall_ms: u64,
    /// Milliseconds since boot: only `advance` moves it.
    monotonic_ms: u64,
}

impl Machine {
    /// A freshly booted machine whose wall clock reads `wall_ms`.
    pub fn new(wall_ms: u64) -> Self {
        Machine {
            wall_ms,
            monotonic_ms: 0,
        }
    }

    /// Real time passes: both clocks move forward together.
    pub fn advance(&mut self, ms: u64) {
        self.wall_ms += ms;
        self.monotonic_ms += ms;
    }

    /// NTP (or a person) sets the wall clock back by `ms`. The monotonic
    /// clock does not move.
    pub fn step_wall_clock_back(&mut self, ms: u64) {
        self.wall_ms = self.wall_ms.saturating_sub(ms);
    }

    /// What `SystemTime::now()` would return.
    pub fn wall_now(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_millis(self.wall_ms)
    }

    /// What `Instant::now()` would measure, as time since boot.
    pub fn monotonic_now(&self) -> Duration {
        Duration::from_millis(self.monotonic_ms)
    }
}

/// One write of the last-writer-wins race, with every stamp it could carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StampedWrite {
    pub server: char,
    pub value: &'static str,
    /// When it really happened, which no server knows.
    pub true_ms: u64,
    /// What the server's wall clock read.
    pub wall_ms: u64,
    /// The server's Lamport clock.
    pub lamport: u64,
}

/// A user renames herself on server A; A applies the write and sends it to
/// B; B applies it; then the user renames herself again, on B. B's wall
/// clock is `b_slow_ms` behind true time, A's is exact. Returns the two
/// writes in the order they really happened.
pub fn rename_race(b_slow_ms: u64) -> [StampedWrite; 2] {
    let (mut clock_a, mut clock_b) = (LamportClock::default(), LamportClock::default());
    let first_true_ms = 1_000;
    let first = StampedWrite {
        server: 'A',
        value: "Ada",
        true_ms: first_true_ms,
        wall_ms: first_true_ms,
        // Applying the write and sending it to B is one event on A.
        lamport: clock_a.tick(),
    };
    // 10 ms later the copy reaches B, which moves B's Lamport clock past A's.
    clock_b.receive(first.lamport);
    let second_true_ms = first_true_ms + 30;
    let second = StampedWrite {
        server: 'B',
        value: "Ada L.",
        true_ms: second_true_ms,
        wall_ms: second_true_ms - b_slow_ms,
        lamport: clock_b.tick(),
    };
    [first, second]
}

// ANCHOR: lww
/// Last writer wins by wall clock: the write with the largest wall stamp,
/// ties broken by server name so that every replica picks the same one.
pub fn newest_by_wall_clock(writes: &[StampedWrite]) -> Option<&StampedWrite> {
    writes.iter().max_by_key(|w| (w.wall_ms, w.server))
}
// ANCHOR_END: lww

// ANCHOR: lww_lamport
/// Last writer wins by Lamport clock, ties broken the same way. The pair
/// (stamp, server) is Lamport's total order of all events.
pub fn newest_by_lamport(writes: &[StampedWrite]) -> Option<&StampedWrite> {
    writes.iter().max_by_key(|w| (w.lamport, w.server))
}
// ANCHOR_END: lww_lamport
