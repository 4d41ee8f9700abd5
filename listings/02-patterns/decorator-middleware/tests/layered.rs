//! Behaviour of the tower stack: the hand-written LogLayer, tower's Timeout
//! and Retry with our RetryPolicy, all on tokio's paused clock.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use decorator_middleware::layered::{Backend, LogLayer, RetryPolicy, is_transient};
use decorator_middleware::{Error, Outcome, Request, Response, Script, Trace};
use tokio::time::Instant;
use tower::timeout::error::Elapsed;
use tower::{BoxError, Layer, Service, ServiceBuilder, ServiceExt};

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn orders(id: u32) -> Request {
    Request::new(id, "/orders")
}

async fn send<S>(service: &mut S, req: Request) -> (Result<Response, BoxError>, u128)
where
    S: Service<Request, Response = Response, Error = BoxError>,
{
    let start = Instant::now();
    let result = match service.ready().await {
        Ok(ready) => ready.call(req).await,
        Err(err) => Err(err),
    };
    (result, start.elapsed().as_millis())
}

fn unavailable(result: &Result<Response, BoxError>) -> bool {
    matches!(result, Err(e) if e.downcast_ref::<Error>() == Some(&Error::Unavailable))
}

fn timed_out(result: &Result<Response, BoxError>) -> bool {
    matches!(result, Err(e) if e.is::<Elapsed>())
}

// Pins: LogLayer logs the request going in and the result coming out, with virtual times.
#[tokio::test(start_paused = true)]
async fn log_layer_traces_in_and_out() {
    let trace = Trace::new();
    let backend = Backend::new(Script::steps(&[Outcome::ok(40)]));
    let mut service = LogLayer::new("svc", &trace).layer(backend);
    let (result, took) = send(&mut service, orders(7)).await;
    assert_eq!(result.unwrap(), Response { call: 0 });
    assert_eq!(took, 40);
    assert_eq!(
        trace.take(),
        [
            "t=   0ms [svc] -> #7 /orders",
            "t=  40ms [svc] <- 200 ok (backend call 0) in 40ms",
        ]
    );
}

// Pins: LogLayer passes errors through unchanged and logs them.
#[tokio::test(start_paused = true)]
async fn log_layer_passes_errors_through() {
    let trace = Trace::new();
    let mut service =
        LogLayer::new("svc", &trace).layer(Backend::new(Script::steps(&[Outcome::fail(5)])));
    let (result, _) = send(&mut service, orders(1)).await;
    assert!(unavailable(&result));
    assert_eq!(trace.take()[1], "t=   5ms [svc] <- 503 unavailable in 5ms");
}

/// A service that is never ready, or fails its readiness check.
#[derive(Clone)]
struct Unready {
    fail: bool,
}

impl Service<Request> for Unready {
    type Response = Response;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Response, BoxError>> + Send>>;
    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        if self.fail {
            Poll::Ready(Err("overloaded".into()))
        } else {
            Poll::Pending
        }
    }
    fn call(&mut self, _req: Request) -> Self::Future {
        panic!("called before ready")
    }
}

// Pins: LogLayer's poll_ready reports the inner service's readiness, pending and error alike.
#[test]
fn log_layer_delegates_poll_ready() {
    let trace = Trace::new();
    let mut cx = Context::from_waker(Waker::noop());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap();
    let _guard = rt.enter();
    let mut pending = LogLayer::new("svc", &trace).layer(Unready { fail: false });
    assert!(pending.poll_ready(&mut cx).is_pending());
    let mut failing = LogLayer::new("svc", &trace).layer(Unready { fail: true });
    match failing.poll_ready(&mut cx) {
        Poll::Ready(Err(err)) => assert_eq!(err.to_string(), "overloaded"),
        _ => panic!("expected the inner error"),
    }
    assert!(trace.take().is_empty());
}

