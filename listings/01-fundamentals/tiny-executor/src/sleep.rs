//! Two hand-written futures that wait until the fake clock reaches a deadline.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::clock::Clock;

// ANCHOR: naive
/// A first try: compare the clock with the deadline, and say "not yet"
/// while it is too early.
pub struct NaiveSleep {
    clock: Clock,
    deadline_ms: u64,
}

impl NaiveSleep {
    pub fn new(clock: &Clock, duration_ms: u64) -> Self {
        let deadline_ms = clock.now_ms() + duration_ms;
        NaiveSleep {
            clock: clock.clone(),
            deadline_ms,
        }
    }
}

impl Future for NaiveSleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if self.clock.now_ms() >= self.deadline_ms {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}
// ANCHOR_END: naive

// ANCHOR: sleep
/// Waits until the clock reaches `now + duration_ms`, and hands the clock
/// the waker so the clock can ask for another poll when the time comes.
pub struct Sleep {
    clock: Clock,
    deadline_ms: u64,
    timer_id: u64,
}

pub fn sleep(clock: &Clock, duration_ms: u64) -> Sleep {
    Sleep {
        deadline_ms: clock.now_ms() + duration_ms,
        timer_id: clock.new_timer_id(),
        clock: clock.clone(),
    }
}

impl Future for Sleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.clock.now_ms() >= self.deadline_ms {
            return Poll::Ready(());
        }
        // Store a clone of the waker with the timer. The clock wakes it at
        // the deadline, and the executor then polls this task again.
        let waker = cx.waker().clone();
        self.clock.set_timer(self.deadline_ms, self.timer_id, waker);
        Poll::Pending
    }
}
// ANCHOR_END: sleep

/// A sleep dropped before its deadline must not leave a timer behind that
/// would wake a task for nothing.
impl Drop for Sleep {
    fn drop(&mut self) {
        self.clock.cancel_timer(self.deadline_ms, self.timer_id);
    }
}
