//! Against the real primary and replica (`cargo xtask services up`): the
//! routing rules, with the replica held back, and the program's answer
//! when the servers are not there.

use std::time::Duration;

use replicas::cluster::Cluster;
use replicas::reads::{Route, Server, Session, read, write};

// With replay paused, the replica serves the old value; each rule sends the writer where the new one is,
// and the LSN rule also keeps a reader who saw the new value from seeing the old one.
#[tokio::test(flavor = "current_thread")]
async fn routing_rules_on_a_paused_replica() {
    let cluster = Cluster::connect().await.unwrap_or_else(|e| panic!("{e}"));
    let result = async {
        let mut writer = Session::new();
        write(&cluster, &mut writer, 1, "old").await?;
        let lsn = cluster.primary_lsn().await?;
        assert!(cluster.wait_for(lsn, Duration::from_secs(5)).await?);
        cluster.pause_replay().await?;
        write(&cluster, &mut writer, 1, "new").await?;
        let stale = read(&cluster, &mut Session::new(), Route::Replica, 1).await?;
        assert_eq!(stale, (Some("old".to_string()), Server::Replica));
        let window = Route::PrimaryAfterWrite {
            window: Duration::from_secs(5),
        };
        assert_eq!(
            read(&cluster, &mut writer, window, 1).await?.1,
            Server::Primary
        );
        let no_window = Route::PrimaryAfterWrite {
            window: Duration::ZERO,
        };
        assert_eq!(
            read(&cluster, &mut writer, no_window, 1).await?.1,
            Server::Replica
        );
        let caught_up = Route::CaughtUp {
            wait: Duration::from_millis(50),
        };
        assert_eq!(
            read(&cluster, &mut writer, caught_up, 1).await?,
            (Some("new".to_string()), Server::Primary)
        );
        // A reader that has seen nothing may read the replica.
        assert_eq!(
            read(&cluster, &mut Session::new(), caught_up, 1).await?.1,
            Server::Replica
        );
        // One that has read the new value on the primary may not go back to
        // the old one: monotonic reads, with no write of its own.
        let mut reader = Session::new();
        read(&cluster, &mut reader, Route::Primary, 1).await?;
        assert_eq!(
            read(&cluster, &mut reader, caught_up, 1).await?,
            (Some("new".to_string()), Server::Primary)
        );
        cluster.resume_replay().await?;
        let slow = Route::CaughtUp {
            wait: Duration::from_secs(5),
        };
        assert_eq!(
            read(&cluster, &mut writer, slow, 1).await?,
            (Some("new".to_string()), Server::Replica)
        );
        Ok::<(), String>(())
    }
    .await;
    cluster.resume_replay().await.unwrap();
    cluster.clean_up().await.unwrap();
    result.unwrap();
}

// A missing row reads as None, from either server.
#[tokio::test(flavor = "current_thread")]
async fn a_missing_order_is_none() {
    let cluster = Cluster::connect().await.unwrap_or_else(|e| panic!("{e}"));
    let answer = read(&cluster, &mut Session::new(), Route::Replica, 404)
        .await
        .unwrap();
    assert_eq!(answer, (None, Server::Replica));
    let answer = read(&cluster, &mut Session::new(), Route::Primary, 404)
        .await
        .unwrap();
    assert_eq!(answer, (None, Server::Primary));
}

// With no server at the address, the program exits 1 with one line naming the fix.
#[test]
fn no_server_names_services_up() {
    service_smoke::assert_down_names_services_up(
        env!("CARGO_BIN_EXE_replicas"),
        &[],
        "DATABASE_URL",
        "postgres://course@127.0.0.1:{port}/course",
    );
}