// Pins: the timeout fires at exactly its limit in virtual time and cancels the slow call.
#[tokio::test(start_paused = true)]
async fn timeout_fires_at_the_limit() {
    let backend = Backend::new(Script::steps(&[Outcome::ok(2000)]));
    let mut service = ServiceBuilder::new()
        .timeout(ms(100))
        .service(backend.clone());
    let (result, took) = send(&mut service, orders(1)).await;
    assert!(timed_out(&result));
    assert_eq!(took, 100);
    assert_eq!(backend.calls(), 1);
}

// Pins: a response just inside the limit gets through.
#[tokio::test(start_paused = true)]
async fn timeout_lets_fast_answers_through() {
    let mut service = ServiceBuilder::new()
        .timeout(ms(100))
        .service(Backend::new(Script::steps(&[Outcome::ok(99)])));
    let (result, took) = send(&mut service, orders(1)).await;
    assert_eq!(result.unwrap(), Response { call: 0 });
    assert_eq!(took, 99);
}

// Pins: the retry policy stops after max_retries, waiting its backoff between attempts.
#[tokio::test(start_paused = true)]
async fn retry_stops_at_its_limit() {
    let backend = Backend::new(Script::steps(&[Outcome::fail(20)]));
    let mut service = ServiceBuilder::new()
        .retry(RetryPolicy::new(2, ms(10)))
        .service(backend.clone());
    let (result, took) = send(&mut service, orders(1)).await;
    assert!(unavailable(&result));
    assert_eq!(backend.calls(), 3);
    assert_eq!(took, 3 * 20 + 2 * 10);
}

// Pins: each request gets its own retry budget (tower clones the policy per request).
#[tokio::test(start_paused = true)]
async fn retry_budget_is_per_request() {
    let steps = [Outcome::fail(1), Outcome::fail(1), Outcome::ok(1)];
    let backend = Backend::new(Script::steps(&[steps, steps].concat()));
    let mut service = ServiceBuilder::new()
        .retry(RetryPolicy::new(2, ms(0)))
        .service(backend.clone());
    assert_eq!(
        send(&mut service, orders(1)).await.0.unwrap(),
        Response { call: 2 }
    );
    assert_eq!(
        send(&mut service, orders(2)).await.0.unwrap(),
        Response { call: 5 }
    );
}

// Pins: a bad request is not retried, and fails without waiting.
#[tokio::test(start_paused = true)]
async fn retry_skips_bad_requests() {
    let backend = Backend::new(Script::steps(&[Outcome::ok(20)]));
    let mut service = ServiceBuilder::new()
        .retry(RetryPolicy::new(5, ms(10)))
        .service(backend.clone());
    let (result, took) = send(&mut service, Request::new(1, "orders")).await;
    let err = result.unwrap_err();
    assert_eq!(
        err.downcast_ref::<Error>(),
        Some(&Error::BadRequest("path must start with /"))
    );
    assert_eq!((backend.calls(), took), (1, 0));
}

// Pins: retry outside timeout gives each attempt its own 100ms, so a slow first call is survived.
#[tokio::test(start_paused = true)]
async fn per_try_timeout_retries_a_slow_call() {
    let backend = Backend::new(Script::steps(&[Outcome::ok(500), Outcome::ok(20)]));
    let mut service = ServiceBuilder::new()
        .retry(RetryPolicy::new(2, ms(10)))
        .timeout(ms(100))
        .service(backend.clone());
    let (result, took) = send(&mut service, orders(1)).await;
    assert_eq!(result.unwrap(), Response { call: 1 });
    assert_eq!((took, backend.calls()), (130, 2));
}

// Pins: timeout outside retry is one budget for everything: the slow first call uses it all up.
#[tokio::test(start_paused = true)]
async fn overall_timeout_leaves_no_room_to_retry() {
    let backend = Backend::new(Script::steps(&[Outcome::ok(500), Outcome::ok(20)]));
    let mut service = ServiceBuilder::new()
        .timeout(ms(100))
        .retry(RetryPolicy::new(2, ms(10)))
        .service(backend.clone());
    let (result, took) = send(&mut service, orders(1)).await;
    assert!(timed_out(&result));
    assert_eq!((took, backend.calls()), (100, 1));
}

