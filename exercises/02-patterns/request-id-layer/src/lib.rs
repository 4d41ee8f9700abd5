//! Your turn: write a tower `Layer` that gives every request an
//! `x-request-id` header and copies it onto the response, so one id follows
//! the request through every log line on the way in and out.
//!
//! - `RequestIdLayer`: the factory; holds the counter all its services share.
//! - `RequestId<S>`: the service it builds around an inner service `S`.
//!
//! Run `cargo test -p request-id-layer` until it passes.

// The stub does not use its fields and imports yet; delete this line when
// your code does.
#![allow(dead_code, unused_imports)]

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};

use http::{HeaderValue, Request, Response};
use tower::{Layer, Service};

/// The header that carries the id, in both directions.
pub const REQUEST_ID: &str = "x-request-id";

/// Hands out ids 1, 2, 3, ... to requests that arrive without one. Every
/// service this layer builds, and every clone of those, shares the counter,
/// so no two requests get the same id.
#[derive(Clone, Debug)]
pub struct RequestIdLayer {
    // The state the layer hands to every service it builds.
}

impl RequestIdLayer {
    pub fn new() -> Self {
        // Start the numbering.
        RequestIdLayer {}
    }
}

impl Default for RequestIdLayer {
    fn default() -> Self {
        RequestIdLayer::new()
    }
}

impl<S> Layer<S> for RequestIdLayer {
    type Service = RequestId<S>;

    fn layer(&self, inner: S) -> RequestId<S> {
        // Build the service around `inner`, sharing this layer's counter.
        let _ = inner;
        todo!()
    }
}

/// The service `RequestIdLayer` wraps around `inner`.
#[derive(Clone, Debug)]
pub struct RequestId<S> {
    inner: S,
    // What this service needs from its layer.
}

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for RequestId<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    S::Future: Send + 'static,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Response<ResBody>, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        // Ready exactly when the inner service is ready.
        let _ = cx;
        todo!()
    }

    fn call(&mut self, req: Request<ReqBody>) -> Self::Future {
        // 1. Use the request's `x-request-id` if it has a non-empty one;
        //    otherwise take the next number and insert it as the header.
        // 2. Call the inner service with the request.
        // 3. Return a future that awaits the response and sets the same
        //    `x-request-id` on it; errors pass through untouched.
        let _ = req;
        todo!()
    }
}
