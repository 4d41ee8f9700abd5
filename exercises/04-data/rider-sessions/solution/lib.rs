//! Session windows per rider, closed by a watermark, with late events on a
//! side output.
//!
// --- solution ---
//! Reference solution of the exercise; the tests live in
//! `../tests/rider-sessions.rs`.
// --- stub ---
// //! Your task: implement [`SessionJob::on_event`] and
// //! [`SessionJob::finish`] until `cargo test -p rider-sessions` passes.
// //! The tests in `tests/rider-sessions.rs` are the specification.
// --- end ---

use std::collections::BTreeMap;

/// One rider's requests with no gap longer than the session gap between
/// them. It covers [first request, last request + gap).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Session {
    pub rider: u32,
    pub start_ms: u64,
    pub end_ms: u64,
    pub events: u64,
}

pub struct SessionJob {
    pub gap_ms: u64,
    /// The watermark stays this far behind the newest event time seen.
    pub bound_ms: u64,
    /// The newest event time seen, if any event has arrived.
    pub max_seen_ms: Option<u64>,
    /// Each rider's open sessions, sorted by start.
    pub open: BTreeMap<u32, Vec<Session>>,
    /// The side output: (rider, event time) of every late event.
    pub late: Vec<(u32, u64)>,
}

impl SessionJob {
    pub fn new(gap_ms: u64, bound_ms: u64) -> SessionJob {
        SessionJob {
            gap_ms,
            bound_ms,
            max_seen_ms: None,
            open: BTreeMap::new(),
            late: Vec::new(),
        }
    }

    /// Newest event time seen minus the bound; `None` before any event.
    pub fn watermark_ms(&self) -> Option<u64> {
        self.max_seen_ms.map(|m| m.saturating_sub(self.bound_ms))
    }

    /// Handles one event, in arrival order, and returns the sessions it
    /// closed, sorted by rider and then start.
    ///
    /// - The event opens [t, t + gap), which absorbs every open session of
    ///   its rider that it overlaps or touches (a request exactly one gap
    ///   after a session still belongs to it).
    /// - It is late, and goes to `late` instead, when the session it would
    ///   be in already ends at or before the watermark (as it was before
    ///   this event).
    /// - Then the watermark moves, and every session that ends at or
    ///   before it is closed: returned once, and forgotten.
    pub fn on_event(&mut self, rider: u32, t: u64) -> Vec<Session> {
        // --- solution ---
        let gap = self.gap_ms;
        let watermark_before = self.watermark_ms();
        let sessions = self.open.entry(rider).or_default();
        let mut merged = Session {
            rider,
            start_ms: t,
            end_ms: t + gap,
            events: 1,
        };
        let mut absorbed = Vec::new();
        sessions.retain(|s| {
            let touches = s.start_ms <= merged.end_ms && merged.start_ms <= s.end_ms;
            if touches {
                absorbed.push(*s);
            }
            !touches
        });
        for s in &absorbed {
            merged.start_ms = merged.start_ms.min(s.start_ms);
            merged.end_ms = merged.end_ms.max(s.end_ms);
            merged.events += s.events;
        }
        // Open sessions all end after the watermark, so only an event that
        // absorbed nothing can land in a session that is already over.
        let behind = watermark_before.is_some_and(|w| merged.end_ms <= w);
        if behind {
            self.late.push((rider, t));
        } else {
            let at = sessions.partition_point(|s| s.start_ms < merged.start_ms);
            sessions.insert(at, merged);
        }
        self.max_seen_ms = Some(self.max_seen_ms.map_or(t, |m| m.max(t)));
        let watermark = self.watermark_ms().unwrap_or(0);
        self.close(|s| s.end_ms <= watermark)
        // --- stub ---
        // let _ = (rider, t);
        // todo!("merge or send to `late`, then close sessions")
        // --- end ---
    }

    /// The input has ended: closes every open session, sorted by rider and
    /// then start.
    pub fn finish(&mut self) -> Vec<Session> {
        // --- solution ---
        self.close(|_| true)
        // --- stub ---
        // todo!("close everything that is still open")
        // --- end ---
    }
    // --- solution ---

    fn close(&mut self, done: impl Fn(&Session) -> bool) -> Vec<Session> {
        let mut closed = Vec::new();
        for sessions in self.open.values_mut() {
            sessions.retain(|s| {
                if done(s) {
                    closed.push(*s);
                }
                !done(s)
            });
        }
        self.open.retain(|_, sessions| !sessions.is_empty());
        closed // the map is in rider order and each list in start order
    }
    // --- end ---
}
