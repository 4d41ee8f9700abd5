//! The primary and its streaming replica, a table of orders on them, and
//! the controls that make the replica fall behind on purpose.

use service_smoke::sql;
use std::time::Duration;

use service_smoke::{Failure, Service};
use tokio_postgres::Client;

use crate::lsn::Lsn;

/// Any error of this listing, as one line.
pub type Error = String;

/// One key for PostgreSQL's advisory lock: runs of this listing take it
/// for their whole run, so two at once never pause each other's replica.
const RUN_LOCK: i64 = 727_001;

/// Both servers, and this run's name for its rows.
pub struct Cluster {
    pub primary: Client,
    pub replica: Client,
    run: String,
}

impl Cluster {
    /// Connects to both (`DATABASE_URL`, `DATABASE_REPLICA_URL`, or the ports
    /// of `cargo xtask services up`), waits for any other run to finish,
    /// and makes sure the table exists on both.
    pub async fn connect() -> Result<Cluster, Error> {
        let primary = service_smoke::postgres(Service::Postgres, &Service::Postgres.url())
            .await
            .map_err(|e: Failure| e.to_string())?;
        let replica =
            service_smoke::postgres(Service::PostgresReplica, &Service::PostgresReplica.url())
                .await
                .map_err(|e: Failure| e.to_string())?;
        primary
            .execute("SELECT pg_advisory_lock($1)", &[&RUN_LOCK])
            .await
            .map_err(sql)?;
        let cluster = Cluster {
            primary,
            replica,
            run: service_smoke::run_token(),
        };
        // A run that died while the replica was paused left it paused.
        cluster.resume_replay().await?;
        cluster
            .primary
            .batch_execute(
                "CREATE TABLE IF NOT EXISTS replica_orders (
                     run text NOT NULL,
                     id int NOT NULL,
                     status text NOT NULL,
                     PRIMARY KEY (run, id))",
            )
            .await
            .map_err(sql)?;
        let now = cluster.primary_lsn().await?;
        if !cluster.wait_for(now, Duration::from_secs(5)).await? {
            return Err("the replica did not catch up with the primary within 5 s; is it replicating? `cargo xtask services status` shows it".to_string());
        }
        Ok(cluster)
    }

    pub fn run(&self) -> &str {
        &self.run
    }

    /// Where the primary's log ends now.
    pub async fn primary_lsn(&self) -> Result<Lsn, Error> {
        let row = self
            .primary
            .query_one("SELECT pg_current_wal_lsn()::text", &[])
            .await
            .map_err(sql)?;
        row.get::<_, String>(0).parse()
    }

    /// How far the replica has replayed the primary's log.
    pub async fn replica_lsn(&self) -> Result<Lsn, Error> {
        let row = self
            .replica
            .query_one("SELECT pg_last_wal_replay_lsn()::text", &[])
            .await
            .map_err(sql)?;
        row.get::<_, String>(0).parse()
    }

    // ANCHOR: wait_for
    /// Waits until the replica has replayed the log up to `lsn`, polling
    /// every 5 ms: true if it got there within `limit`.
    pub async fn wait_for(&self, lsn: Lsn, limit: Duration) -> Result<bool, Error> {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            if self.replica_lsn().await? >= lsn {
                return Ok(true);
            }
            if tokio::time::Instant::now() >= deadline {
                return Ok(false);
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
    // ANCHOR_END: wait_for

    /// Stops the replica applying the log it receives: it serves reads as
    /// of this moment until [`Cluster::resume_replay`].
    pub async fn pause_replay(&self) -> Result<(), Error> {
        self.replica
            .execute("SELECT pg_wal_replay_pause()", &[])
            .await
            .map_err(sql)
            .map(drop)
    }

    pub async fn resume_replay(&self) -> Result<(), Error> {
        self.replica
            .execute("SELECT pg_wal_replay_resume()", &[])
            .await
            .map_err(sql)
            .map(drop)
    }

    /// Deletes this run's rows.
    pub async fn clean_up(&self) -> Result<(), Error> {
        self.primary
            .execute("DELETE FROM replica_orders WHERE run = $1", &[&self.run])
            .await
            .map_err(sql)
            .map(drop)
    }
}

pub(crate) fn sql_error(e: tokio_postgres::Error) -> Error {
    sql(e)
}