// Pins: with both, a backend that always hangs costs the caller the outer budget, not 3 x 100ms.
#[tokio::test(start_paused = true)]
async fn overall_budget_caps_per_try_retries() {
    let backend = Backend::new(Script::steps(&[Outcome::ok(500)]));
    let mut service = ServiceBuilder::new()
        .timeout(ms(250))
        .retry(RetryPolicy::new(2, ms(10)))
        .timeout(ms(100))
        .service(backend.clone());
    let (result, took) = send(&mut service, orders(1)).await;
    assert!(timed_out(&result));
    assert_eq!((took, backend.calls()), (250, 3));
}

// Pins the end-quiz answer: a 200ms budget ends the request during the second
// try (110..210ms), so the third call, which would succeed, is never sent.
#[tokio::test(start_paused = true)]
async fn overall_budget_can_cut_off_the_retry_that_would_succeed() {
    let backend = Backend::new(Script::steps(&[
        Outcome::ok(500),
        Outcome::ok(500),
        Outcome::ok(20),
    ]));
    let mut service = ServiceBuilder::new()
        .timeout(ms(200))
        .retry(RetryPolicy::new(2, ms(10)))
        .timeout(ms(100))
        .service(backend.clone());
    let (result, took) = send(&mut service, orders(1)).await;
    assert!(timed_out(&result));
    assert_eq!((took, backend.calls()), (200, 2));
}

// Pins: the full traced stack prints what the chapter shows, layer by layer.
#[tokio::test(start_paused = true)]
async fn traced_stack_shows_each_layer() {
    let trace = Trace::new();
    let backend = Backend::new(Script::steps(&[
        Outcome::fail(20),
        Outcome::ok(500),
        Outcome::ok(20),
    ]));
    let mut service = ServiceBuilder::new()
        .layer(LogLayer::new("request", &trace))
        .retry(RetryPolicy::new(2, ms(10)))
        .layer(LogLayer::new("attempt", &trace))
        .timeout(ms(100))
        .service(backend);
    let (result, took) = send(&mut service, orders(1)).await;
    assert_eq!(result.unwrap(), Response { call: 2 });
    assert_eq!(took, 160);
    let lines = trace.take();
    assert_eq!(
        lines.iter().filter(|l| l.contains("[attempt] ->")).count(),
        3
    );
    assert_eq!(lines[4], "t= 130ms [attempt] <- request timed out in 100ms");
    assert_eq!(
        lines.last().unwrap(),
        "t= 160ms [request] <- 200 ok (backend call 2) in 160ms"
    );
}

// Pins: how the policy classifies type-erased errors, including ones it does not know.
#[test]
fn transient_classification_of_boxed_errors() {
    assert!(is_transient(&BoxError::from(Elapsed::new())));
    assert!(is_transient(&BoxError::from(Error::Unavailable)));
    assert!(!is_transient(&BoxError::from(Error::BadRequest("x"))));
    assert!(!is_transient(&BoxError::from(std::io::Error::other(
        "disk"
    ))));
}

// tower's ConcurrencyLimit takes its permit in poll_ready: a caller (or a
// layer above it) that calls `call` without `poll_ready` panics on the very
// first request, with no load at all; with poll_ready first, it succeeds.
#[tokio::test(start_paused = true)]
async fn concurrency_limit_panics_on_the_first_call_without_poll_ready() {
    let limited = || {
        ServiceBuilder::new()
            .concurrency_limit(10)
            .service(Backend::new(Script::steps(&[Outcome::ok(1)])))
    };
    let mut asked = limited();
    let answer = asked.ready().await.unwrap().call(orders(1)).await;
    assert_eq!(answer.unwrap(), Response { call: 0 });

    let mut skipped = limited();
    let first = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        drop(skipped.call(orders(1)));
    }));
    let message = first.expect_err("the first call without poll_ready must panic");
    let text = message
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| message.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default();
    assert!(
        text.contains("poll_ready must be called first"),
        "panicked with {text:?}"
    );
}
