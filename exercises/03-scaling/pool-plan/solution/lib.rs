//! Sizing connection pools for a fleet of application servers in front of
//! one PostgreSQL, from Little's law.
//!
// --- solution ---
//! Reference solution of the exercise; the tests live in
//! `../tests/pool-plan.rs`.
// --- stub ---
// //! Your task: implement [`plan`] until `cargo test -p pool-plan` passes.
// //! The tests in `tests/pool-plan.rs` are the specification.
// --- end ---

/// The fleet and its database.
#[derive(Debug, Clone)]
pub struct Fleet {
    /// Application servers, each with its own pool.
    pub servers: u32,
    /// Queries per second over the whole fleet, spread evenly.
    pub queries_per_second: f64,
    /// How long a query holds its connection, in milliseconds.
    pub hold_ms: f64,
    /// The busiest a pool may be on average, in (0, 1]: 0.7 leaves 30%
    /// of its connections free for bursts.
    pub target_busy: f64,
    /// The database's `max_connections`.
    pub max_connections: u32,
    /// Connections kept for admins, migrations and monitoring.
    pub reserved: u32,
}

/// The plan.
#[derive(Debug, Clone, PartialEq)]
pub enum Plan {
    /// Each server's pool opens its connections to the database directly.
    Direct { per_server: u32, total: u32 },
    /// Too many for the database: servers connect to PgBouncer (each
    /// with `per_server` client connections), which keeps `server_pool`
    /// connections to the database.
    Bouncer { per_server: u32, server_pool: u32 },
}

/// Input that cannot be planned for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    /// A number that is zero, negative, not finite, or a `target_busy`
    /// above 1. Names the field.
    Invalid(&'static str),
    /// Even one pool behind PgBouncer needs more connections than the
    /// database allows: the database is too small for the load.
    DatabaseTooSmall { needed: u32, available: u32 },
}

/// Connections busy on average (Little's law), divided by `target_busy`,
/// rounded up, and at least 1: a pool for `queries_per_second`.
pub fn pool_for(queries_per_second: f64, hold_ms: f64, target_busy: f64) -> u32 {
    // --- solution ---
    let busy = queries_per_second * hold_ms / 1000.0;
    // 2.1 / 0.7 is 3.0000000000000004 in floating point: forgive that
    // much before rounding up.
    ((busy / target_busy - 1e-9).ceil() as u32).max(1)
    // --- stub ---
    // todo!("pool_for({queries_per_second}, {hold_ms}, {target_busy})")
    // --- end ---
}

/// Each server gets a pool for its share of the queries. If all of them
/// fit in `max_connections - reserved`, they connect directly; if not,
/// through PgBouncer, whose pool to the database is sized for the whole
/// fleet's queries. If even that does not fit, the database is too small.
pub fn plan(fleet: &Fleet) -> Result<Plan, PlanError> {
    // --- solution ---
    let positive = |value: f64, name| {
        if value.is_finite() && value > 0.0 {
            Ok(())
        } else {
            Err(PlanError::Invalid(name))
        }
    };
    if fleet.servers == 0 {
        return Err(PlanError::Invalid("servers"));
    }
    positive(fleet.queries_per_second, "queries_per_second")?;
    positive(fleet.hold_ms, "hold_ms")?;
    positive(fleet.target_busy, "target_busy")?;
    if fleet.target_busy > 1.0 {
        return Err(PlanError::Invalid("target_busy"));
    }
    let available = fleet.max_connections.saturating_sub(fleet.reserved);
    let per_server = pool_for(
        fleet.queries_per_second / f64::from(fleet.servers),
        fleet.hold_ms,
        fleet.target_busy,
    );
    let total = per_server.saturating_mul(fleet.servers);
    if total <= available {
        return Ok(Plan::Direct { per_server, total });
    }
    let server_pool = pool_for(fleet.queries_per_second, fleet.hold_ms, fleet.target_busy);
    if server_pool <= available {
        Ok(Plan::Bouncer {
            per_server,
            server_pool,
        })
    } else {
        Err(PlanError::DatabaseTooSmall {
            needed: server_pool,
            available,
        })
    }
    // --- stub ---
    // todo!("plan({fleet:?})")
    // --- end ---
}
