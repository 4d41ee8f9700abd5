//! The poll log: lines written by the executor, the clock and the tasks.

use std::fmt::Display;
use std::sync::{Arc, Mutex};

/// A log shared by everything in one run. Cloning it shares it.
#[derive(Debug, Clone, Default)]
pub struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    /// Appends one line, stamped with the time it happened at.
    pub fn write(&self, now_ms: u64, line: impl Display) {
        let line = format!("{now_ms:>4}ms  {line}");
        self.0.lock().expect("log lock poisoned").push(line);
    }

    /// Every line so far.
    pub fn lines(&self) -> Vec<String> {
        self.0.lock().expect("log lock poisoned").clone()
    }
}
