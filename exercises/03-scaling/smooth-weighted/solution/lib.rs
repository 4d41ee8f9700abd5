//! Smooth weighted round robin: every server gets requests in proportion to
//! its weight, deterministically, and interleaved rather than in bursts.
//!
// --- solution ---
//! Reference solution of the exercise; the tests live in
//! `../tests/smooth-weighted.rs`.
// --- stub ---
// //! Your task: implement [`SmoothWeighted`] until
// //! `cargo test -p smooth-weighted` passes. The tests in
// //! `tests/smooth-weighted.rs` are the specification.
// --- end ---

/// Why a list of weighted servers was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WeightError {
    /// No servers at all.
    Empty,
    /// A server with weight 0 would never be picked; remove it instead.
    ZeroWeight(String),
    /// The same name twice.
    Duplicate(String),
}

/// A balancer over named servers with fixed weights.
#[derive(Debug)]
pub struct SmoothWeighted {
    // --- solution ---
    servers: Vec<Server>,
    total: i64,
    // --- stub ---
    // // Choose what it keeps.
    // --- end ---
}
// --- solution ---

#[derive(Debug)]
struct Server {
    name: String,
    weight: i64,
    /// Rises by `weight` on every pick, falls by the total when chosen.
    current: i64,
}
// --- end ---

impl SmoothWeighted {
    /// A balancer over `(name, weight)` pairs, in the order given.
    pub fn new(servers: &[(&str, u32)]) -> Result<SmoothWeighted, WeightError> {
        // --- solution ---
        if servers.is_empty() {
            return Err(WeightError::Empty);
        }
        let mut built: Vec<Server> = Vec::with_capacity(servers.len());
        for &(name, weight) in servers {
            if weight == 0 {
                return Err(WeightError::ZeroWeight(name.to_string()));
            }
            if built.iter().any(|s| s.name == name) {
                return Err(WeightError::Duplicate(name.to_string()));
            }
            built.push(Server {
                name: name.to_string(),
                weight: i64::from(weight),
                current: 0,
            });
        }
        let total = built.iter().map(|s| s.weight).sum();
        Ok(SmoothWeighted {
            servers: built,
            total,
        })
        // --- stub ---
        // let _ = servers;
        // todo!("new")
        // --- end ---
    }

    /// The server for the next request. Over any `total weight` picks in a
    /// row, starting from the first, each server is picked exactly
    /// `weight` times.
    pub fn pick(&mut self) -> &str {
        // --- solution ---
        for server in &mut self.servers {
            server.current += server.weight;
        }
        // The highest score wins; on a tie, the server listed first.
        let mut best = 0;
        for (i, server) in self.servers.iter().enumerate() {
            if server.current > self.servers[best].current {
                best = i;
            }
        }
        self.servers[best].current -= self.total;
        &self.servers[best].name
        // --- stub ---
        // todo!("pick")
        // --- end ---
    }
}
