//! The circuit breaker: a small state machine that sits in front of one
//! dependency and decides, before each call, whether to make it at all.

use std::future::Future;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

// tokio's Instant, not std's: under a paused test clock it only moves when
// the runtime advances it, so cool-downs are exact and tests take no time.
use tokio::time::Instant;

// ANCHOR: config
/// When to trip, how long to stay open, and how many probes to allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// Failures in a row, while Closed, that trip the breaker.
    pub failure_threshold: u32,
    /// How long Open rejects every call before it lets a probe through.
    pub cool_down: Duration,
    /// How many probe calls may be in flight at once while HalfOpen.
    pub half_open_max_probes: u32,
}
// ANCHOR_END: config

/// A configuration the breaker refuses to run with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("failure_threshold must be at least 1: 0 would trip before any call failed")]
    ZeroFailureThreshold,
    #[error("cool_down must be longer than 0: the dependency needs time to recover")]
    ZeroCoolDown,
    #[error("half_open_max_probes must be at least 1: with no probe the breaker never closes")]
    ZeroProbes,
}

// ANCHOR: state
/// Each state carries only the data that means something in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Calls go through; failures in a row are counted.
    Closed { consecutive_failures: u32 },
    /// Calls are rejected without touching the dependency until `until`.
    Open { until: Instant },
    /// A few probe calls test the dependency; everyone else is rejected.
    HalfOpen { probes_in_flight: u32 },
}
// ANCHOR_END: state

impl State {
    /// The state's name without its data, for logs.
    pub fn name(&self) -> &'static str {
        match self {
            State::Closed { .. } => "Closed",
            State::Open { .. } => "Open",
            State::HalfOpen { .. } => "HalfOpen",
        }
    }
}

/// One change of state, reported to the observer set with `on_transition`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub at: Instant,
    pub from: State,
    pub to: State,
}

/// Why the breaker refused a call without making it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Rejected {
    #[error("circuit open: failing fast")]
    Open,
    #[error("circuit half-open: the allowed probes are already in flight")]
    ProbeLimit,
}

/// What a call through the breaker can end with besides success.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CallError<E> {
    /// The breaker said no; the dependency was never called.
    #[error("{0}")]
    Rejected(Rejected),
    /// The dependency was called and failed.
    #[error("dependency failed: {0}")]
    Failed(E),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Success,
    Failure,
    /// The caller dropped the call before it finished (a timeout around
    /// `call`, an aborted task). It says nothing about the dependency.
    Cancelled,
}

struct Inner {
    state: State,
    /// Bumped on every transition. A call remembers the generation it was
    /// admitted in; a result from an older generation is stale and ignored.
    generation: u64,
}

impl Inner {
    fn move_to(&mut self, to: State, at: Instant) -> Transition {
        let from = std::mem::replace(&mut self.state, to);
        self.generation += 1;
        Transition { at, from, to }
    }
}

type Observer = Box<dyn Fn(Transition) + Send + Sync>;

/// A circuit breaker for one dependency; share it with `Arc`.
pub struct CircuitBreaker {
    config: Config,
    // A std Mutex is right here: it is held for a few instructions and
    // never across an `.await`, so no task can block another for long.
    inner: Mutex<Inner>,
    observer: Option<Observer>,
}

impl CircuitBreaker {
    /// A Closed breaker, or an error for a configuration that cannot work.
    pub fn new(config: Config) -> Result<Self, ConfigError> {
        if config.failure_threshold == 0 {
            return Err(ConfigError::ZeroFailureThreshold);
        }
        if config.cool_down.is_zero() {
            return Err(ConfigError::ZeroCoolDown);
        }
        if config.half_open_max_probes == 0 {
            return Err(ConfigError::ZeroProbes);
        }
        Ok(Self {
            config,
            inner: Mutex::new(Inner {
                state: State::Closed {
                    consecutive_failures: 0,
                },
                generation: 0,
            }),
            observer: None,
        })
    }

    /// Calls `observer` after every transition, outside the breaker's lock,
    /// so the observer may call back into the breaker.
    pub fn on_transition(mut self, observer: impl Fn(Transition) + Send + Sync + 'static) -> Self {
        self.observer = Some(Box::new(observer));
        self
    }

    pub fn config(&self) -> Config {
        self.config
    }

    /// The stored state. Open turns into HalfOpen lazily, on the first call
    /// after the cool-down, so an idle breaker may read Open past `until`.
    pub fn state(&self) -> State {
        self.lock().state
    }

