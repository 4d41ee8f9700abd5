//! Which failures to retry, and when.

/// How a call failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The connection was refused: the request never reached the server.
    ConnectRefused,
    /// No answer in time: the server may or may not have done the work.
    Timeout,
    /// An HTTP answer, with its `Retry-After` in seconds if it sent one.
    Status {
        code: u16,
        retry_after_s: Option<u64>,
    },
}

/// What the client does next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Retry after the usual jittered backoff.
    Backoff,
    /// Retry, but not before this many milliseconds.
    WaitAtLeast(u64),
    /// Do not retry.
    GiveUp(&'static str),
}

// ANCHOR: decide
/// `safe_to_repeat`: a read, or a write that carries an idempotency key.
/// `deadline_left_ms`: how long the caller will still wait for an answer.
pub fn decide(failure: Failure, safe_to_repeat: bool, deadline_left_ms: u64) -> Decision {
    match failure {
        // Nothing reached the server, so even a plain write can go again.
        Failure::ConnectRefused => Decision::Backoff,
        // A 400 or a 404 answers the same way every time.
        Failure::Status { code, .. } if !matches!(code, 429 | 500 | 502 | 503 | 504) => {
            Decision::GiveUp("the answer will not change")
        }
        _ if !safe_to_repeat => Decision::GiveUp("may have run, unsafe"),
        Failure::Timeout
        | Failure::Status {
            retry_after_s: None,
            ..
        } => Decision::Backoff,
        Failure::Status {
            retry_after_s: Some(s),
            ..
        } if s * 1000 > deadline_left_ms => Decision::GiveUp("Retry-After is too late"),
        Failure::Status {
            retry_after_s: Some(s),
            ..
        } => Decision::WaitAtLeast(s * 1000),
    }
}
// ANCHOR_END: decide
