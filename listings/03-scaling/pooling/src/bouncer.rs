//! PgBouncer in front of PostgreSQL, in its two pooling modes: how many
//! of 50 clients that stay connected get served, by how many server
//! processes, and what a client's session state does when clients share
//! server connections between transactions.

pub use service_smoke::sql;
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use service_smoke::Service;
use tokio::sync::watch;
use tokio::task::JoinSet;
use tokio::time::{Instant, timeout_at};
use tokio_postgres::{Client, SimpleQueryMessage};

/// Any error of this listing, as one line.
pub type Error = String;

/// A key for PostgreSQL's advisory lock, taken by [`exclusive`].
const RUN_LOCK: i64 = 727_002;

/// Waits until no other run uses PgBouncer's two small pools, and keeps
/// them to this run until the returned connection is dropped.
pub async fn exclusive() -> Result<Client, Error> {
    let lock = Via::Direct.connect().await?;
    lock.execute("SELECT pg_advisory_lock($1)", &[&RUN_LOCK])
        .await
        .map_err(sql)?;
    Ok(lock)
}

/// Where a client connects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// PostgreSQL itself.
    Direct,
    /// PgBouncer, pool of 10 in session mode (database `pool_session`).
    SessionPool,
    /// PgBouncer, pool of 5 in transaction mode (`pool_transaction`).
    TransactionPool,
}

impl Via {
    pub fn name(self) -> &'static str {
        match self {
            Via::Direct => "PostgreSQL directly",
            Via::SessionPool => "PgBouncer, session pool of 10",
            Via::TransactionPool => "PgBouncer, transaction pool of 5",
        }
    }

    fn url(self) -> (Service, String) {
        match self {
            Via::Direct => (Service::Postgres, Service::Postgres.url()),
            Via::SessionPool => (
                Service::PgBouncer,
                database(&Service::PgBouncer.url(), "pool_session"),
            ),
            Via::TransactionPool => (
                Service::PgBouncer,
                database(&Service::PgBouncer.url(), "pool_transaction"),
            ),
        }
    }

    pub async fn connect(self) -> Result<Client, Error> {
        let (service, url) = self.url();
        service_smoke::postgres(service, &url)
            .await
            .map_err(|e| e.to_string())
    }
}

/// `url` with its database name replaced.
fn database(url: &str, name: &str) -> String {
    let base = url.split('?').next().unwrap_or(url);
    match base.rsplit_once('/') {
        Some((head, _)) if head.contains("://") && head.len() > "postgres://".len() => {
            format!("{head}/{name}")
        }
        _ => format!("{base}/{name}"),
    }
}

/// The first column of the first row of a simple query, as text.
async fn one_value(client: &Client, query: &str) -> Result<String, Error> {
    for message in client.simple_query(query).await.map_err(sql)? {
        if let SimpleQueryMessage::Row(row) = message {
            return Ok(row.get(0).unwrap_or("NULL").to_string());
        }
    }
    Err(format!("`{query}` returned no row"))
}

// ANCHOR: backends
/// How long a client waits for its answer before it counts as unanswered.
pub const PATIENCE: Duration = Duration::from_secs(1);

