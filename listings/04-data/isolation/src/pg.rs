//! The four anomalies on the course's PostgreSQL. Two connections, A and
//! B, run one scripted interleaving: each step waits for the one before,
//! so the order is the script's, never the scheduler's. Each run makes its
//! own tables (named with a run token) and drops them at the end, so two
//! runs at once never meet.

use service_smoke::sql;
use std::sync::Arc;
use std::time::Duration;

use service_smoke::Service;
use tokio_postgres::Client;
use tokio_postgres::error::SqlState;

pub type Error = String;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    ReadUncommitted,
    ReadCommitted,
    RepeatableRead,
    Serializable,
}

impl Level {
    pub fn sql(self) -> &'static str {
        match self {
            Level::ReadUncommitted => "READ UNCOMMITTED",
            Level::ReadCommitted => "READ COMMITTED",
            Level::RepeatableRead => "REPEATABLE READ",
            Level::Serializable => "SERIALIZABLE",
        }
    }

    pub fn name(self) -> String {
        self.sql().to_lowercase()
    }
}

/// What happened to a transaction's statement: it ran, or PostgreSQL
/// refused it with SQLSTATE 40001 (serialization failure).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Ok,
    SerializationFailure { at: &'static str, message: String },
}

/// Runs `statement`; a serialization failure is an outcome, not an error.
async fn step(c: &Client, at: &'static str, statement: &str) -> Result<Step, Error> {
    match c.batch_execute(statement).await {
        Ok(()) => Ok(Step::Ok),
        Err(e) if e.code() == Some(&SqlState::T_R_SERIALIZATION_FAILURE) => {
            c.batch_execute("ROLLBACK").await.map_err(sql)?;
            let message = e
                .as_db_error()
                .map_or(String::new(), |d| d.message().into());
            Ok(Step::SerializationFailure { at, message })
        }
        Err(e) => Err(sql(e)),
    }
}

async fn int(c: &Client, query: &str) -> Result<i64, Error> {
    Ok(c.query_one(query, &[]).await.map_err(sql)?.get(0))
}

/// Two sessions on the primary, and a third that watches who waits.
pub struct Lab {
    pub a: Arc<Client>,
    pub b: Arc<Client>,
    watch: Client,
    accounts: String,
    doctors: String,
}

impl Lab {
    pub async fn connect() -> Result<Lab, Error> {
        let url = Service::Postgres.url();
        let open = || async {
            service_smoke::postgres(Service::Postgres, &url)
                .await
                .map_err(|e| e.to_string())
        };
        let (a, b, watch) = (open().await?, open().await?, open().await?);
        let token = service_smoke::run_token().replace('-', "_");
        let lab = Lab {
            a: Arc::new(a),
            b: Arc::new(b),
            watch,
            accounts: format!("iso_accounts_{token}"),
            doctors: format!("iso_doctors_{token}"),
        };
        lab.watch
            .batch_execute(&format!(
                "CREATE TABLE {} (id text PRIMARY KEY, balance bigint NOT NULL);
                 CREATE TABLE {} (name text PRIMARY KEY, on_call boolean NOT NULL);",
                lab.accounts, lab.doctors
            ))
            .await
            .map_err(sql)?;
        Ok(lab)
    }

    /// Drops this run's tables.
    pub async fn close(self) -> Result<(), Error> {
        self.watch
            .batch_execute(&format!(
                "DROP TABLE IF EXISTS {}, {}",
                self.accounts, self.doctors
            ))
            .await
            .map_err(sql)
    }

    async fn accounts(&self, rows: &[(&str, i64)]) -> Result<(), Error> {
        let values: Vec<String> = rows
            .iter()
            .map(|(id, b)| format!("('{id}', {b})"))
            .collect();
        let t = &self.accounts;
        self.watch
            .batch_execute(&format!(
                "DELETE FROM {t}; INSERT INTO {t} VALUES {};",
                values.join(", ")
            ))
            .await
            .map_err(sql)
    }

    async fn balance(&self, c: &Client, id: &str) -> Result<i64, Error> {
        int(
            c,
            &format!("SELECT balance FROM {} WHERE id = '{id}'", self.accounts),
        )
        .await
    }

