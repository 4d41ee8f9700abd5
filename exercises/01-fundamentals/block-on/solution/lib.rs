// --- solution ---
//! Reference solution of the block-on exercise: the waker sets a flag and
//! unparks the blocked thread; the loop polls, then parks until the flag is
//! set.
// --- stub ---
// //! Your turn: the smallest executor there is. `block_on` runs one future to
// //! completion on the calling thread, sleeping between polls until the
// //! future's waker says it is worth polling again.
// //!
// //! Layout: one function, [`block_on`], which you write, and whatever waker
// //! type you need for it. The tests in `tests/block-on.rs` count how often
// //! the future is polled, so an executor that polls in a busy loop fails.
// //!
// //! Run `cargo test -p block-on` until every test passes.
// --- end ---

use std::future::Future;
// --- solution ---
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

/// Wakes the thread that is blocked in `block_on`.
struct ThreadWaker {
    thread: Thread,
    /// Set by a wake, cleared by the poll loop: `park` can return without
    /// any wake (a spurious wake-up), so the flag is what counts.
    woken: AtomicBool,
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::Release);
        self.thread.unpark();
    }
}
// --- end ---

/// Polls `future` on the calling thread until it is ready and returns its
/// output. Between polls the thread sleeps; it polls again only after the
/// future's waker has been woken (from any thread, even during the poll).
pub fn block_on<F: Future>(future: F) -> F::Output {
    // --- solution ---
    let mut future = pin!(future);
    let signal = Arc::new(ThreadWaker {
        thread: thread::current(),
        woken: AtomicBool::new(false),
    });
    let waker = Waker::from(Arc::clone(&signal));
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        // A wake that came during the poll has already set the flag, so it
        // is not lost: the loop below does not park at all.
        while !signal.woken.swap(false, Ordering::Acquire) {
            thread::park();
        }
    }
    // --- stub ---
    // drop(future);
    // todo!("poll the future until it is ready; sleep between polls")
    // --- end ---
}