    // ANCHOR: call
    /// Runs `operation` if the breaker allows it and records how it went.
    /// A rejected call returns at once and never runs `operation`.
    pub async fn call<T, E, Fut>(&self, operation: impl FnOnce() -> Fut) -> Result<T, CallError<E>>
    where
        Fut: Future<Output = Result<T, E>>,
    {
        let permit = self.admit().map_err(CallError::Rejected)?;
        let result = operation().await;
        permit.finish(match result {
            Ok(_) => Outcome::Success,
            Err(_) => Outcome::Failure,
        });
        result.map_err(CallError::Failed)
    }
    // ANCHOR_END: call

    // ANCHOR: call_classified
    /// Like [`call`](Self::call), but only errors for which `counts` returns
    /// true are failures. Timeouts, refused connections and 5xx say the
    /// dependency is unwell; a declined card (a 4xx) is about one request,
    /// and the dependency answered it, so it is recorded as a success.
    pub async fn call_classified<T, E, Fut>(
        &self,
        counts: impl Fn(&E) -> bool,
        operation: impl FnOnce() -> Fut,
    ) -> Result<T, CallError<E>>
    where
        Fut: Future<Output = Result<T, E>>,
    {
        let permit = self.admit().map_err(CallError::Rejected)?;
        let result = operation().await;
        permit.finish(match &result {
            Err(error) if counts(error) => Outcome::Failure,
            _ => Outcome::Success,
        });
        result.map_err(CallError::Failed)
    }
    // ANCHOR_END: call_classified

    // ANCHOR: admit
    fn admit(&self) -> Result<Permit<'_>, Rejected> {
        let now = Instant::now();
        let mut inner = self.lock();
        let mut transition = None;
        let decision = match inner.state {
            State::Closed { .. } => Ok(()),
            State::Open { until } if now < until => Err(Rejected::Open),
            State::Open { .. } => {
                // The cool-down is over: this caller becomes the first probe.
                let probe = State::HalfOpen {
                    probes_in_flight: 1,
                };
                transition = Some(inner.move_to(probe, now));
                Ok(())
            }
            State::HalfOpen { probes_in_flight }
                if probes_in_flight < self.config.half_open_max_probes =>
            {
                inner.state = State::HalfOpen {
                    probes_in_flight: probes_in_flight + 1,
                };
                Ok(())
            }
            State::HalfOpen { .. } => Err(Rejected::ProbeLimit),
        };
        let generation = inner.generation;
        drop(inner);
        self.notify(transition);
        decision.map(|()| Permit {
            breaker: self,
            generation,
            finished: false,
        })
    }
    // ANCHOR_END: admit

    // ANCHOR: record
    fn record(&self, generation: u64, outcome: Outcome) {
        let now = Instant::now();
        let open = State::Open {
            until: now + self.config.cool_down,
        };
        let mut inner = self.lock();
        if inner.generation != generation {
            return; // admitted before the last transition: stale news
        }
        let transition = match (inner.state, outcome) {
            (State::Closed { .. }, Outcome::Success) => {
                inner.state = State::Closed {
                    consecutive_failures: 0,
                };
                None
            }
            (
                State::Closed {
                    consecutive_failures,
                },
                Outcome::Failure,
            ) => {
                let failures = consecutive_failures + 1;
                if failures >= self.config.failure_threshold {
                    Some(inner.move_to(open, now))
                } else {
                    inner.state = State::Closed {
                        consecutive_failures: failures,
                    };
                    None
                }
            }
            (State::HalfOpen { .. }, Outcome::Success) => {
                let closed = State::Closed {
                    consecutive_failures: 0,
                };
                Some(inner.move_to(closed, now))
            }
            (State::HalfOpen { .. }, Outcome::Failure) => Some(inner.move_to(open, now)),
            (State::HalfOpen { probes_in_flight }, Outcome::Cancelled) => {
                // Free the slot, or HalfOpen would wait forever for a probe
                // that no longer exists.
                inner.state = State::HalfOpen {
                    probes_in_flight: probes_in_flight - 1,
                };
                None
            }
            (State::Closed { .. }, Outcome::Cancelled) => None,
            // Open admits no call, so no permit carries Open's generation.
            (State::Open { .. }, _) => None,
        };
        drop(inner);
        self.notify(transition);
    }
    // ANCHOR_END: record

    fn notify(&self, transition: Option<Transition>) {
        if let (Some(observer), Some(transition)) = (&self.observer, transition) {
            observer(transition);
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // Nothing panics while the lock is held, so poisoning cannot happen;
        // if it somehow did, the state inside is still a valid State.
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Admission to make one call. Dropping it unfinished counts as Cancelled,
/// so a probe that is abandoned still gives its slot back.
struct Permit<'a> {
    breaker: &'a CircuitBreaker,
    generation: u64,
    finished: bool,
}

impl Permit<'_> {
    fn finish(mut self, outcome: Outcome) {
        self.finished = true;
        self.breaker.record(self.generation, outcome);
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        if !self.finished {
            self.breaker.record(self.generation, Outcome::Cancelled);
        }
    }
}