    /// Waits until the session `pid` is blocked by another's lock. The
    /// script needs to know B is waiting before A goes on; this asks the
    /// server instead of guessing with a sleep.
    async fn until_blocked(&self, pid: i32) -> Result<(), Error> {
        for _ in 0..500 {
            let blockers: i64 = self
                .watch
                .query_one("SELECT cardinality(pg_blocking_pids($1))::bigint", &[&pid])
                .await
                .map_err(sql)?
                .get(0);
            if blockers > 0 {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        Err(format!("session {pid} never waited for a lock"))
    }
}

// ANCHOR: dirty_read
/// A sets the balance from 100 to 0 and has not committed; B reads it.
/// Returns what B read and the level B's transaction reports.
pub async fn dirty_read(lab: &Lab, level: Level) -> Result<(i64, String), Error> {
    lab.accounts(&[("alice", 100)]).await?;
    let (a, b) = (&lab.a, &lab.b);
    let begin = format!("BEGIN ISOLATION LEVEL {}", level.sql());
    a.batch_execute(&begin).await.map_err(sql)?;
    a.batch_execute(&format!(
        "UPDATE {} SET balance = 0 WHERE id = 'alice'",
        lab.accounts
    ))
    .await
    .map_err(sql)?;
    b.batch_execute(&begin).await.map_err(sql)?;
    let seen = lab.balance(b, "alice").await?;
    let reported: String = b
        .query_one("SHOW transaction_isolation", &[])
        .await
        .map_err(sql)?
        .get(0);
    b.batch_execute("COMMIT").await.map_err(sql)?;
    a.batch_execute("ROLLBACK").await.map_err(sql)?;
    Ok((seen, reported))
}
// ANCHOR_END: dirty_read

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guard {
    /// Read with a plain SELECT, then write the computed balance.
    Nothing(Level),
    /// READ COMMITTED, but read with SELECT ... FOR UPDATE.
    ForUpdate,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LostUpdate {
    /// B's write: committed, or refused with 40001.
    pub b: Step,
    /// Whether B's read waited for A's lock.
    pub b_waited: bool,
    /// The balance once both are done (B retried if it was refused).
    pub balance: i64,
}

// ANCHOR: lost_update
/// The balance is 100. A deposits 10 and B deposits 20, each by reading
/// the balance and writing back balance + amount.
pub async fn lost_update(lab: &Lab, guard: Guard) -> Result<LostUpdate, Error> {
    lab.accounts(&[("alice", 100)]).await?;
    let (level, read) = match guard {
        Guard::Nothing(level) => (level, "SELECT balance FROM {t} WHERE id = 'alice'"),
        Guard::ForUpdate => (
            Level::ReadCommitted,
            "SELECT balance FROM {t} WHERE id = 'alice' FOR UPDATE",
        ),
    };
    let read = read.replace("{t}", &lab.accounts);
    let write = |v: i64| {
        format!(
            "UPDATE {} SET balance = {v} WHERE id = 'alice'",
            lab.accounts
        )
    };
    let begin = format!("BEGIN ISOLATION LEVEL {}", level.sql());
    let (a, b) = (lab.a.clone(), lab.b.clone());

    a.batch_execute(&begin).await.map_err(sql)?;
    let a_read = int(&a, &read).await?;
    b.batch_execute(&begin).await.map_err(sql)?;
    let b_pid = int(&b, "SELECT pg_backend_pid()::bigint").await? as i32;
    let b_reads = tokio::spawn({
        let (b, read) = (b.clone(), read.clone());
        async move { int(&b, &read).await }
    });
    let b_waited = guard == Guard::ForUpdate;
    let b_read = if b_waited {
        // B's FOR UPDATE waits for A's row lock until A commits.
        lab.until_blocked(b_pid).await?;
        a.batch_execute(&write(a_read + 10)).await.map_err(sql)?;
        a.batch_execute("COMMIT").await.map_err(sql)?;
        b_reads.await.map_err(|e| e.to_string())??
    } else {
        let b_read = b_reads.await.map_err(|e| e.to_string())??;
        a.batch_execute(&write(a_read + 10)).await.map_err(sql)?;
        a.batch_execute("COMMIT").await.map_err(sql)?;
        b_read
    };
    let mut b_step = step(&b, "UPDATE", &write(b_read + 20)).await?;
    if b_step == Step::Ok {
        b_step = step(&b, "COMMIT", "COMMIT").await?;
    }
    if b_step != Step::Ok {
        // Refused with 40001: B runs its whole transaction again.
        b.batch_execute(&begin).await.map_err(sql)?;
        let again = int(&b, &read).await?;
        b.batch_execute(&write(again + 20)).await.map_err(sql)?;
        b.batch_execute("COMMIT").await.map_err(sql)?;
    }
    let balance = lab.balance(&lab.watch, "alice").await?;
    Ok(LostUpdate {
        b: b_step,
        b_waited,
        balance,
    })
}
// ANCHOR_END: lost_update

/// What B saw while A moved 40 from checking to savings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadSkew {
    pub checking: i64,
    pub savings: i64,
    pub checking_again: i64,
}

// ANCHOR: read_skew
/// Checking and savings hold 50 each. B reads checking; A moves 40 from
/// checking to savings and commits; B reads savings, then checking again.
pub async fn read_skew(lab: &Lab, level: Level) -> Result<ReadSkew, Error> {
    lab.accounts(&[("checking", 50), ("savings", 50)]).await?;
    let (a, b) = (&lab.a, &lab.b);
    let t = &lab.accounts;
    b.batch_execute(&format!("BEGIN ISOLATION LEVEL {}", level.sql()))
        .await
        .map_err(sql)?;
    let checking = lab.balance(b, "checking").await?;
    a.batch_execute(&format!(
        "BEGIN;
         UPDATE {t} SET balance = balance - 40 WHERE id = 'checking';
         UPDATE {t} SET balance = balance + 40 WHERE id = 'savings';
         COMMIT;"
    ))
    .await
    .map_err(sql)?;
    let savings = lab.balance(b, "savings").await?;
    let checking_again = lab.balance(b, "checking").await?;
    b.batch_execute("COMMIT").await.map_err(sql)?;
    Ok(ReadSkew {
        checking,
        savings,
        checking_again,
    })
}
// ANCHOR_END: read_skew

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteSkew {
    pub a: Step,
    pub b: Step,
    /// Doctors on call once both are done.
    pub on_call: i64,
}

// ANCHOR: write_skew
/// Alice and Bob are both on call. Each asks to go off call, which the
/// rule allows only while at least two are on call: count, then update.
pub async fn write_skew(lab: &Lab, level: Level) -> Result<WriteSkew, Error> {
    let t = &lab.doctors;
    lab.watch
        .batch_execute(&format!(
            "DELETE FROM {t}; INSERT INTO {t} VALUES ('alice', true), ('bob', true);"
        ))
        .await
        .map_err(sql)?;
    let count = format!("SELECT count(*) FROM {t} WHERE on_call");
    let off = |name: &str| format!("UPDATE {t} SET on_call = false WHERE name = '{name}'");
    let begin = format!("BEGIN ISOLATION LEVEL {}", level.sql());
    let (a, b) = (&lab.a, &lab.b);

    a.batch_execute(&begin).await.map_err(sql)?;
    b.batch_execute(&begin).await.map_err(sql)?;
    let a_sees = int(a, &count).await?; // 2: Alice may go
    let b_sees = int(b, &count).await?; // 2: Bob may go
    let mut a_step = Step::Ok;
    if a_sees >= 2 {
        a_step = step(a, "UPDATE", &off("alice")).await?;
    }
    let mut b_step = Step::Ok;
    if b_sees >= 2 {
        b_step = step(b, "UPDATE", &off("bob")).await?;
    }
    if a_step == Step::Ok {
        a_step = step(a, "COMMIT", "COMMIT").await?;
    }
    if b_step == Step::Ok {
        b_step = step(b, "COMMIT", "COMMIT").await?;
    }
    let on_call = int(&lab.watch, &count).await?;
    Ok(WriteSkew {
        a: a_step,
        b: b_step,
        on_call,
    })
}
// ANCHOR_END: write_skew
