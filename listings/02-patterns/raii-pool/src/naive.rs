//! A pool whose callers must remember to put connections back.

use crate::Conn;
use std::sync::Mutex;

// ANCHOR: naive
pub struct NaivePool {
    idle: Mutex<Vec<Conn>>,
}

impl NaivePool {
    pub fn new(size: u32) -> Self {
        NaivePool {
            idle: Mutex::new((1..=size).map(|id| Conn { id }).collect()),
        }
    }

    pub fn get(&self) -> Option<Conn> {
        self.idle.lock().expect("not poisoned").pop()
    }

    pub fn put(&self, conn: Conn) {
        self.idle.lock().expect("not poisoned").push(conn);
    }

    pub fn idle(&self) -> usize {
        self.idle.lock().expect("not poisoned").len()
    }
}

/// A request handler: take a connection, run the query, give it back.
pub fn handle(pool: &NaivePool, sql: &str) -> Result<String, String> {
    let conn = pool.get().ok_or("pool exhausted")?;
    let answer = conn.query(sql)?;
    pool.put(conn);
    Ok(answer)
}
// ANCHOR_END: naive
