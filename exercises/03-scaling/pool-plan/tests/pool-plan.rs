use pool_plan::{Fleet, Plan, PlanError, plan, pool_for};

fn fleet() -> Fleet {
    Fleet {
        servers: 4,
        queries_per_second: 800.0,
        hold_ms: 10.0,
        target_busy: 0.5,
        max_connections: 100,
        reserved: 10,
    }
}

/// 800 q/s over 4 servers is 200 q/s each; held 10 ms, 2 busy on average;
/// at half busy, 4 per server, 16 in all: they fit.
#[test]
fn a_small_fleet_connects_directly() {
    assert_eq!(
        plan(&fleet()),
        Ok(Plan::Direct {
            per_server: 4,
            total: 16
        })
    );
}

/// The pool size is rounded up: 2.2 busy at half busy needs 5, not 4.
#[test]
fn pools_round_up() {
    let f = Fleet {
        queries_per_second: 880.0,
        ..fleet()
    };
    assert_eq!(
        plan(&f),
        Ok(Plan::Direct {
            per_server: 5,
            total: 20
        })
    );
}

/// A quiet server still gets one connection.
#[test]
fn every_server_gets_at_least_one() {
    let f = Fleet {
        queries_per_second: 1.0,
        ..fleet()
    };
    assert_eq!(
        plan(&f),
        Ok(Plan::Direct {
            per_server: 1,
            total: 4
        })
    );
}

/// Exactly filling the available connections is still direct.
#[test]
fn exactly_full_is_direct() {
    let f = Fleet {
        servers: 45,
        queries_per_second: 45.0 * 100.0,
        max_connections: 100,
        reserved: 10,
        ..fleet()
    };
    assert_eq!(
        plan(&f),
        Ok(Plan::Direct {
            per_server: 2,
            total: 90
        })
    );
}

/// 200 servers with 2 each need 400 connections, over the 90 available;
/// behind PgBouncer the whole fleet's 2,000 q/s need 40.
#[test]
fn a_big_fleet_goes_through_pgbouncer() {
    let f = Fleet {
        servers: 200,
        queries_per_second: 2000.0,
        ..fleet()
    };
    assert_eq!(
        plan(&f),
        Ok(Plan::Bouncer {
            per_server: 1,
            server_pool: 40
        })
    );
    let f = Fleet {
        servers: 200,
        queries_per_second: 20_000.0,
        ..fleet()
    };
    assert_eq!(
        plan(&f),
        Err(PlanError::DatabaseTooSmall {
            needed: 400,
            available: 90
        })
    );
    // `needed` is PgBouncer's pool (6,000 q/s: 120), not the 300 of the
    // servers' own pools.
    let f = Fleet {
        servers: 300,
        queries_per_second: 6000.0,
        ..fleet()
    };
    assert_eq!(
        plan(&f),
        Err(PlanError::DatabaseTooSmall {
            needed: 120,
            available: 90
        })
    );
}

/// 24 servers with 4 each need 96: they would fit in 100, but not in the
/// 90 left after the reserve. PgBouncer cannot help either: the fleet keeps
/// 48 connections busy on average, 96 at half busy. It saves connections
/// that sit idle in per-server pools, not ones that are busy.
#[test]
fn the_reserve_is_kept_and_busy_connections_stay_busy() {
    let f = Fleet {
        servers: 24,
        queries_per_second: 24.0 * 200.0,
        ..fleet()
    };
    assert_eq!(
        plan(&f),
        Err(PlanError::DatabaseTooSmall {
            needed: 96,
            available: 90
        })
    );
    let no_reserve = Fleet { reserved: 0, ..f };
    assert_eq!(
        plan(&no_reserve),
        Ok(Plan::Direct {
            per_server: 4,
            total: 96
        })
    );
}

/// Nonsense is named, not planned for.
#[test]
fn bad_input_is_refused() {
    assert_eq!(
        plan(&Fleet {
            servers: 0,
            ..fleet()
        }),
        Err(PlanError::Invalid("servers"))
    );
    assert_eq!(
        plan(&Fleet {
            queries_per_second: -1.0,
            ..fleet()
        }),
        Err(PlanError::Invalid("queries_per_second"))
    );
    assert_eq!(
        plan(&Fleet {
            queries_per_second: f64::INFINITY,
            ..fleet()
        }),
        Err(PlanError::Invalid("queries_per_second"))
    );
    assert_eq!(
        plan(&Fleet {
            hold_ms: f64::NAN,
            ..fleet()
        }),
        Err(PlanError::Invalid("hold_ms"))
    );
    assert_eq!(
        plan(&Fleet {
            target_busy: 0.0,
            ..fleet()
        }),
        Err(PlanError::Invalid("target_busy"))
    );
    assert_eq!(
        plan(&Fleet {
            target_busy: 1.5,
            ..fleet()
        }),
        Err(PlanError::Invalid("target_busy"))
    );
    assert_eq!(
        plan(&Fleet {
            reserved: 200,
            ..fleet()
        }),
        Err(PlanError::DatabaseTooSmall {
            needed: 16,
            available: 0
        })
    );
}

/// Little's law, with headroom, rounded up; a whole number stays whole,
/// whatever floating point does to it on the way.
#[test]
fn one_pool() {
    assert_eq!(pool_for(200.0, 10.0, 0.5), 4);
    assert_eq!(pool_for(200.0, 10.0, 1.0), 2);
    assert_eq!(pool_for(210.0, 10.0, 1.0), 3);
    assert_eq!(pool_for(0.5, 10.0, 0.5), 1);
    assert_eq!(pool_for(210.0, 10.0, 0.7), 3);
}
