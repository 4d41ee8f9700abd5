//! Five rate limiters for one client, each on integer microseconds so the
//! same trace gives the same decisions on every machine. Each answers
//! `check(now)` and says how many bytes of state it keeps for the client.

use std::collections::VecDeque;

/// Microseconds since the start of the trace.
pub type Micros = u64;
pub const SECOND: Micros = 1_000_000;
pub const MS: Micros = 1_000;

/// What a limiter said about one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Pass it on now.
    Admit,
    /// Pass it on after this long (a leaky bucket used as a queue).
    Delay(Micros),
    /// Refuse it: a 429.
    Reject,
}

/// A limiter for one client.
pub trait Limiter {
    fn name(&self) -> &'static str;
    fn check(&mut self, now: Micros) -> Decision;
    /// Bytes of state this client costs right now (the settings are shared
    /// by every client and not counted).
    fn state_bytes(&self) -> usize;
}

// ANCHOR: token_bucket
/// Holds up to `capacity` tokens and gains `rate` a second; a request takes
/// one. Tokens are counted in millionths, so a microsecond of refill at
/// `rate` a second adds exactly `rate` of them: no floats, no rounding.
pub struct TokenBucket {
    capacity: u64,
    rate: u64,
    micro_tokens: u64,
    last: Micros,
}

const WHOLE: u64 = 1_000_000;

impl TokenBucket {
    /// Starts full.
    pub fn new(capacity: u64, rate: u64) -> TokenBucket {
        TokenBucket {
            capacity,
            rate,
            micro_tokens: capacity * WHOLE,
            last: 0,
        }
    }

    fn refill(&mut self, now: Micros) {
        let gained = now.saturating_sub(self.last) * self.rate;
        self.micro_tokens = (self.micro_tokens + gained).min(self.capacity * WHOLE);
        self.last = self.last.max(now);
    }

    /// Whole tokens left after a refill up to `now`.
    pub fn remaining(&mut self, now: Micros) -> u64 {
        self.refill(now);
        self.micro_tokens / WHOLE
    }

    /// How long until the bucket gains its next whole token (0 if full).
    pub fn next_token(&mut self, now: Micros) -> Micros {
        self.refill(now);
        if self.micro_tokens >= self.capacity * WHOLE {
            return 0;
        }
        (WHOLE - self.micro_tokens % WHOLE).div_ceil(self.rate)
    }
}

impl Limiter for TokenBucket {
    fn name(&self) -> &'static str {
        "token bucket"
    }

    fn check(&mut self, now: Micros) -> Decision {
        self.refill(now);
        if self.micro_tokens >= WHOLE {
            self.micro_tokens -= WHOLE;
            Decision::Admit
        } else {
            Decision::Reject
        }
    }

    fn state_bytes(&self) -> usize {
        size_of::<u64>() + size_of::<Micros>() // tokens, last refill
    }
}
// ANCHOR_END: token_bucket

// ANCHOR: leaky_queue
/// A leaky bucket used as a queue: requests leave at one every
/// `1 s / rate`, in order, and a request that would find `capacity`
/// requests ahead of it is refused. The queue is one number: the time the
/// next request may leave.
pub struct LeakyQueue {
    capacity: u64,
    interval: Micros,
    next_free: Micros,
}

impl LeakyQueue {
    pub fn new(capacity: u64, rate: u64) -> LeakyQueue {
        LeakyQueue {
            capacity,
            interval: SECOND / rate,
            next_free: 0,
        }
    }
}

impl Limiter for LeakyQueue {
    fn name(&self) -> &'static str {
        "leaky bucket (queue)"
    }

    fn check(&mut self, now: Micros) -> Decision {
        let leaves = self.next_free.max(now);
        let ahead = (leaves - now).div_ceil(self.interval);
        if ahead >= self.capacity {
            return Decision::Reject;
        }
        self.next_free = leaves + self.interval;
        Decision::Delay(leaves - now)
    }

    fn state_bytes(&self) -> usize {
        size_of::<Micros>() // next_free
    }
}
// ANCHOR_END: leaky_queue

// ANCHOR: fixed_window
/// At most `limit` requests per calendar window: [0, 1 s), [1 s, 2 s), ...
pub struct FixedWindow {
    limit: u64,
    window: Micros,
    start: Micros,
    count: u64,
}

impl FixedWindow {
    pub fn new(limit: u64, window: Micros) -> FixedWindow {
        FixedWindow {
            limit,
            window,
            start: 0,
            count: 0,
        }
    }
}

impl Limiter for FixedWindow {
    fn name(&self) -> &'static str {
        "fixed window"
    }

    fn check(&mut self, now: Micros) -> Decision {
        let start = now / self.window * self.window;
        if start != self.start {
            self.start = start;
            self.count = 0;
        }
        if self.count < self.limit {
            self.count += 1;
            Decision::Admit
        } else {
            Decision::Reject
        }
    }

    fn state_bytes(&self) -> usize {
        size_of::<Micros>() + size_of::<u64>() // window start, count
    }
}
// ANCHOR_END: fixed_window

// ANCHOR: sliding_log
/// Keeps the time of every admitted request in the last window, and admits
/// while fewer than `limit` are there. Exact, and it costs one timestamp
/// per request in the window.
pub struct SlidingLog {
    limit: usize,
    window: Micros,
    log: VecDeque<Micros>,
}

impl SlidingLog {
    pub fn new(limit: usize, window: Micros) -> SlidingLog {
        SlidingLog {
            limit,
            window,
            log: VecDeque::with_capacity(limit),
        }
    }
}

impl Limiter for SlidingLog {
    fn name(&self) -> &'static str {
        "sliding log"
    }

    fn check(&mut self, now: Micros) -> Decision {
        // A request at `t` counts while `now` is in [t, t + window).
        while self.log.front().is_some_and(|&t| t + self.window <= now) {
            self.log.pop_front();
        }
        if self.log.len() < self.limit {
            self.log.push_back(now);
            Decision::Admit
        } else {
            Decision::Reject
        }
    }

    fn state_bytes(&self) -> usize {
        self.log.len() * size_of::<Micros>()
    }
}
// ANCHOR_END: sliding_log

// ANCHOR: sliding_counter
/// Two fixed windows' counts, the previous one weighted by how much of it
/// still overlaps the last `window`: an estimate of the sliding log that
/// assumes the previous window's requests were spread evenly.
pub struct SlidingCounter {
    limit: u64,
    window: Micros,
    start: Micros,
    current: u64,
    previous: u64,
}

impl SlidingCounter {
    pub fn new(limit: u64, window: Micros) -> SlidingCounter {
        SlidingCounter {
            limit,
            window,
            start: 0,
            current: 0,
            previous: 0,
        }
    }
}

impl Limiter for SlidingCounter {
    fn name(&self) -> &'static str {
        "sliding window counter"
    }

    fn check(&mut self, now: Micros) -> Decision {
        let start = now / self.window * self.window;
        if start != self.start {
            // The window just before this one, or nothing if we skipped one.
            self.previous = if start == self.start + self.window {
                self.current
            } else {
                0
            };
            self.current = 0;
            self.start = start;
        }
        let overlap = self.window - (now - start);
        // previous * overlap / window + current < limit, times window.
        if self.previous * overlap + self.current * self.window < self.limit * self.window {
            self.current += 1;
            Decision::Admit
        } else {
            Decision::Reject
        }
    }

    fn state_bytes(&self) -> usize {
        size_of::<Micros>() + 2 * size_of::<u64>() // window start, two counts
    }
}
// ANCHOR_END: sliding_counter