/// `clients` clients connect at once and stay connected, as the
/// connections of an application's pool do; each runs one 20 ms query.
/// Returns how many got their answer within [`PATIENCE`], and how many
/// different server processes answered (`pg_backend_pid()` names the
/// process behind a connection).
pub async fn clients_that_stay(via: Via, clients: usize) -> Result<(usize, usize), Error> {
    let deadline = Instant::now() + PATIENCE;
    // How many clients have their answer: a `watch` channel holds one
    // value that every task can change and wait on.
    let answers = Arc::new(watch::Sender::new(0));
    let mut tasks = JoinSet::new();
    for _ in 0..clients {
        let answers = Arc::clone(&answers);
        tasks.spawn(async move {
            let client = via.connect().await?;
            let pid = one_value(&client, "SELECT pg_backend_pid() FROM pg_sleep(0.02)").await?;
            let on_time = Instant::now() < deadline;
            answers.send_modify(|n| *n += 1);
            // Stay connected until every client has its answer, or until
            // the deadline.
            let mut count = answers.subscribe();
            let _ = timeout_at(deadline, count.wait_for(|&n| n == clients)).await;
            drop(client);
            Ok::<_, Error>((pid, on_time))
        });
    }
    let (mut in_time, mut pids) = (0, HashSet::new());
    while let Some(done) = tasks.join_next().await {
        let (pid, on_time) = done.map_err(|e| e.to_string())??;
        in_time += usize::from(on_time);
        pids.insert(pid);
    }
    Ok((in_time, pids.len()))
}
// ANCHOR_END: backends

// ANCHOR: leak
/// Client A sets a session setting and leaves; client B then asks for it.
/// Returns what B sees, and whether B got A's server process.
pub async fn setting_seen_by_another_client(via: Via) -> Result<(String, bool), Error> {
    let a = via.connect().await?;
    let a_pid = one_value(
        &a,
        "SET statement_timeout = '1234ms'; SELECT pg_backend_pid()",
    )
    .await?;
    drop(a); // A disconnects
    let (b, b_pid) = connect_to_idle(via, &a_pid).await?;
    let seen = one_value(&b, "SHOW statement_timeout").await?;
    // Leave the server connection as it should have been.
    b.simple_query("RESET ALL").await.map_err(sql)?;
    Ok((seen, a_pid == b_pid))
}

/// Client A prepares a statement; client B opens a transaction; A runs its
/// statement while B's transaction is still open. Returns A's answer, or
/// the error it got. The statement's name is this run's own, so runs never
/// find each other's statements on a shared server connection.
pub async fn prepared_while_another_client_works(via: Via, run: &str) -> Result<String, Error> {
    let a = via.connect().await?;
    let b = via.connect().await?;
    let name = format!("add_one_{run}");
    a.simple_query(&format!("PREPARE {name} AS SELECT $1::int + 1"))
        .await
        .map_err(sql)?;
    b.simple_query("BEGIN; SELECT 1").await.map_err(sql)?;
    let answer = match one_value(&a, &format!("EXECUTE {name}(1)")).await {
        Ok(value) => value,
        Err(e) if e.contains("does not exist") => {
            "error: prepared statement does not exist".to_string()
        }
        Err(e) => return Err(e),
    };
    b.simple_query("COMMIT").await.map_err(sql)?;
    // Wherever it still is, it is no use to anyone now.
    let _ = a.simple_query(&format!("DEALLOCATE {name}")).await;
    Ok(answer)
}
// ANCHOR_END: leak

/// Connects client B, holding on to any server process other than
/// `a_pid` and connecting again, for up to 8 others. PgBouncer hands out
/// its most recently used idle server first, but in session mode it runs
/// its reset query on A's server before that one is idle again: a client
/// that connects at once, on a busy machine, may get another server.
async fn connect_to_idle(via: Via, a_pid: &str) -> Result<(Client, String), Error> {
    let mut others = Vec::new();
    loop {
        let b = via.connect().await?;
        let b_pid = one_value(&b, "SELECT pg_backend_pid()").await?;
        if b_pid == a_pid || others.len() == 8 {
            return Ok((b, b_pid));
        }
        others.push(b);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::database;

    // The database name at the end of a URL is replaced, query string dropped.
    #[test]
    fn replaces_the_database() {
        assert_eq!(
            database("postgres://course@127.0.0.1:16432/course", "pool_session"),
            "postgres://course@127.0.0.1:16432/pool_session"
        );
        assert_eq!(
            database("postgres://u@h:1/db?sslmode=disable", "x"),
            "postgres://u@h:1/x"
        );
        assert_eq!(database("postgres://u@h:1", "x"), "postgres://u@h:1/x");
    }
}
