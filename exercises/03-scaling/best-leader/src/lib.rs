//! Where to put the leader of a consensus group that spans regions. Every
//! write goes from the user's region to the leader, and the leader waits
//! until a majority of the regions (itself included) hold the write.
//!
//! Your task: implement [`write_ms`] and [`best_leader`] until
//! `cargo test -p best-leader` passes. The tests in
//! `tests/best-leader.rs` are the specification.

/// Why the input describes no world to place a leader in.
#[derive(Debug, Clone, PartialEq)]
pub enum LeaderError {
    /// No regions.
    NoRegions,
    /// `rtt` is not a square matrix, or `users` has another length.
    Shape,
    /// A round trip is negative or not a number, or `rtt[a][b]` differs
    /// from `rtt[b][a]`.
    BadRoundTrip { from: usize, to: usize },
    /// The user shares are negative or not a number, or do not add up to 1.
    BadShares,
}

/// The leader with the lowest mean write latency; the first such region
/// when several tie.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub leader: usize,
    pub mean_write_ms: f64,
}

/// How long a write from a user in region `from` takes with the leader in
/// `leader`: the round trip to the leader, then the time until enough
/// other regions have acknowledged it to make a majority.
pub fn write_ms(rtt: &[Vec<f64>], from: usize, leader: usize) -> f64 {
    let _ = (rtt, from, leader);
    todo!("write_ms")
}

/// The leader region that minimises the mean write latency over users
/// spread over the regions in the proportions `users` (which add up to 1).
pub fn best_leader(rtt: &[Vec<f64>], users: &[f64]) -> Result<Choice, LeaderError> {
    let _ = (rtt, users);
    todo!("best_leader")
}
