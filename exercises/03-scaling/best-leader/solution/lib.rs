//! Where to put the leader of a consensus group that spans regions. Every
//! write goes from the user's region to the leader, and the leader waits
//! until a majority of the regions (itself included) hold the write.
//!
// --- solution ---
//! Reference solution of the exercise; the tests live in
//! `../tests/best-leader.rs`.
// --- stub ---
// //! Your task: implement [`write_ms`] and [`best_leader`] until
// //! `cargo test -p best-leader` passes. The tests in
// //! `tests/best-leader.rs` are the specification.
// --- end ---

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
    // --- solution ---
    let regions = rtt.len();
    // A majority of n is n / 2 + 1, the leader included.
    let acks_needed = regions / 2;
    let mut to_others: Vec<f64> = (0..regions)
        .filter(|&r| r != leader)
        .map(|r| rtt[leader][r])
        .collect();
    to_others.sort_by(f64::total_cmp);
    let quorum = if acks_needed == 0 {
        0.0
    } else {
        to_others[acks_needed - 1]
    };
    rtt[from][leader] + quorum
    // --- stub ---
    // let _ = (rtt, from, leader);
    // todo!("write_ms")
    // --- end ---
}

/// The leader region that minimises the mean write latency over users
/// spread over the regions in the proportions `users` (which add up to 1).
pub fn best_leader(rtt: &[Vec<f64>], users: &[f64]) -> Result<Choice, LeaderError> {
    // --- solution ---
    let n = rtt.len();
    if n == 0 {
        return Err(LeaderError::NoRegions);
    }
    if users.len() != n || rtt.iter().any(|row| row.len() != n) {
        return Err(LeaderError::Shape);
    }
    for (from, row) in rtt.iter().enumerate() {
        for (to, &ms) in row.iter().enumerate() {
            if ms.is_nan() || ms < 0.0 || ms != rtt[to][from] {
                return Err(LeaderError::BadRoundTrip { from, to });
            }
        }
    }
    let total: f64 = users.iter().sum();
    if users.iter().any(|&u| u.is_nan() || u < 0.0) || (total - 1.0).abs() > 1e-9 {
        return Err(LeaderError::BadShares);
    }
    let mut best: Option<Choice> = None;
    for leader in 0..n {
        let mean: f64 = (0..n)
            .map(|from| users[from] * write_ms(rtt, from, leader))
            .sum();
        if best.as_ref().is_none_or(|b| mean < b.mean_write_ms) {
            best = Some(Choice {
                leader,
                mean_write_ms: mean,
            });
        }
    }
    Ok(best.expect("at least one region"))
    // --- stub ---
    // let _ = (rtt, users);
    // todo!("best_leader")
    // --- end ---
}
