//! Decorators as middleware: logging, timing, a timeout and retries wrapped
//! around a service, first by hand and then with tower.
//!
//! Map of the crate:
//! - `lib.rs` (this file): what both halves share: [`Request`],
//!   [`Response`], [`Error`], the [`Trace`] the decorators write to, and the
//!   [`Script`] that decides what the simulated backend does on each call.
//! - [`plain`]: a synchronous `Handler` trait of our own, a backend on a
//!   simulated clock, and four decorators: `Logging`, `Timing`, `Retry` and
//!   `NaiveTimeout`.
//! - [`layered`]: the same ideas on tower's `Service`: a hand-written
//!   `LogLayer`, tower's `Timeout`, and tower's `Retry` driven by our
//!   `RetryPolicy`, all on tokio's virtual clock.
//! - `main.rs`: the runs the chapter prints (`plain`, `tower`, `compare`).
//!
//! Deliberately absent: real sockets and real time. Every latency is virtual,
//! so a run prints the same numbers on every machine.

use std::fmt;
use std::sync::{Arc, Mutex};

pub mod layered;
pub mod plain;

/// A request to the orders backend. `Clone` because a retry must send the
/// same request again after the first copy was moved into the inner call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub id: u32,
    pub path: String,
}

impl Request {
    pub fn new(id: u32, path: &str) -> Self {
        Request {
            id,
            path: path.to_string(),
        }
    }
}

/// A successful answer; `call` is the backend call (0-based) that served it,
/// so a trace shows which attempt won.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Response {
    pub call: u32,
}

impl fmt::Display for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "200 ok (backend call {})", self.call)
    }
}

/// What can go wrong. Only some errors are worth retrying.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The backend was briefly unable to answer: worth another try.
    Unavailable,
    /// The request itself is wrong: sending it again gives the same answer.
    BadRequest(&'static str),
    /// The answer came later than the caller was willing to wait.
    TimedOut { after_ms: u64 },
}

impl Error {
    /// Transient errors may succeed on a second try; a bad request never will.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Unavailable | Error::TimedOut { .. } => true,
            Error::BadRequest(_) => false,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Unavailable => write!(f, "503 unavailable"),
            Error::BadRequest(why) => write!(f, "400 bad request: {why}"),
            Error::TimedOut { after_ms } => write!(f, "timed out after {after_ms}ms"),
        }
    }
}

impl std::error::Error for Error {}

/// Checks a request the way the backend would; both backends call this.
pub fn validate(req: &Request) -> Result<(), Error> {
    if req.path.starts_with('/') {
        Ok(())
    } else {
        Err(Error::BadRequest("path must start with /"))
    }
}

/// A shared, append-only log the decorators write to. Collected instead of
/// printed so tests can assert on exactly what each layer saw.
#[derive(Clone, Debug, Default)]
pub struct Trace(Arc<Mutex<Vec<String>>>);

impl Trace {
    pub fn new() -> Self {
        Trace::default()
    }

    pub fn push(&self, line: String) {
        self.0.lock().expect("trace lock poisoned").push(line);
    }

    /// Removes and returns every line so far.
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.lock().expect("trace lock poisoned"))
    }
}

/// What one backend call does: how long it takes and whether it succeeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub latency_ms: u64,
    pub ok: bool,
}

impl Outcome {
    pub const fn ok(latency_ms: u64) -> Self {
        Outcome {
            latency_ms,
            ok: true,
        }
    }

    pub const fn fail(latency_ms: u64) -> Self {
        Outcome {
            latency_ms,
            ok: false,
        }
    }
}

/// Decides the outcome of the backend's n-th call, so a failure can be
/// replayed exactly.
#[derive(Clone, Debug)]
pub enum Script {
    /// Call n gets step n; once the steps run out, the last one repeats.
    Steps(Arc<[Outcome]>),
    /// Each call draws from a hash of (seed, call number): `fail_percent` of
    /// calls fail after `latency_ms`, the next `slow_percent` succeed after
    /// `slow_ms`, the rest succeed after `latency_ms`.
    Seeded {
        seed: u64,
        fail_percent: u64,
        slow_percent: u64,
        latency_ms: u64,
        slow_ms: u64,
    },
}

impl Script {
    /// A fixed sequence of outcomes; panics on an empty list, because a
    /// backend with no behaviour is a bug in the test, not a scenario.
    pub fn steps(steps: &[Outcome]) -> Self {
        assert!(!steps.is_empty(), "a script needs at least one step");
        Script::Steps(steps.into())
    }

    pub fn outcome(&self, call: u32) -> Outcome {
        match self {
            Script::Steps(steps) => {
                let last = steps.len() - 1;
                steps[(call as usize).min(last)]
            }
            Script::Seeded {
                seed,
                fail_percent,
                slow_percent,
                latency_ms,
                slow_ms,
            } => {
                let roll = splitmix64(seed.wrapping_add(u64::from(call))) % 100;
                if roll < *fail_percent {
                    Outcome::fail(*latency_ms)
                } else if roll < fail_percent + slow_percent {
                    Outcome::ok(*slow_ms)
                } else {
                    Outcome::ok(*latency_ms)
                }
            }
        }
    }
}

/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014): written out here so the sequence cannot change
/// with a Rust or crate version.
pub fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
