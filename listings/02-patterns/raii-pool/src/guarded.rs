//! A pool that hands out guards: dropping the guard returns the connection.

use crate::Conn;
use std::ops::Deref;
use std::sync::Mutex;

// ANCHOR: pool
pub struct Pool {
    idle: Mutex<Vec<Conn>>,
}

/// A connection on loan. While it lives it derefs to the `Conn`; when it
/// is dropped, the connection goes back to the pool.
pub struct Pooled<'a> {
    pool: &'a Pool,
    /// `Some` until the guard is dropped or the connection discarded.
    conn: Option<Conn>,
}

impl Pool {
    pub fn new(size: u32) -> Self {
        Pool {
            idle: Mutex::new((1..=size).map(|id| Conn { id }).collect()),
        }
    }

    pub fn get(&self) -> Option<Pooled<'_>> {
        let conn = self.idle.lock().expect("not poisoned").pop()?;
        Some(Pooled {
            pool: self,
            conn: Some(conn),
        })
    }

    pub fn idle(&self) -> usize {
        self.idle.lock().expect("not poisoned").len()
    }
}
// ANCHOR_END: pool

// ANCHOR: guard
impl Deref for Pooled<'_> {
    type Target = Conn;

    fn deref(&self) -> &Conn {
        self.conn.as_ref().expect("present until drop")
    }
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            // `lock` fails only if another thread panicked while holding
            // the lock; the list of idle connections is still sound.
            let mut idle = self.pool.idle.lock().unwrap_or_else(|e| e.into_inner());
            idle.push(conn);
        }
    }
}

impl Pooled<'_> {
    /// Closes a connection that is broken instead of returning it.
    pub fn discard(mut self) {
        self.conn = None;
    }
}
// ANCHOR_END: guard

// ANCHOR: handle
/// The same handler, without `put`.
pub fn handle(pool: &Pool, sql: &str) -> Result<String, String> {
    let conn = pool.get().ok_or("pool exhausted")?;
    let answer = conn.query(sql)?;
    Ok(answer)
}
// ANCHOR_END: handle
