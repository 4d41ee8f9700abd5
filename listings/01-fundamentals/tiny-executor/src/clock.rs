//! A fake clock with timers. Nothing moves it but [`Clock::fire_next`].

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::task::Waker;

#[derive(Debug, Default)]
struct State {
    now_ms: u64,
    /// Pending timers, keyed by (deadline, timer id) so the earliest comes
    /// first and two timers with one deadline fire in the order they were made.
    timers: BTreeMap<(u64, u64), Waker>,
    next_id: u64,
}

/// A handle on the shared fake clock. Cloning it shares it.
#[derive(Debug, Clone, Default)]
pub struct Clock(Arc<Mutex<State>>);

impl Clock {
    pub fn now_ms(&self) -> u64 {
        self.state().now_ms
    }

    /// A fresh timer id, unique for this clock.
    pub fn new_timer_id(&self) -> u64 {
        let mut state = self.state();
        state.next_id += 1;
        state.next_id
    }

    /// Asks for `waker` to be woken at `deadline_ms`. Setting the same timer
    /// again replaces its waker, so a future polled twice is woken once.
    pub fn set_timer(&self, deadline_ms: u64, id: u64, waker: Waker) {
        self.state().timers.insert((deadline_ms, id), waker);
    }

    pub fn cancel_timer(&self, deadline_ms: u64, id: u64) {
        self.state().timers.remove(&(deadline_ms, id));
    }

    pub fn pending_timers(&self) -> usize {
        self.state().timers.len()
    }

    /// Jumps to the earliest deadline and wakes every timer due then.
    /// Returns the new time and how many timers fired, or `None` if no timer
    /// is pending. This is the only way time passes.
    pub fn fire_next(&self) -> Option<(u64, usize)> {
        let (now_ms, due) = {
            let mut state = self.state();
            let &(deadline_ms, _) = state.timers.keys().next()?;
            state.now_ms = state.now_ms.max(deadline_ms);
            let later = state.timers.split_off(&(deadline_ms + 1, 0));
            let due = std::mem::replace(&mut state.timers, later);
            (state.now_ms, due)
        };
        // Wake outside the lock: a waker may run code that reads the clock.
        let fired = due.len();
        for waker in due.into_values() {
            waker.wake();
        }
        Some((now_ms, fired))
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.0.lock().expect("clock lock poisoned")
    }
}
