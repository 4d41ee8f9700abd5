//! The shutdown of one replica behind a load balancer, replayed on a
//! simulated millisecond clock so that the counts are the same every run.

/// The scenario: one request every `gap_ms` from 0 to `end_ms`, each taking
/// `work_ms` (except the ones in `slow`), SIGTERM at `sigterm_ms`, and the
/// load balancer still routing here until `sigterm_ms + lb_lag_ms`.
pub struct Scenario {
    pub gap_ms: u64,
    pub end_ms: u64,
    pub work_ms: u64,
    pub slow: Vec<(u64, u64)>,
    pub sigterm_ms: u64,
    pub lb_lag_ms: u64,
}

/// The three ways a server reacts to SIGTERM.
#[derive(Clone, Copy, Debug)]
pub enum Reaction {
    /// The process exits at once.
    ExitAtOnce,
    /// Stop accepting at once, drain in-flight requests within `deadline_ms`.
    CloseThenDrain { deadline_ms: u64 },
    /// Fail readiness, keep accepting for `pre_drain_ms`, then close and drain.
    Graceful { pre_drain_ms: u64, deadline_ms: u64 },
}

/// What happened to the requests this replica was sent.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Requests the load balancer routed here.
    pub sent: u64,
    /// Answered.
    pub answered: u64,
    /// Accepted, then cut off when the process exited.
    pub cut_off: u64,
    /// Refused: the connection arrived after the listener closed.
    pub refused: u64,
    /// When the process exited.
    pub exit_ms: u64,
}

// ANCHOR: replay
/// Replays `scenario` against `reaction`.
pub fn replay(sc: &Scenario, reaction: Reaction) -> Outcome {
    let routed_until = sc.sigterm_ms + sc.lb_lag_ms; // then it goes elsewhere
    let (close_ms, deadline_ms) = match reaction {
        Reaction::ExitAtOnce => (sc.sigterm_ms, 0),
        Reaction::CloseThenDrain { deadline_ms } => (sc.sigterm_ms, deadline_ms),
        Reaction::Graceful {
            pre_drain_ms,
            deadline_ms,
        } => (sc.sigterm_ms + pre_drain_ms, deadline_ms),
    };
    let arrivals: Vec<(u64, u64)> = (0..)
        .map(|i| i * sc.gap_ms)
        .take_while(|&t| t <= sc.end_ms.min(routed_until))
        .map(|t| {
            let work = sc
                .slow
                .iter()
                .find(|s| s.0 == t)
                .map_or(sc.work_ms, |s| s.1);
            (t, t + work)
        })
        .collect();
    // The process exits when the last accepted request is done, or at the
    // deadline after closing, whichever is first.
    let last_done = arrivals
        .iter()
        .filter(|(start, _)| *start < close_ms)
        .map(|(_, done)| *done)
        .max()
        .unwrap_or(close_ms);
    let exit_ms = last_done.clamp(close_ms, close_ms + deadline_ms);
    let mut out = Outcome {
        exit_ms,
        ..Outcome::default()
    };
    for (start, done) in arrivals {
        out.sent += 1;
        if start >= close_ms {
            out.refused += 1;
        } else if done <= exit_ms {
            out.answered += 1;
        } else {
            out.cut_off += 1;
        }
    }
    out
}
// ANCHOR_END: replay

/// Price requests while the dependency is down for some of them.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Degradation {
    pub ok: u64,
    pub stale: u64,
    pub errors: u64,
}
