//! A single-threaded executor on std alone: tasks, a run queue, and wakers.

use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

use crate::clock::Clock;
use crate::log::Log;

type BoxFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

// ANCHOR: task
/// A spawned future plus what the executor needs to poll it again.
struct Task {
    name: &'static str,
    /// `None` once the future has returned `Ready`.
    future: Mutex<Option<BoxFuture>>,
    polls: Mutex<usize>,
    /// The run queue's sending end: waking the task sends it here.
    run_queue: Sender<Arc<Task>>,
}

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        // A wake does no work itself: it only puts the task back in line.
        // Sending fails only once the executor is gone, and then nobody
        // is left to poll anyway.
        let run_queue = self.run_queue.clone();
        let _ = run_queue.send(self);
    }
}
// ANCHOR_END: task

/// How one task ended up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskReport {
    pub name: &'static str,
    pub polls: usize,
    pub finished: bool,
}

/// A single-threaded executor whose time is a fake [`Clock`].
pub struct Executor {
    clock: Clock,
    log: Log,
    tasks: Vec<Arc<Task>>,
    run_queue: Sender<Arc<Task>>,
    ready: Receiver<Arc<Task>>,
}

impl Default for Executor {
    fn default() -> Self {
        Self::new()
    }
}

impl Executor {
    pub fn new() -> Self {
        let (run_queue, ready) = mpsc::channel();
        Executor {
            clock: Clock::default(),
            log: Log::default(),
            tasks: Vec::new(),
            run_queue,
            ready,
        }
    }

    pub fn clock(&self) -> Clock {
        self.clock.clone()
    }

    pub fn log(&self) -> Log {
        self.log.clone()
    }

    // ANCHOR: spawn
    /// Wraps a future in a task and puts the task in the run queue.
    pub fn spawn(&mut self, name: &'static str, future: impl Future<Output = ()> + Send + 'static) {
        let task = Arc::new(Task {
            name,
            future: Mutex::new(Some(Box::pin(future))),
            polls: Mutex::new(0),
            run_queue: self.run_queue.clone(),
        });
        self.tasks.push(Arc::clone(&task));
        self.run_queue
            .send(task)
            .expect("the executor holds the receiver");
    }
    // ANCHOR_END: spawn

    // ANCHOR: run
    /// Polls tasks until none can make progress, then reports on each one.
    pub fn run(&mut self) -> Vec<TaskReport> {
        loop {
            // Poll every task that has been woken, in the order of the wakes.
            while let Ok(task) = self.ready.try_recv() {
                self.poll(&task);
            }
            // Nothing is ready. Like tokio with a paused clock, jump the
            // clock to the next timer instead of waiting for it.
            match self.clock.fire_next() {
                Some((now_ms, fired)) => {
                    self.log.write(
                        now_ms,
                        format!("clock jumps to {now_ms}ms, {fired} timer(s) fire"),
                    );
                }
                None => break, // no task is ready and no timer can wake one
            }
        }
        let now_ms = self.clock.now_ms();
        self.log
            .write(now_ms, "nothing to poll and no timers: run() returns");
        self.tasks.iter().map(|t| t.report()).collect()
    }

    fn poll(&self, task: &Arc<Task>) {
        let mut slot = task.future.lock().expect("task lock poisoned");
        let Some(future) = slot.as_mut() else {
            return; // a late wake for a task that already finished
        };
        // The waker is the task itself, behind `Arc`, thanks to `Wake`.
        let waker = Waker::from(Arc::clone(task));
        let mut cx = Context::from_waker(&waker);
        *task.polls.lock().expect("task lock poisoned") += 1;
        let result = future.as_mut().poll(&mut cx);
        self.log
            .write(self.clock.now_ms(), poll_line(task.name, &result));
        if result.is_ready() {
            *slot = None; // drop the finished future and what it holds
        }
    }
    // ANCHOR_END: run
}

impl Task {
    fn report(&self) -> TaskReport {
        TaskReport {
            name: self.name,
            polls: *self.polls.lock().expect("task lock poisoned"),
            finished: self.future.lock().expect("task lock poisoned").is_none(),
        }
    }
}

/// One line of the poll log; shared with [`crate::traced`] so that this
/// executor and tokio write the very same lines.
pub fn poll_line<T>(name: &str, result: &Poll<T>) -> String {
    let verdict = if result.is_ready() {
        "Ready"
    } else {
        "Pending"
    };
    format!("poll {name:<7} -> {verdict}")
}
