//! Where a read goes: always the replica, the primary for a while after a
//! write, or the replica once it has replayed what the reader has seen.

use std::time::Duration;

use tokio::time::Instant;

use crate::cluster::{Cluster, Error, sql_error};
use crate::lsn::Lsn;

/// Which server answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Server {
    Primary,
    Replica,
}

// ANCHOR: session
/// What one user's session remembers between requests.
#[derive(Debug, Default)]
pub struct Session {
    /// When this user last wrote.
    last_write: Option<Instant>,
    /// The newest log position this user has seen: their own writes, and
    /// whatever they read.
    seen: Option<Lsn>,
}

/// How reads are routed.
#[derive(Clone, Copy, Debug)]
pub enum Route {
    /// Every read from the primary.
    Primary,
    /// Every read from the replica.
    Replica,
    /// From the primary for `window` after the user's last write.
    PrimaryAfterWrite { window: Duration },
    /// From the replica once it has replayed what the user has seen, if it
    /// gets there within `wait`; from the primary otherwise.
    CaughtUp { wait: Duration },
}
// ANCHOR_END: session

impl Session {
    pub fn new() -> Session {
        Session::default()
    }

    fn saw(&mut self, lsn: Lsn) {
        self.seen = self.seen.max(Some(lsn));
    }
}

// ANCHOR: write
/// Sets an order's status on the primary, then remembers and returns where
/// the primary's log was written up to: the replica has the write once it
/// has replayed that far. That holds because the commit waited for its log
/// to reach disk; with `synchronous_commit = off` it does not, and this
/// position can fall short of the commit.
pub async fn write(
    cluster: &Cluster,
    session: &mut Session,
    id: i32,
    status: &str,
) -> Result<Lsn, Error> {
    cluster
        .primary
        .execute(
            "INSERT INTO replica_orders (run, id, status) VALUES ($1, $2, $3)
             ON CONFLICT (run, id) DO UPDATE SET status = EXCLUDED.status",
            &[&cluster.run(), &id, &status],
        )
        .await
        .map_err(sql_error)?;
    session.last_write = Some(Instant::now());
    let lsn = cluster.primary_lsn().await?;
    session.saw(lsn);
    Ok(lsn)
}
// ANCHOR_END: write

// ANCHOR: read
/// Reads an order's status where `route` says, and remembers how far
/// along the log the answer reached.
pub async fn read(
    cluster: &Cluster,
    session: &mut Session,
    route: Route,
    id: i32,
) -> Result<(Option<String>, Server), Error> {
    let server = match route {
        Route::Primary => Server::Primary,
        Route::Replica => Server::Replica,
        Route::PrimaryAfterWrite { window } => match session.last_write {
            Some(at) if at.elapsed() < window => Server::Primary,
            _ => Server::Replica,
        },
        Route::CaughtUp { wait } => match session.seen {
            Some(lsn) if !cluster.wait_for(lsn, wait).await? => Server::Primary,
            _ => Server::Replica,
        },
    };
    let (client, position) = match server {
        Server::Primary => (&cluster.primary, "pg_current_wal_lsn()"),
        Server::Replica => (&cluster.replica, "pg_last_wal_replay_lsn()"),
    };
    // The answer and a log position in one statement. The position is read
    // after the statement has fixed which commits it sees, so it covers
    // them, with one gap on a replica: a commit becomes visible there a
    // moment before the replay position passes it.
    let query = format!(
        "SELECT (SELECT status FROM replica_orders WHERE run = $1 AND id = $2), {position}::text"
    );
    let row = client
        .query_one(&query, &[&cluster.run(), &id])
        .await
        .map_err(sql_error)?;
    session.saw(row.get::<_, String>(1).parse()?);
    Ok((row.get(0), server))
}
// ANCHOR_END: read
