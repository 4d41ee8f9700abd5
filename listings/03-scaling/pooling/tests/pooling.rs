//! The sizing model on its own, then the pool and PgBouncer on the real
//! servers (`cargo xtask services up`).

use std::time::Duration;

use pooling::bouncer::{
    Via, clients_that_stay, exclusive, prepared_while_another_client_works,
    setting_seen_by_another_client,
};
use pooling::exhaustion::{Outcome, direct_pool, three_requests};
use pooling::pool::{PoolError, WhenBusy};
use pooling::sizing::{in_use, simulate};

// Little's law: 200 requests a second held 50 ms each keep 10 connections busy.
#[test]
fn littles_law() {
    assert_eq!(in_use(200.0, 50.0), 10.0);
    assert_eq!(in_use(1000.0, 2.0), 2.0);
}

// The same seed gives the same waits; a bigger pool never waits longer, and a pool
// at Little's number is overloaded while twice that barely waits.
#[test]
fn waits_fall_as_the_pool_grows() {
    assert_eq!(
        simulate(200.0, 50.0, 12, 50_000, 3),
        simulate(200.0, 50.0, 12, 50_000, 3)
    );
    let mut last = f64::INFINITY;
    for size in [10, 11, 12, 14, 16, 20] {
        let w = simulate(200.0, 50.0, size, 50_000, 3);
        assert!(w.p99 <= last, "pool {size}: p99 {} after {last}", w.p99);
        last = w.p99;
    }
    assert!(simulate(200.0, 50.0, 10, 50_000, 3).p99 > 1000.0);
    assert!(simulate(200.0, 50.0, 20, 50_000, 3).p99 < 5.0);
    let busy = simulate(200.0, 50.0, 20, 200_000, 3).busy;
    assert!((busy - 0.5).abs() < 0.02, "{busy}");
}

// Three requests on two connections: the third waits, times out, or is refused.
#[tokio::test(flavor = "current_thread")]
async fn an_exhausted_pool_under_each_policy() {
    let pool = direct_pool(2).await.unwrap_or_else(|e| panic!("{e}"));
    let served = Outcome::Served { waited: false };
    assert_eq!(
        three_requests(&pool, WhenBusy::Wait).await.unwrap(),
        [
            served.clone(),
            served.clone(),
            Outcome::Served { waited: true }
        ]
    );
    assert_eq!(
        three_requests(&pool, WhenBusy::WaitFor(Duration::from_millis(100)))
            .await
            .unwrap(),
        [
            served.clone(),
            served.clone(),
            Outcome::Failed(PoolError::TimedOut)
        ]
    );
    assert_eq!(
        three_requests(&pool, WhenBusy::FailFast).await.unwrap(),
        [served.clone(), served, Outcome::Failed(PoolError::Busy)]
    );
}

// PgBouncer: clients that stay connected keep their server connection in session
// mode, so only the pool's size of them are answered; in transaction mode all are,
// by no more server processes than the pool has. Transaction mode leaks session
// state to the next client, on the same server process, and loses prepared
// statements.
#[tokio::test(flavor = "current_thread")]
async fn pgbouncer_modes() {
    let _lock = exclusive().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(clients_that_stay(Via::Direct, 20).await.unwrap(), (20, 20));
    let (answered, processes) = clients_that_stay(Via::SessionPool, 30).await.unwrap();
    assert_eq!(answered, 10);
    assert!(processes <= 10, "{processes}");
    let (answered, processes) = clients_that_stay(Via::TransactionPool, 30).await.unwrap();
    assert_eq!(answered, 30);
    assert!(processes <= 5, "{processes}");
    assert_eq!(
        setting_seen_by_another_client(Via::SessionPool)
            .await
            .unwrap(),
        ("0".to_string(), true)
    );
    assert_eq!(
        setting_seen_by_another_client(Via::TransactionPool)
            .await
            .unwrap(),
        ("1234ms".to_string(), true)
    );
    let run = format!("test_{}", std::process::id());
    assert_eq!(
        prepared_while_another_client_works(Via::SessionPool, &run)
            .await
            .unwrap(),
        "2"
    );
    assert_eq!(
        prepared_while_another_client_works(Via::TransactionPool, &run)
            .await
            .unwrap(),
        "error: prepared statement does not exist"
    );
}

// With no server at the address, the program exits 1 with one line naming the fix.
#[test]
fn no_server_names_services_up() {
    service_smoke::assert_down_names_services_up(
        env!("CARGO_BIN_EXE_pooling"),
        &[],
        "DATABASE_URL",
        "postgres://course@127.0.0.1:{port}/course",
    );
}
