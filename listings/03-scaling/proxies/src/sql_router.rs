//! Read/write splitting, as database proxies do it: reads to the replica,
//! everything else to the primary, decided per statement from its text
//! and from whether a transaction is open.

use service_smoke::Service;
use tokio_postgres::Client;

/// Where a statement goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Primary,
    Replica,
}

// ANCHOR: classify
/// The server for `sql`. A plain `SELECT` (or `SHOW`) outside a transaction
/// may read from the replica; inside a transaction every statement goes
/// to the primary, so the transaction sees its own writes and one
/// snapshot; and `SELECT ... FOR UPDATE` / `FOR SHARE` takes locks, which
/// only the primary can.
pub fn classify(sql: &str, in_transaction: bool) -> Target {
    if in_transaction {
        return Target::Primary;
    }
    let words: Vec<String> = sql
        .split_whitespace()
        .map(|w| w.trim_end_matches(';').to_ascii_uppercase())
        .collect();
    let reads = matches!(words.first().map(String::as_str), Some("SELECT" | "SHOW"));
    let locks = words
        .windows(2)
        .any(|w| w[0] == "FOR" && matches!(w[1].as_str(), "UPDATE" | "SHARE" | "NO" | "KEY"));
    if reads && !locks {
        Target::Replica
    } else {
        Target::Primary
    }
}
// ANCHOR_END: classify

/// A session through the router: it tracks `BEGIN` and `COMMIT` and sends
/// each statement where [`classify`] says.
pub struct Router {
    primary: Client,
    replica: Client,
    in_transaction: bool,
}

impl Router {
    pub async fn connect() -> Result<Router, String> {
        let primary = service_smoke::postgres(Service::Postgres, &Service::Postgres.url())
            .await
            .map_err(|e| e.to_string())?;
        let replica =
            service_smoke::postgres(Service::PostgresReplica, &Service::PostgresReplica.url())
                .await
                .map_err(|e| e.to_string())?;
        Ok(Router {
            primary,
            replica,
            in_transaction: false,
        })
    }

    /// Whether a transaction is open on this session.
    pub fn in_transaction(&self) -> bool {
        self.in_transaction
    }

    /// Runs `sql`; returns the server it went to, as PostgreSQL reports it
    /// (`pg_is_in_recovery()` is true only on a replica).
    pub async fn run(&mut self, sql: &str) -> Result<Target, String> {
        let target = classify(sql, self.in_transaction);
        let first = sql
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        match first.trim_end_matches(';') {
            "BEGIN" | "START" => self.in_transaction = true,
            "COMMIT" | "ROLLBACK" | "END" => self.in_transaction = false,
            _ => {}
        }
        let client = match target {
            Target::Primary => &self.primary,
            Target::Replica => &self.replica,
        };
        client
            .simple_query(sql)
            .await
            .map_err(|e| format!("PostgreSQL: {e}"))?;
        let row = client
            .query_one("SELECT pg_is_in_recovery()", &[])
            .await
            .map_err(|e| format!("PostgreSQL: {e}"))?;
        Ok(if row.get::<_, bool>(0) {
            Target::Replica
        } else {
            Target::Primary
        })
    }
}
