//! Pins the executor's poll log, the wakers, the fake clock, and that tokio
//! polls the same program the same way.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use tiny_executor::breakfast::{boil_kettle, boil_kettle_naive, make_toast};
use tiny_executor::clock::Clock;
use tiny_executor::executor::{Executor, TaskReport};
use tiny_executor::sleep::sleep;

fn report(name: &'static str, polls: usize, finished: bool) -> TaskReport {
    TaskReport {
        name,
        polls,
        finished,
    }
}

/// The log without its time stamps' padding, for readable assertions.
fn lines(executor: &Executor) -> Vec<String> {
    executor
        .log()
        .lines()
        .iter()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

// Pins the naive version: Pending with no waker stored means one poll, ever.
#[test]
fn a_future_that_forgets_its_waker_is_polled_once_and_stays_stuck() {
    let mut executor = Executor::new();
    executor.spawn(
        "kettle",
        boil_kettle_naive(executor.clock(), executor.log()),
    );
    assert_eq!(executor.run(), vec![report("kettle", 1, false)]);
    assert!(!lines(&executor).iter().any(|l| l.contains("boiled")));
}

// Pins the whole poll log of the breakfast: who is polled when, and why.
#[test]
fn breakfast_poll_log() {
    let mut executor = Executor::new();
    executor.spawn("kettle", boil_kettle(executor.clock(), executor.log()));
    executor.spawn("toast", make_toast(executor.clock(), executor.log()));
    let reports = executor.run();
    assert_eq!(
        reports,
        vec![report("kettle", 2, true), report("toast", 3, true)]
    );
    assert_eq!(
        lines(&executor),
        [
            "0ms kettle: on",
            "0ms poll kettle -> Pending",
            "0ms toast: in",
            "0ms poll toast -> Pending",
            "20ms clock jumps to 20ms, 1 timer(s) fire",
            "20ms toast: flipped",
            "20ms poll toast -> Pending",
            "30ms clock jumps to 30ms, 1 timer(s) fire",
            "30ms kettle: boiled",
            "30ms poll kettle -> Ready",
            "40ms clock jumps to 40ms, 1 timer(s) fire",
            "40ms toast: done",
            "40ms poll toast -> Ready",
            "40ms nothing to poll and no timers: run() returns",
        ]
    );
}

// Pins laziness: creating and spawning futures runs none of their code.
#[test]
fn nothing_runs_until_polled() {
    let mut executor = Executor::new();
    let kettle = boil_kettle(executor.clock(), executor.log());
    executor.spawn("kettle", kettle);
    assert!(executor.log().lines().is_empty());
    executor.run();
    assert!(!executor.log().lines().is_empty());
}

// Pins the edge case: a zero-length sleep is ready on its first poll.
#[test]
fn a_zero_sleep_finishes_in_one_poll_without_moving_the_clock() {
    let mut executor = Executor::new();
    let clock = executor.clock();
    executor.spawn("now", async move { sleep(&clock, 0).await });
    assert_eq!(executor.run(), vec![report("now", 1, true)]);
    assert_eq!(executor.clock().now_ms(), 0);
}

// Pins the edge case: an executor with no tasks returns at once.
#[test]
fn an_empty_executor_returns_at_once() {
    assert!(Executor::new().run().is_empty());
}

/// Wakes its own task once, then is ready on the next poll: a yield.
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

// Pins the waker's job: a task that wakes itself is queued and polled again.
#[test]
fn a_task_that_wakes_itself_is_polled_again() {
    let mut executor = Executor::new();
    executor.spawn("yield", YieldOnce(false));
    assert_eq!(executor.run(), vec![report("yield", 2, true)]);
}

/// Keeps a copy of the waker it was polled with, then is ready.
struct KeepWaker(Arc<Mutex<Option<Waker>>>);

impl Future for KeepWaker {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        *self.0.lock().unwrap() = Some(cx.waker().clone());
        Poll::Ready(())
    }
}

