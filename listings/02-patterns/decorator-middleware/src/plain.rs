//! Decorators by hand: a synchronous `Handler` trait and structs that wrap
//! any `Handler` and are themselves a `Handler`.

use std::cell::Cell;
use std::rc::Rc;

use crate::{Error, Request, Response, Script, Trace, validate};

// ANCHOR: handler
/// Anything that turns a request into a response: the backend and every
/// decorator around it.
pub trait Handler {
    fn call(&self, req: Request) -> Result<Response, Error>;
}
// ANCHOR_END: handler

/// A simulated clock in milliseconds. A real `Timing` would read
/// `std::time::Instant`; this one is advanced by the backend, so every run
/// prints the same numbers.
#[derive(Clone, Debug, Default)]
pub struct SimClock(Rc<Cell<u64>>);

impl SimClock {
    pub fn new() -> Self {
        SimClock::default()
    }

    pub fn now_ms(&self) -> u64 {
        self.0.get()
    }

    pub fn advance_ms(&self, ms: u64) {
        self.0.set(self.0.get() + ms);
    }
}

/// The service being decorated: it follows its script and blocks the caller
/// for the whole latency, as a synchronous network call would.
pub struct Backend {
    script: Script,
    clock: SimClock,
    calls: Cell<u32>,
}

impl Backend {
    pub fn new(script: Script, clock: &SimClock) -> Self {
        Backend {
            script,
            clock: clock.clone(),
            calls: Cell::new(0),
        }
    }

    /// How many times the backend was called, bad requests included.
    pub fn calls(&self) -> u32 {
        self.calls.get()
    }
}

impl Handler for Backend {
    fn call(&self, req: Request) -> Result<Response, Error> {
        let call = self.calls.get();
        self.calls.set(call + 1);
        validate(&req)?;
        let outcome = self.script.outcome(call);
        self.clock.advance_ms(outcome.latency_ms);
        if outcome.ok {
            Ok(Response { call })
        } else {
            Err(Error::Unavailable)
        }
    }
}

/// Lets a caller keep a reference to a handler (to read its counters) while
/// a decorator wraps it.
impl<H: Handler> Handler for &H {
    fn call(&self, req: Request) -> Result<Response, Error> {
        (**self).call(req)
    }
}

// ANCHOR: logging
/// Writes one line when a request goes in and one when its result comes out.
pub struct Logging<H> {
    name: &'static str,
    trace: Trace,
    inner: H,
}

impl<H> Logging<H> {
    pub fn new(name: &'static str, trace: &Trace, inner: H) -> Self {
        Logging {
            name,
            trace: trace.clone(),
            inner,
        }
    }
}

impl<H: Handler> Handler for Logging<H> {
    fn call(&self, req: Request) -> Result<Response, Error> {
        let name = self.name;
        self.trace
            .push(format!("[{name}] -> #{} {}", req.id, req.path));
        let result = self.inner.call(req);
        match &result {
            Ok(resp) => self.trace.push(format!("[{name}] <- {resp}")),
            Err(err) => self.trace.push(format!("[{name}] <- {err}")),
        }
        result
    }
}
// ANCHOR_END: logging

/// Records how long the inner handler took, on the simulated clock.
pub struct Timing<H> {
    name: &'static str,
    clock: SimClock,
    trace: Trace,
    inner: H,
}

impl<H> Timing<H> {
    pub fn new(name: &'static str, clock: &SimClock, trace: &Trace, inner: H) -> Self {
        Timing {
            name,
            clock: clock.clone(),
            trace: trace.clone(),
            inner,
        }
    }
}

impl<H: Handler> Handler for Timing<H> {
    fn call(&self, req: Request) -> Result<Response, Error> {
        let start = self.clock.now_ms();
        let result = self.inner.call(req);
        let took = self.clock.now_ms() - start;
        self.trace.push(format!("[{}] took {took}ms", self.name));
        result
    }
}

// ANCHOR: retry
/// Calls the inner handler again after a transient error, at most
/// `max_retries` extra times. The bound matters: an unbounded retry loop
/// turns one outage into an endless stream of load.
pub struct Retry<H> {
    max_retries: u32,
    inner: H,
}

impl<H> Retry<H> {
    pub fn new(max_retries: u32, inner: H) -> Self {
        Retry { max_retries, inner }
    }
}

impl<H: Handler> Handler for Retry<H> {
    fn call(&self, req: Request) -> Result<Response, Error> {
        let mut retries = 0;
        loop {
            // The inner call takes the request by value, so each attempt
            // sends a copy and keeps the original for the next one.
            match self.inner.call(req.clone()) {
                Err(err) if err.is_transient() && retries < self.max_retries => retries += 1,
                result => return result,
            }
        }
    }
}
// ANCHOR_END: retry

/// A timeout is what a synchronous decorator cannot do: by the time the inner
/// call returns, the caller has already waited. All it can do is relabel a
/// late answer as an error.
pub struct NaiveTimeout<H> {
    limit_ms: u64,
    clock: SimClock,
    inner: H,
}

impl<H> NaiveTimeout<H> {
    pub fn new(limit_ms: u64, clock: &SimClock, inner: H) -> Self {
        NaiveTimeout {
            limit_ms,
            clock: clock.clone(),
            inner,
        }
    }
}

// ANCHOR: naive_timeout_call
impl<H: Handler> Handler for NaiveTimeout<H> {
    fn call(&self, req: Request) -> Result<Response, Error> {
        let start = self.clock.now_ms();
        let result = self.inner.call(req); // blocks for as long as it takes
        let took = self.clock.now_ms() - start;
        if took > self.limit_ms {
            return Err(Error::TimedOut { after_ms: took });
        }
        result
    }
}
// ANCHOR_END: naive_timeout_call
