//! How long a client waits before each retry.

use seeded::SplitMix64;

/// A retry schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schedule {
    /// Retry as soon as the failure comes back.
    Immediate,
    /// Exponential backoff with no jitter.
    Exponential,
    /// Brooker's "Full Jitter".
    FullJitter,
    /// Brooker's "Equal Jitter".
    EqualJitter,
}

impl Schedule {
    pub const ALL: [Schedule; 4] = [
        Schedule::Immediate,
        Schedule::Exponential,
        Schedule::FullJitter,
        Schedule::EqualJitter,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Schedule::Immediate => "immediate",
            Schedule::Exponential => "exponential, no jitter",
            Schedule::FullJitter => "full jitter",
            Schedule::EqualJitter => "equal jitter",
        }
    }
}

/// The two knobs every backoff has, in milliseconds.
#[derive(Clone, Copy, Debug)]
pub struct Backoff {
    pub base_ms: u64,
    pub cap_ms: u64,
}

// ANCHOR: delay
impl Backoff {
    /// The wait before retry number `retry` (0 for the first retry).
    pub fn delay(&self, schedule: Schedule, retry: u32, rng: &mut SplitMix64) -> u64 {
        // min(cap, base * 2^retry), the exponential part all three share.
        let ceiling = self
            .base_ms
            .saturating_mul(2u64.saturating_pow(retry))
            .min(self.cap_ms);
        match schedule {
            Schedule::Immediate => 0,
            Schedule::Exponential => ceiling,
            Schedule::FullJitter => between(rng, 0, ceiling),
            Schedule::EqualJitter => ceiling / 2 + between(rng, 0, ceiling / 2),
        }
    }
}

/// A uniform whole number of milliseconds in `low..=high`.
fn between(rng: &mut SplitMix64, low: u64, high: u64) -> u64 {
    low + rng.next_u64() % (high - low + 1)
}
// ANCHOR_END: delay
