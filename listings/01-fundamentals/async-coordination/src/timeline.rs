//! A log whose lines carry the virtual time since the log was created.

use std::sync::{Arc, Mutex};

use tokio::time::Instant;

/// A cloneable log shared by the tasks of one example. Each line starts
/// with the milliseconds elapsed on tokio's clock, which is virtual (and
/// therefore the same every run) when the clock is paused.
#[derive(Clone, Debug)]
pub struct Timeline {
    start: Instant,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Timeline {
    /// A new, empty log that counts time from now.
    pub fn start() -> Self {
        Timeline {
            start: Instant::now(),
            lines: Arc::new(Mutex::new(Vec::new())),
        }
    }

    /// Milliseconds of tokio time since [`Timeline::start`].
    pub fn elapsed_ms(&self) -> u128 {
        self.start.elapsed().as_millis()
    }

    /// Appends `event`, stamped with the current time.
    pub fn note(&self, event: impl AsRef<str>) {
        let line = format!("{:>4} ms  {}", self.elapsed_ms(), event.as_ref());
        self.lines.lock().expect("timeline lock").push(line);
    }

    /// Every line so far, oldest first.
    pub fn lines(&self) -> Vec<String> {
        self.lines.lock().expect("timeline lock").clone()
    }
}
