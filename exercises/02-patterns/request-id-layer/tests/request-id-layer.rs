//! The behaviour `RequestIdLayer` must have. If this file and the chapter
//! disagree, this file is right.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use http::{Request, Response};
use request_id_layer::{REQUEST_ID, RequestIdLayer};
use tower::{BoxError, Layer, Service, ServiceExt, service_fn};

/// An inner service that answers with the id it saw on the request.
fn echo_id()
-> impl Service<Request<()>, Response = Response<String>, Error = Infallible, Future: Send + 'static>
+ Clone {
    service_fn(|req: Request<()>| async move {
        let seen = match req.headers().get(REQUEST_ID) {
            Some(id) => id.to_str().unwrap_or("<not text>").to_string(),
            None => "<none>".to_string(),
        };
        Ok::<_, Infallible>(Response::new(seen))
    })
}

fn request(id: Option<&str>) -> Request<()> {
    let mut builder = Request::builder().uri("/orders");
    if let Some(id) = id {
        builder = builder.header(REQUEST_ID, id);
    }
    builder.body(()).unwrap()
}

fn response_id(resp: &Response<String>) -> &str {
    resp.headers()
        .get(REQUEST_ID)
        .expect("response has no x-request-id")
        .to_str()
        .unwrap()
}

// Pins: requests without an id get 1, 2, 3 in order, and the inner service sees that id.
#[tokio::test]
async fn missing_ids_are_numbered_from_one() {
    let mut svc = RequestIdLayer::new().layer(echo_id());
    for expected in ["1", "2", "3"] {
        let resp = svc
            .ready()
            .await
            .unwrap()
            .call(request(None))
            .await
            .unwrap();
        assert_eq!(resp.body(), expected);
    }
}

// Pins: the response carries the same id the request was given.
#[tokio::test]
async fn response_carries_the_request_id() {
    let mut svc = RequestIdLayer::new().layer(echo_id());
    let resp = svc
        .ready()
        .await
        .unwrap()
        .call(request(None))
        .await
        .unwrap();
    assert_eq!(response_id(&resp), "1");
    assert_eq!(resp.body(), "1");
}

// Pins: an id set by the caller is kept, echoed back, and does not use up a number.
#[tokio::test]
async fn existing_ids_are_kept() {
    let mut svc = RequestIdLayer::new().layer(echo_id());
    let resp = svc
        .ready()
        .await
        .unwrap()
        .call(request(Some("abc-42")))
        .await
        .unwrap();
    assert_eq!(resp.body(), "abc-42");
    assert_eq!(response_id(&resp), "abc-42");
    let next = svc
        .ready()
        .await
        .unwrap()
        .call(request(None))
        .await
        .unwrap();
    assert_eq!(next.body(), "1");
}

// Pins: an empty id counts as missing (bad input gets a real id).
#[tokio::test]
async fn empty_ids_are_replaced() {
    let mut svc = RequestIdLayer::new().layer(echo_id());
    let resp = svc
        .ready()
        .await
        .unwrap()
        .call(request(Some("")))
        .await
        .unwrap();
    assert_eq!(resp.body(), "1");
    assert_eq!(response_id(&resp), "1");
}

// Pins: services built by one layer, and their clones, share one counter: no id is handed out twice.
#[tokio::test]
async fn one_counter_per_layer() {
    let layer = RequestIdLayer::new();
    let mut a = layer.layer(echo_id());
    let mut b = layer.layer(echo_id());
    let mut a2 = a.clone();
    let mut seen = Vec::new();
    for svc in [&mut a, &mut b, &mut a2] {
        let resp = svc
            .ready()
            .await
            .unwrap()
            .call(request(None))
            .await
            .unwrap();
        seen.push(resp.body().clone());
    }
    assert_eq!(seen, ["1", "2", "3"]);
    // A different layer is a different sequence.
    let mut other = RequestIdLayer::new().layer(echo_id());
    let resp = other
        .ready()
        .await
        .unwrap()
        .call(request(None))
        .await
        .unwrap();
    assert_eq!(resp.body(), "1");
}

// Pins: errors from the inner service come back unchanged.
#[tokio::test]
async fn inner_errors_pass_through() {
    let failing = service_fn(|_req: Request<()>| async {
        Err::<Response<String>, BoxError>("backend down".into())
    });
    let mut svc = RequestIdLayer::new().layer(failing);
    let err = svc
        .ready()
        .await
        .unwrap()
        .call(request(None))
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "backend down");
}

/// An inner service that is never ready, or fails its readiness check.
struct Unready {
    fail: bool,
}

impl Service<Request<()>> for Unready {
    type Response = Response<String>;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Response<String>, BoxError>> + Send>>;
    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        if self.fail {
            Poll::Ready(Err("overloaded".into()))
        } else {
            Poll::Pending
        }
    }
    fn call(&mut self, _req: Request<()>) -> Self::Future {
        panic!("called before ready")
    }
}

// Pins: poll_ready reports the inner service's readiness: pending stays pending, errors come through.
#[test]
fn readiness_comes_from_the_inner_service() {
    let mut cx = Context::from_waker(Waker::noop());
    let mut pending = RequestIdLayer::new().layer(Unready { fail: false });
    assert!(pending.poll_ready(&mut cx).is_pending());
    let mut failing = RequestIdLayer::new().layer(Unready { fail: true });
    match failing.poll_ready(&mut cx) {
        Poll::Ready(Err(err)) => assert_eq!(err.to_string(), "overloaded"),
        _ => panic!("expected the inner service's error"),
    }
}

/// An inner service that, like tower's `ConcurrencyLimit`, reserves room in
/// `poll_ready` and spends it in `call`. A clone starts with no room reserved.
struct NeedsReady {
    reserved: bool,
}

impl Clone for NeedsReady {
    fn clone(&self) -> Self {
        NeedsReady { reserved: false }
    }
}

impl Service<Request<()>> for NeedsReady {
    type Response = Response<String>;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Response<String>, BoxError>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.reserved = true;
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _req: Request<()>) -> Self::Future {
        let had_room = std::mem::replace(&mut self.reserved, false);
        Box::pin(async move {
            if had_room {
                Ok(Response::new("served".to_string()))
            } else {
                Err("call without a successful poll_ready on this service".into())
            }
        })
    }
}

// Pins: `call` uses the very service whose `poll_ready` the caller waited for
// (not a fresh clone of it).
#[tokio::test]
async fn call_goes_to_the_service_that_was_made_ready() {
    let mut svc = RequestIdLayer::new().layer(NeedsReady { reserved: false });
    for _ in 0..2 {
        let resp = svc
            .ready()
            .await
            .unwrap()
            .call(request(None))
            .await
            .expect("the inner service was called without being made ready");
        assert_eq!(resp.body(), "served");
    }
}
