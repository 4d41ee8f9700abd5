//! The database behind the cache: a map that counts its reads and writes,
//! and that can take a while to answer, so a stampede has time to build.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::Notify;

/// Rows by key, with a count of every read and write.
#[derive(Debug, Default)]
pub struct Db {
    rows: Mutex<HashMap<String, String>>,
    reads: AtomicU64,
    writes: AtomicU64,
    /// How long a read takes ([`Db::load`]).
    delay: Duration,
    /// When set, a load waits until this many requests have arrived.
    gate: Option<Gate>,
}

impl Db {
    /// A database holding one row.
    pub fn with(key: &str, value: &str) -> Db {
        let db = Db::default();
        db.rows
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key.to_string(), value.to_string());
        db
    }

    /// Each [`Db::load`] takes `delay`.
    pub fn slow(mut self, delay: Duration) -> Db {
        self.delay = delay;
        self
    }

    /// Each [`Db::load`] first waits until `requests` requests have called
    /// [`Db::arrived`]: "all of them come in before the first load ends",
    /// made exact instead of left to the scheduler.
    pub fn gated(mut self, requests: usize) -> Db {
        self.gate = Some(Gate {
            expected: requests,
            arrived: AtomicUsize::new(0),
            all_in: Notify::new(),
        });
        self
    }

    /// A request has looked in the cache (for a gated database).
    pub fn arrived(&self) {
        if let Some(gate) = &self.gate
            && gate.arrived.fetch_add(1, Ordering::SeqCst) + 1 >= gate.expected
        {
            gate.all_in.notify_waiters();
        }
    }

    /// Reads a row at once. A missing row reads as "none".
    fn read(&self, key: &str) -> String {
        self.reads.fetch_add(1, Ordering::SeqCst);
        self.rows
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(key)
            .cloned()
            .unwrap_or_else(|| "none".to_string())
    }

    /// Reads a row: past the gate, if any, then after the delay, if any.
    pub async fn load(&self, key: &str) -> String {
        if let Some(gate) = &self.gate {
            loop {
                let all_in = gate.all_in.notified();
                if gate.arrived.load(Ordering::SeqCst) >= gate.expected {
                    break;
                }
                all_in.await;
            }
        }
        tokio::time::sleep(self.delay).await;
        self.read(key)
    }

    pub fn write(&self, key: &str, value: &str) {
        self.writes.fetch_add(1, Ordering::SeqCst);
        self.rows
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key.to_string(), value.to_string());
    }

    /// A row as it is now, without counting a read.
    pub fn peek(&self, key: &str) -> Option<String> {
        self.rows
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(key)
            .cloned()
    }

    pub fn reads(&self) -> u64 {
        self.reads.load(Ordering::SeqCst)
    }

    pub fn writes(&self) -> u64 {
        self.writes.load(Ordering::SeqCst)
    }
}

#[derive(Debug)]
struct Gate {
    expected: usize,
    arrived: AtomicUsize,
    all_in: Notify,
}
