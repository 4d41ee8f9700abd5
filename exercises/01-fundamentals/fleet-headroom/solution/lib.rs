// --- solution ---
//! Reference solution of the fleet-headroom exercise: the estimate run
//! backwards, from a fleet size to the users it holds.
// --- stub ---
// //! Your turn: the estimate run backwards. Given a fleet of identical
// //! servers and what every thousand users demand, how many users does the
// //! fleet hold, and which resource runs out first?
// //!
// //! Layout: [`Server`] is one server's usable capacity, [`PerThousandUsers`]
// //! the peak demand of 1,000 daily users, and [`headroom`] is the function you
// //! write. The tests are in `tests/fleet-headroom.rs`.
// //!
// //! Run `cargo test -p fleet-headroom` until every test passes.
// --- end ---

/// The resources a server runs out of, in the order ties are reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    Requests,
    Network,
    Storage,
}

/// What one server can give at its utilization target (70% of its load-test
/// rate, network card and disk, say), in the units of [`PerThousandUsers`].
#[derive(Clone, Debug)]
pub struct Server {
    pub requests_per_second: u64,
    pub egress_bytes_per_second: u64,
    pub disk_bytes: u64,
}

/// What every 1,000 daily users demand at peak, rounded up.
#[derive(Clone, Debug)]
pub struct PerThousandUsers {
    pub requests_per_second: u64,
    pub egress_bytes_per_second: u64,
    pub disk_bytes: u64,
}

/// How many users a fleet holds, and the resource that stops it holding more.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Headroom {
    /// Whole thousands of daily users, rounded down.
    pub thousand_users: u64,
    pub binds_first: Resource,
}

/// Why there is no answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeadroomError {
    /// The fleet's total of this resource does not fit in 64 bits.
    Overflow(Resource),
    /// Users demand nothing at all, so no number of them fills the fleet.
    NoDemand,
}

/// How many thousands of daily users `servers` servers hold before one
/// resource passes its capacity, and which resource that is.
///
/// - For each resource, the fleet holds `servers * capacity / demand`
///   thousand users, rounded *down*: a fleet that holds 3.9 thousand holds
///   3 whole thousands.
/// - The smallest of those is the answer; it names the resource that binds
///   first (on a tie, the earlier one in `Requests, Network, Storage`).
/// - A resource with zero demand never binds. If all three are zero, the
///   answer is `Err(HeadroomError::NoDemand)`.
/// - If `servers * capacity` overflows `u64` for a resource that has demand,
///   the answer is `Err(HeadroomError::Overflow(that resource))`.
pub fn headroom(
    servers: u64,
    server: &Server,
    per_thousand: &PerThousandUsers,
) -> Result<Headroom, HeadroomError> {
    // --- solution ---
    let resources = [
        (
            Resource::Requests,
            server.requests_per_second,
            per_thousand.requests_per_second,
        ),
        (
            Resource::Network,
            server.egress_bytes_per_second,
            per_thousand.egress_bytes_per_second,
        ),
        (
            Resource::Storage,
            server.disk_bytes,
            per_thousand.disk_bytes,
        ),
    ];
    let mut best: Option<Headroom> = None;
    for (resource, capacity, demand) in resources {
        if demand == 0 {
            continue;
        }
        let total = servers
            .checked_mul(capacity)
            .ok_or(HeadroomError::Overflow(resource))?;
        // Round down: only whole thousands fit.
        let thousand_users = total / demand;
        // Strictly smaller, so that on a tie the earlier resource stays.
        if best
            .as_ref()
            .is_none_or(|b| thousand_users < b.thousand_users)
        {
            best = Some(Headroom {
                thousand_users,
                binds_first: resource,
            });
        }
    }
    best.ok_or(HeadroomError::NoDemand)
    // --- stub ---
    // let _ = (servers, server, per_thousand);
    // todo!("compute each resource's limit with checked_mul, then take the smallest")
    // --- end ---
}
