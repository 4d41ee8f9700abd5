//! The same decorators on tower's `Service` trait, where a call returns a
//! future. A future can be dropped before it finishes, which is what makes a
//! real timeout possible.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::{Instant, Sleep};
use tower::retry::Policy;
use tower::timeout::error::Elapsed;
use tower::{BoxError, Layer, Service};

use crate::{Error, Request, Response, Script, Trace, validate};

/// The future type of every hand-written service here. Boxing costs one
/// allocation per call; tower's own middleware avoids it with a hand-written
/// future (see `tower::timeout::future::ResponseFuture`).
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// The simulated backend, as a tower service. `Clone` because tower's
/// `Retry` keeps a copy of the service for each request's retries; the
/// clones share one call counter and so one script.
#[derive(Clone, Debug)]
pub struct Backend {
    script: Script,
    calls: Arc<AtomicU32>,
}

impl Backend {
    pub fn new(script: Script) -> Self {
        Backend {
            script,
            calls: Arc::new(AtomicU32::new(0)),
        }
    }

    /// How many times the backend was called, bad requests included.
    pub fn calls(&self) -> u32 {
        self.calls.load(Ordering::SeqCst)
    }
}

impl Service<Request> for Backend {
    type Response = Response;
    type Error = BoxError;
    type Future = BoxFuture<Result<Response, BoxError>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: Request) -> Self::Future {
        let call = self.calls.fetch_add(1, Ordering::SeqCst);
        let outcome = self.script.outcome(call);
        Box::pin(async move {
            validate(&req)?;
            // On tokio's paused clock this sleep costs no real time: the
            // runtime jumps the clock forward when nothing else can run.
            tokio::time::sleep(Duration::from_millis(outcome.latency_ms)).await;
            if outcome.ok {
                Ok(Response { call })
            } else {
                Err(Error::Unavailable.into())
            }
        })
    }
}

// ANCHOR: log_layer
/// A `Layer` is a decorator factory: given the inner service, it returns
/// the wrapped one. `ServiceBuilder` calls `layer` for us.
#[derive(Clone, Debug)]
pub struct LogLayer {
    name: &'static str,
    trace: Trace,
    epoch: Instant,
}

impl LogLayer {
    /// Times in the trace are virtual milliseconds since this call.
    pub fn new(name: &'static str, trace: &Trace) -> Self {
        LogLayer {
            name,
            trace: trace.clone(),
            epoch: Instant::now(),
        }
    }
}

impl<S> Layer<S> for LogLayer {
    type Service = Log<S>;

    fn layer(&self, inner: S) -> Log<S> {
        Log {
            layer: self.clone(),
            inner,
        }
    }
}

/// The service `LogLayer` builds: logs each request and its result with the
/// virtual time and how long the inner service took.
#[derive(Clone, Debug)]
pub struct Log<S> {
    layer: LogLayer,
    inner: S,
}
// ANCHOR_END: log_layer

// ANCHOR: log_service
impl<S> Service<Request> for Log<S>
where
    S: Service<Request>,
    S::Response: fmt::Display,
    S::Error: fmt::Display,
    S::Future: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = BoxFuture<Result<S::Response, S::Error>>;

    // Backpressure passes straight through: we are ready when the inner
    // service is.
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        let LogLayer { name, trace, epoch } = self.layer.clone();
        let start = Instant::now();
        let t = (start - epoch).as_millis();
        trace.push(format!("t={t:>4}ms [{name}] -> #{} {}", req.id, req.path));
        // Call now, await later: the request is handed over synchronously,
        // the response arrives whenever the inner future finishes.
        let response = self.inner.call(req);
        Box::pin(async move {
            let result = response.await;
            let t = (Instant::now() - epoch).as_millis();
            let took = start.elapsed().as_millis();
            let outcome = match &result {
                Ok(resp) => resp.to_string(),
                Err(err) => err.to_string(),
            };
            trace.push(format!("t={t:>4}ms [{name}] <- {outcome} in {took}ms"));
            result
        })
    }
}
// ANCHOR_END: log_service

// ANCHOR: policy
/// Our answer to "should this failed request go again?". tower's `Retry`
/// clones the policy for every new request, so `retries_left` counts down
/// per request, not across all of them.
#[derive(Clone, Debug)]
pub struct RetryPolicy {
    retries_left: u32,
    backoff: Duration,
}

impl RetryPolicy {
    pub fn new(max_retries: u32, backoff: Duration) -> Self {
        RetryPolicy {
            retries_left: max_retries,
            backoff,
        }
    }
}

impl Policy<Request, Response, BoxError> for RetryPolicy {
    // The future to wait on before the next attempt: here a fixed backoff.
    type Future = Sleep;

    fn retry(
        &mut self,
        _req: &mut Request,
        result: &mut Result<Response, BoxError>,
    ) -> Option<Sleep> {
        match result {
            Ok(_) => None,
            Err(err) if !is_transient(err) => None,
            Err(_) if self.retries_left == 0 => None,
            Err(_) => {
                self.retries_left -= 1;
                Some(tokio::time::sleep(self.backoff))
            }
        }
    }

    fn clone_request(&mut self, req: &Request) -> Option<Request> {
        Some(req.clone())
    }
}

/// Errors arrive type-erased as `BoxError`; look inside to classify them.
pub fn is_transient(err: &BoxError) -> bool {
    if err.is::<Elapsed>() {
        return true;
    }
    match err.downcast_ref::<Error>() {
        Some(err) => err.is_transient(),
        None => false,
    }
}
// ANCHOR_END: policy
