//! A future that wraps another and logs every poll of it.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::executor::poll_line;
use crate::log::Log;

// ANCHOR: traced
/// Wraps `inner` and writes one log line per poll, stamped by `now_ms`.
pub struct Traced<F> {
    name: &'static str,
    inner: Pin<Box<F>>,
    log: Log,
    now_ms: fn() -> u64,
}

impl<F: Future> Future for Traced<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        // Pass the same Context down: when `inner` stores the waker, it is
        // this task's waker, so a wake polls the wrapper and `inner` again.
        let result = self.inner.as_mut().poll(cx);
        self.log
            .write((self.now_ms)(), poll_line(self.name, &result));
        result
    }
}
// ANCHOR_END: traced

impl<F> Traced<F> {
    pub fn new(name: &'static str, inner: F, log: Log, now_ms: fn() -> u64) -> Self {
        Traced {
            name,
            inner: Box::pin(inner),
            log,
            now_ms,
        }
    }
}
