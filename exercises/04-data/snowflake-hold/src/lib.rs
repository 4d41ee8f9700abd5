//! A Snowflake generator that stays unique and rising when its clock
//! misbehaves.
//!
//! Your task: implement [`Generator::next_id`] until
//! `cargo test -p snowflake-hold` passes. The tests in
//! `tests/snowflake-hold.rs` are the specification.

/// 41 bits of milliseconds, 10 of worker, 12 of sequence.
pub const WORKER_BITS: u32 = 10;
pub const SEQUENCE_BITS: u32 = 12;
pub const MAX_SEQUENCE: u64 = (1 << SEQUENCE_BITS) - 1;

/// How far the IDs' time may run ahead of the clock before the generator
/// refuses: a clock this far behind needs a person, not a workaround.
pub const MAX_AHEAD_MILLIS: u64 = 1_000;

pub fn compose(millis: u64, worker: u64, sequence: u64) -> u64 {
    millis << (WORKER_BITS + SEQUENCE_BITS) | worker << SEQUENCE_BITS | sequence
}

/// (milliseconds, worker, sequence) of an ID.
pub fn fields(id: u64) -> (u64, u64, u64) {
    (
        id >> (WORKER_BITS + SEQUENCE_BITS),
        id >> SEQUENCE_BITS & ((1 << WORKER_BITS) - 1),
        id & MAX_SEQUENCE,
    )
}

/// The clock reads this many milliseconds behind the time the next ID
/// would carry, more than [`MAX_AHEAD_MILLIS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockBehind(pub u64);

pub struct Generator {
    pub worker: u64,
    /// The time field of the last ID made, if any.
    pub last_millis: Option<u64>,
    /// The sequence field of the last ID made.
    pub sequence: u64,
}

impl Generator {
    pub fn new(worker: u64) -> Generator {
        assert!(worker < 1 << WORKER_BITS);
        Generator {
            worker,
            last_millis: None,
            sequence: 0,
        }
    }

    /// The next ID, given what the clock reads now (milliseconds since the
    /// epoch). Every ID is larger than the one before, whatever the clock
    /// does, and no request is refused while the IDs' time is at most
    /// [`MAX_AHEAD_MILLIS`] ahead of the clock.
    pub fn next_id(&mut self, now: u64) -> Result<u64, ClockBehind> {
        let _ = now;
        todo!("make an ID that is larger than the last one, whatever the clock reads")
    }
}
