//! Tests for the block-on exercise. Each one runs `block_on` on a helper
//! thread with a deadline, so a lost wake-up fails the test instead of
//! hanging it.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

use block_on::block_on;

/// Runs `work` on its own thread and fails the test if it takes over 10 s.
fn within_deadline<R: Send + 'static>(work: impl FnOnce() -> R + Send + 'static) -> R {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || tx.send(work()));
    rx.recv_timeout(Duration::from_secs(10))
        .expect("block_on did not return within 10 s: a lost wake-up? (or it panicked)")
}

/// Counts its polls and stays pending until `done` is set; its waker is
/// kept where a test thread can wake it.
struct Gate {
    polls: Arc<AtomicUsize>,
    state: Arc<Mutex<(bool, Option<Waker>)>>,
}

impl Future for Gate {
    type Output = usize;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
        let polls = self.polls.fetch_add(1, Ordering::SeqCst) + 1;
        let mut state = self.state.lock().unwrap();
        if state.0 {
            return Poll::Ready(polls);
        }
        state.1 = Some(cx.waker().clone());
        Poll::Pending
    }
}

/// Opens the gate and wakes whoever waits on it.
fn open(state: &Mutex<(bool, Option<Waker>)>) {
    let waker = {
        let mut state = state.lock().unwrap();
        state.0 = true;
        state.1.take()
    };
    if let Some(waker) = waker {
        waker.wake();
    }
}

// Pins the simplest case: a future that is ready at once, polled once.
#[test]
fn a_ready_future_returns_its_output() {
    assert_eq!(within_deadline(|| block_on(async { 6 * 7 })), 42);
}

// Pins no busy polling: woken once from another thread after 100 ms, the
// future is polled exactly twice, the first time and after the wake.
#[test]
fn a_future_woken_from_another_thread_is_polled_twice() {
    let state = Arc::new(Mutex::new((false, None)));
    let opener = Arc::clone(&state);
    thread::spawn(move || {
        thread::sleep(Duration::from_millis(100));
        open(&opener);
    });
    let gate = Gate {
        polls: Arc::new(AtomicUsize::new(0)),
        state,
    };
    assert_eq!(within_deadline(move || block_on(gate)), 2);
}

// Pins that only a real wake costs a poll: the first call leaves a wake-up
// behind on this thread (its future wakes itself, then is ready in the same
// poll), and the second call must not take that leftover for a wake of its
// own future. Woken once, that future is still polled exactly twice.
#[test]
fn a_wake_left_over_from_an_earlier_call_costs_no_poll() {
    struct WakeThenReady;
    impl Future for WakeThenReady {
        type Output = ();
        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            cx.waker().wake_by_ref();
            Poll::Ready(())
        }
    }
    let polls = within_deadline(|| {
        block_on(WakeThenReady);
        let state = Arc::new(Mutex::new((false, None)));
        let opener = Arc::clone(&state);
        thread::spawn(move || {
            thread::sleep(Duration::from_millis(100));
            open(&opener);
        });
        block_on(Gate {
            polls: Arc::new(AtomicUsize::new(0)),
            state,
        })
    });
    assert_eq!(polls, 2);
}

/// Wakes its own waker `left` times before it is ready: a future that
/// yields to the executor between steps.
struct Yield {
    left: u32,
    polls: u32,
}

impl Future for Yield {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        self.polls += 1;
        if self.left == 0 {
            return Poll::Ready(self.polls);
        }
        self.left -= 1;
        cx.waker().wake_by_ref(); // woken during the poll: must not be lost
        Poll::Pending
    }
}

// Pins wakes that happen during the poll: each one means exactly one more
// poll, and none of them is lost (which would hang).
#[test]
fn a_wake_during_the_poll_is_not_lost() {
    let polls = within_deadline(|| block_on(Yield { left: 3, polls: 0 }));
    assert_eq!(polls, 4);
}

// Pins a wake from another thread that lands before the poll returns.
#[test]
fn an_immediate_wake_from_another_thread_is_not_lost() {
    struct WakeFromThread(bool);
    impl Future for WakeFromThread {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 {
                return Poll::Ready(());
            }
            self.0 = true;
            let waker = cx.waker().clone();
            thread::spawn(move || waker.wake()).join().unwrap();
            Poll::Pending
        }
    }
    within_deadline(|| block_on(WakeFromThread(false)));
}

// Pins async/await on top: an async block that awaits two futures in turn.
#[test]
fn async_blocks_that_await_run_to_completion() {
    let out = within_deadline(|| {
        block_on(async {
            let a = Yield { left: 2, polls: 0 }.await;
            let b = Yield { left: 0, polls: 0 }.await;
            (a, b)
        })
    });
    assert_eq!(out, (3, 1));
}