// Pins that a finished task is never polled again, even if woken late.
#[test]
fn a_late_wake_does_not_poll_a_finished_task() {
    let kept = Arc::new(Mutex::new(None));
    let mut executor = Executor::new();
    executor.spawn("done", KeepWaker(Arc::clone(&kept)));
    executor.run();
    kept.lock().unwrap().take().expect("polled once").wake();
    assert_eq!(executor.run(), vec![report("done", 1, true)]);
}

// Pins the clock: no timers means no jump; timers due together fire together.
#[test]
fn clock_fires_the_earliest_deadline_and_everything_due_with_it() {
    let clock = Clock::default();
    assert_eq!(clock.fire_next(), None);
    for (deadline, id) in [(50, 1), (10, 2), (10, 3)] {
        clock.set_timer(deadline, id, Waker::noop().clone());
    }
    assert_eq!(clock.fire_next(), Some((10, 2)));
    assert_eq!(clock.fire_next(), Some((50, 1)));
    assert_eq!(clock.now_ms(), 50);
    assert_eq!(clock.pending_timers(), 0);
}

// Pins that polling twice before the deadline keeps one timer, not two,
// and that dropping the sleep removes it.
#[test]
fn sleep_keeps_one_timer_and_cancels_it_on_drop() {
    let clock = Clock::default();
    let mut nap = Box::pin(sleep(&clock, 30));
    let mut cx = Context::from_waker(Waker::noop());
    assert!(nap.as_mut().poll(&mut cx).is_pending());
    assert!(nap.as_mut().poll(&mut cx).is_pending());
    assert_eq!(clock.pending_timers(), 1);
    drop(nap);
    assert_eq!(clock.pending_timers(), 0);
}

// Pins the chapter's claim: tokio polls the same program the same way. The
// poll lines of `on-tokio` equal ours without the clock's own lines.
#[test]
fn tokio_polls_the_same_way() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_on-tokio"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let tokio: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();

    let mut executor = Executor::new();
    executor.spawn("kettle", boil_kettle(executor.clock(), executor.log()));
    executor.spawn("toast", make_toast(executor.clock(), executor.log()));
    executor.run();
    let ours: Vec<String> = executor
        .log()
        .lines()
        .into_iter()
        .filter(|l| !l.contains("clock jumps") && !l.contains("run() returns"))
        .collect();
    assert_eq!(tokio, ours);
}

/// A future that waits for a wake from outside the executor: it stores its
/// waker in `slot` and is ready once `go` is set, like a socket read.
struct Outside {
    slot: Arc<Mutex<Option<Waker>>>,
    go: Arc<Mutex<bool>>,
}

impl Future for Outside {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if *self.go.lock().unwrap() {
            return Poll::Ready(());
        }
        *self.slot.lock().unwrap() = Some(cx.waker().clone());
        Poll::Pending
    }
}

// Pins the limit of "run returns when there is nothing left to do": that
// holds only while the fake clock is the only waker. A task waiting on a
// source outside the executor is pending when `run` returns, and a later
// wake from another thread queues it for a `run` that is no longer looping.
#[test]
fn run_returns_while_a_task_waits_on_an_outside_waker() {
    let slot = Arc::new(Mutex::new(None::<Waker>));
    let go = Arc::new(Mutex::new(false));
    let mut executor = Executor::new();
    let outside = Outside {
        slot: Arc::clone(&slot),
        go: Arc::clone(&go),
    };
    executor.spawn("socket", outside);
    assert_eq!(executor.run(), vec![report("socket", 1, false)]);

    // The outside source becomes ready later, on another thread.
    let waker = slot.lock().unwrap().take().expect("the waker was stored");
    *go.lock().unwrap() = true;
    std::thread::spawn(move || waker.wake()).join().unwrap();
    // Only another call to `run` polls the woken task.
    assert_eq!(executor.run(), vec![report("socket", 2, true)]);
}
