// --- solution ---
//! Reference solution: a tower `Layer` that gives every request an
//! `x-request-id` header and copies it onto the response, so one id follows
//! the request through every log line on the way in and out.
//!
//! - `RequestIdLayer`: the factory; holds the counter all its services share.
//! - `RequestId<S>`: the service it builds around an inner service `S`.
// --- stub ---
// //! Your turn: write a tower `Layer` that gives every request an
// //! `x-request-id` header and copies it onto the response, so one id follows
// //! the request through every log line on the way in and out.
// //!
// //! - `RequestIdLayer`: the factory; holds the counter all its services share.
// //! - `RequestId<S>`: the service it builds around an inner service `S`.
// //!
// //! Run `cargo test -p request-id-layer` until it passes.
//
// // The stub does not use its fields and imports yet; delete this line when
// // your code does.
// #![allow(dead_code, unused_imports)]
// --- end ---

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
    // --- solution ---
    next_id: Arc<AtomicU64>,
    // --- stub ---
    // // The state the layer hands to every service it builds.
    // --- end ---
}

impl RequestIdLayer {
    pub fn new() -> Self {
        // --- solution ---
        RequestIdLayer {
            next_id: Arc::new(AtomicU64::new(1)),
        }
        // --- stub ---
        // // Start the numbering.
        // RequestIdLayer {}
        // --- end ---
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
        // --- solution ---
        RequestId {
            inner,
            next_id: Arc::clone(&self.next_id),
        }
        // --- stub ---
        // // Build the service around `inner`, sharing this layer's counter.
        // let _ = inner;
        // todo!()
        // --- end ---
    }
}

/// The service `RequestIdLayer` wraps around `inner`.
#[derive(Clone, Debug)]
pub struct RequestId<S> {
    inner: S,
    // --- solution ---
    next_id: Arc<AtomicU64>,
    // --- stub ---
    // // What this service needs from its layer.
    // --- end ---
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
        // --- solution ---
        // Not ready until the inner service is: the layer adds no capacity.
        self.inner.poll_ready(cx)
        // --- stub ---
        // // Ready exactly when the inner service is ready.
        // let _ = cx;
        // todo!()
        // --- end ---
    }

    // --- solution ---
    fn call(&mut self, mut req: Request<ReqBody>) -> Self::Future {
        let id = match req.headers().get(REQUEST_ID) {
            // An empty id identifies nothing; treat it as missing.
            Some(existing) if !existing.is_empty() => existing.clone(),
            _ => {
                let n = self.next_id.fetch_add(1, Ordering::Relaxed);
                let fresh = HeaderValue::from(n);
                req.headers_mut().insert(REQUEST_ID, fresh.clone());
                fresh
            }
        };
        let response = self.inner.call(req);
        Box::pin(async move {
            let mut response = response.await?;
            response.headers_mut().insert(REQUEST_ID, id);
            Ok(response)
        })
    }
    // --- stub ---
    // fn call(&mut self, req: Request<ReqBody>) -> Self::Future {
    //     // 1. Use the request's `x-request-id` if it has a non-empty one;
    //     //    otherwise take the next number and insert it as the header.
    //     // 2. Call the inner service with the request.
    //     // 3. Return a future that awaits the response and sets the same
    //     //    `x-request-id` on it; errors pass through untouched.
    //     let _ = req;
    //     todo!()
    // }
    // --- end ---
}
