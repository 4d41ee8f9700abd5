//! Smoke checks of the course's local services, the ones
//! `cargo xtask services up` starts under `target/services/`: Redis, a
//! PostgreSQL primary with one streaming replica, PgBouncer in front of the
//! primary, and NATS with JetStream.
//!
//! Layout:
//! - [`Service`]: each service's environment variable and the address it
//!   falls back to (the port `cargo xtask services up` prints).
//! - [`host_port`]: the host and port of a service URL, for the first,
//!   short connection attempt and for messages.
//! - [`Failure`]: what goes wrong, as the one line the program prints; a
//!   service that is down names `cargo xtask services up`.
//! - [`redis_round_trip`], [`postgres_replication`], [`pgbouncer_query`],
//!   [`jetstream_round_trip`]: one check per service, each returning the
//!   lines it prints.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures::StreamExt;
use tokio::net::TcpStream;

/// How long a connection attempt may take. A service that is down refuses
/// at once; one that accepts and never answers must not hang the program.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);

/// How long a committed row may take to reach the replica.
pub const REPLICA_TIMEOUT: Duration = Duration::from_secs(5);

/// The five addresses a listing can connect to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Service {
    Redis,
    Postgres,
    PostgresReplica,
    PgBouncer,
    Nats,
}

impl Service {
    pub const ALL: [Service; 5] = [
        Service::Redis,
        Service::Postgres,
        Service::PostgresReplica,
        Service::PgBouncer,
        Service::Nats,
    ];

    /// The environment variable that overrides the address.
    pub fn env_var(self) -> &'static str {
        match self {
            Service::Redis => "REDIS_URL",
            Service::Postgres => "DATABASE_URL",
            Service::PostgresReplica => "DATABASE_REPLICA_URL",
            Service::PgBouncer => "PGBOUNCER_URL",
            Service::Nats => "NATS_URL",
        }
    }

    /// Where `cargo xtask services up` runs it. The ports are not the
    /// usual ones, so a system-wide server never answers by mistake.
    pub fn default_url(self) -> &'static str {
        match self {
            Service::Redis => "redis://127.0.0.1:16379",
            Service::Postgres => "postgres://course@127.0.0.1:15432/course",
            Service::PostgresReplica => "postgres://course@127.0.0.1:15433/course",
            Service::PgBouncer => "postgres://course@127.0.0.1:16432/course",
            Service::Nats => "nats://127.0.0.1:14222",
        }
    }

    /// The address to use: the environment variable when it is set and not
    /// empty, the default otherwise.
    pub fn url(self) -> String {
        self.url_from(std::env::var(self.env_var()).ok())
    }

    /// [`Service::url`] given the variable's value.
    pub fn url_from(self, value: Option<String>) -> String {
        value
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| self.default_url().to_string())
    }

    pub fn name(self) -> &'static str {
        match self {
            Service::Redis => "Redis",
            Service::Postgres => "PostgreSQL (primary)",
            Service::PostgresReplica => "PostgreSQL (replica)",
            Service::PgBouncer => "PgBouncer",
            Service::Nats => "NATS",
        }
    }
}

/// The host and port of `scheme://[user[:password]@]host[:port][/path][?query]`,
/// with the scheme's usual port when none is given.
pub fn host_port(url: &str) -> Result<(String, u16), String> {
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| format!("`{url}` is not a URL (expected scheme://host:port)"))?;
    let default_port = match scheme {
        "redis" | "rediss" => 6379,
        "postgres" | "postgresql" => 5432,
        "nats" | "tls" => 4222,
        other => return Err(format!("unknown scheme `{other}` in `{url}`")),
    };
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
    let (host, port) = if let Some(bracketed) = host_port.strip_prefix('[') {
        // An IPv6 address: [::1]:5432.
        let (host, after) = bracketed
            .split_once(']')
            .ok_or_else(|| format!("unclosed `[` in `{url}`"))?;
        (host, after.strip_prefix(':'))
    } else {
        match host_port.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_port, None),
        }
    };
    if host.is_empty() {
        return Err(format!("no host in `{url}`"));
    }
    let port = match port {
        None | Some("") => default_port,
        Some(p) => p
            .parse()
            .map_err(|_| format!("port `{p}` in `{url}` is not a number from 0 to 65535"))?,
    };
    Ok((host.to_string(), port))
}

/// `url` with its password, if any, replaced by `***`, for messages.
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

// ANCHOR: failure
/// Why a check did not pass. Displayed, it is the one line the program
/// prints before it exits with code 1.
#[derive(Debug)]
pub enum Failure {
    /// Nothing answered at the address: most often the services are not
    /// started.
    Down {
        service: Service,
        url: String,
        reason: String,
    },
    /// The service answered, but the check went wrong.
    Failed {
        service: Service,
        url: String,
        reason: String,
    },
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Down {
                service,
                url,
                reason,
            } => write!(
                f,
                "{} is not reachable at {} ({reason}); start the course's services with `cargo xtask services up` (or set {} to another address)",
                service.name(),
                redacted(url),
                service.env_var()
            ),
            Failure::Failed {
                service,
                url,
                reason,
            } => write!(
                f,
                "{} at {}: {reason}; `cargo xtask services status` shows what runs",
                service.name(),
                redacted(url)
            ),
        }
    }
}
// ANCHOR_END: failure

impl Failure {
    /// A service that could not be reached.
    pub fn down(service: Service, url: &str, reason: impl fmt::Display) -> Failure {
        Failure::Down {
            service,
            url: url.to_string(),
            reason: one_line(reason),
        }
    }

    /// A service that answered, then failed a command.
    pub fn failed(service: Service, url: &str, reason: impl fmt::Display) -> Failure {
        Failure::Failed {
            service,
            url: url.to_string(),
            reason: one_line(reason),
        }
    }
}

/// The message on one line, whatever the client library put in it.
fn one_line(reason: impl fmt::Display) -> String {
    reason
        .to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Opens and closes one TCP connection, within [`CONNECT_TIMEOUT`]. Each
/// client library reports a refused connection its own way; this reports
/// them all the same way, before the library tries.
pub async fn reach(service: Service, url: &str) -> Result<(), Failure> {
    let (host, port) = host_port(url).map_err(|e| Failure::failed(service, url, e))?;
    match tokio::time::timeout(CONNECT_TIMEOUT, TcpStream::connect((host.as_str(), port))).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(Failure::down(service, url, e)),
        Err(_) => Err(Failure::down(
            service,
            url,
            format!("no answer within {} s", CONNECT_TIMEOUT.as_secs()),
        )),
    }
}

/// Runs a client's connect future within [`CONNECT_TIMEOUT`]: a port that
/// accepts but never speaks the protocol fails instead of hanging.
async fn connect_within<T, E: fmt::Display>(
    service: Service,
    url: &str,
    connect: impl Future<Output = Result<T, E>>,
) -> Result<T, Failure> {
    match tokio::time::timeout(CONNECT_TIMEOUT, connect).await {
        Ok(Ok(connected)) => Ok(connected),
        Ok(Err(e)) => Err(Failure::down(service, url, e)),
        Err(_) => Err(Failure::down(
            service,
            url,
            format!(
                "connected, but no {} answer within {} s",
                service.name(),
                CONNECT_TIMEOUT.as_secs()
            ),
        )),
    }
}

/// A name no earlier run used, so a run finds its own row and message,
/// and two runs at once never touch each other's keys.
pub fn run_token() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{}-{nanos}", std::process::id())
}

/// A Redis connection that many tasks can share (clone it: each clone
/// sends on the same socket), or a [`Failure`] that names the fix.
pub async fn redis_connection(url: &str) -> Result<redis::aio::MultiplexedConnection, Failure> {
    let service = Service::Redis;
    reach(service, url).await?;
    let client = redis::Client::open(url).map_err(|e| Failure::failed(service, url, e))?;
    let config = redis::AsyncConnectionConfig::new()
        .set_connection_timeout(Some(CONNECT_TIMEOUT))
        .set_response_timeout(Some(CONNECT_TIMEOUT));
    connect_within(
        service,
        url,
        client.get_multiplexed_async_connection_with_config(&config),
    )
    .await
}

// ANCHOR: redis
/// SET a key, GET it back.
pub async fn redis_round_trip(url: &str) -> Result<Vec<String>, Failure> {
    let failed = |e: redis::RedisError| Failure::failed(Service::Redis, url, e);
    let mut conn = redis_connection(url).await?;
    let () = redis::cmd("SET")
        .arg("smoke:greeting")
        .arg("hello from redis")
        .query_async(&mut conn)
        .await
        .map_err(failed)?;
    let value: String = redis::cmd("GET")
        .arg("smoke:greeting")
        .query_async(&mut conn)
        .await
        .map_err(failed)?;
    Ok(vec![
        "redis: SET smoke:greeting \"hello from redis\"".to_string(),
        format!("redis: GET smoke:greeting -> {value:?}"),
    ])
}
// ANCHOR_END: redis

/// A PostgreSQL error as one line: the server's own message when it sent
/// one, else what the client saw (a refused or dropped connection).
pub fn sql(e: tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("PostgreSQL: {}", db.message()),
        None => format!("PostgreSQL: {e}"),
    }
}

/// A PostgreSQL client, its connection driven by a task of its own, or a
/// [`Failure`] that names the fix.
pub async fn postgres(service: Service, url: &str) -> Result<tokio_postgres::Client, Failure> {
    reach(service, url).await?;
    let mut config: tokio_postgres::Config =
        url.parse().map_err(|e| Failure::failed(service, url, e))?;
    config.connect_timeout(CONNECT_TIMEOUT);
    let (client, connection) =
        connect_within(service, url, config.connect(tokio_postgres::NoTls)).await?;
    tokio::spawn(async move {
        // The client's calls report a lost connection themselves.
        let _ = connection.await;
    });
    Ok(client)
}

// ANCHOR: postgres
/// Commits a row on the primary, then polls the replica until the row is
/// there (or [`REPLICA_TIMEOUT`] has passed).
pub async fn postgres_replication(
    primary_url: &str,
    replica_url: &str,
) -> Result<Vec<String>, Failure> {
    let on_primary = |e: tokio_postgres::Error| Failure::failed(Service::Postgres, primary_url, e);
    let on_replica =
        |e: tokio_postgres::Error| Failure::failed(Service::PostgresReplica, replica_url, e);
    let mut primary = postgres(Service::Postgres, primary_url).await?;
    let replica = postgres(Service::PostgresReplica, replica_url).await?;
    let mut lines = Vec::new();

    // Reading the row back from a server that is not a standby proves nothing.
    let in_recovery: bool = replica
        .query_one("SELECT pg_is_in_recovery()", &[])
        .await
        .map_err(on_replica)?
        .get(0);
    if !in_recovery {
        return Err(Failure::failed(
            Service::PostgresReplica,
            replica_url,
            "this server is not a standby (pg_is_in_recovery() is false)",
        ));
    }

    // Two runs at once (ci/test runs each listing twice, two at a time)
    // would race in CREATE TABLE IF NOT EXISTS, which PostgreSQL does not
    // make atomic: a transaction-scoped advisory lock lets one go first.
    primary
        .batch_execute(
            "BEGIN; SELECT pg_advisory_xact_lock(7340);
             CREATE TABLE IF NOT EXISTS smoke_notes (id bigserial PRIMARY KEY, note text NOT NULL);
             COMMIT;",
        )
        .await
        .map_err(on_primary)?;
    let note = format!("hello from the primary ({})", run_token());
    let tx = primary.transaction().await.map_err(on_primary)?;
    let row = tx
        .query_one(
            "INSERT INTO smoke_notes (note) VALUES ($1) RETURNING id",
            &[&note],
        )
        .await
        .map_err(on_primary)?;
    let id: i64 = row.get(0);
    tx.commit().await.map_err(on_primary)?;
    lines.push("postgres primary: inserted a note and committed the transaction".to_string());

    let deadline = tokio::time::Instant::now() + REPLICA_TIMEOUT;
    let arrived = loop {
        match replica
            .query_opt("SELECT note FROM smoke_notes WHERE id = $1", &[&id])
            .await
        {
            Ok(Some(row)) => break row.get::<_, String>(0),
            Ok(None) => {}
            // The CREATE TABLE itself has not been replayed yet.
            Err(e) if e.code() == Some(&tokio_postgres::error::SqlState::UNDEFINED_TABLE) => {}
            Err(e) => return Err(on_replica(e)),
        }
        if tokio::time::Instant::now() >= deadline {
            return Err(Failure::failed(
                Service::PostgresReplica,
                replica_url,
                format!(
                    "the committed row did not arrive within {} s; read target/services/postgres/replica.log",
                    REPLICA_TIMEOUT.as_secs()
                ),
            ));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    if arrived != note {
        return Err(Failure::failed(
            Service::PostgresReplica,
            replica_url,
            format!("row {id} reads {arrived:?} on the replica, not {note:?}"),
        ));
    }
    lines.push("postgres replica: the note arrived (read-only standby, streaming)".to_string());
    // Leave the table as small as it was.
    primary
        .execute("DELETE FROM smoke_notes WHERE id = $1", &[&id])
        .await
        .map_err(on_primary)?;
    Ok(lines)
}
// ANCHOR_END: postgres

// ANCHOR: pgbouncer
/// One query through PgBouncer; the server that runs it says which port it
/// listens on, and that is the primary's.
pub async fn pgbouncer_query(url: &str) -> Result<Vec<String>, Failure> {
    let client = postgres(Service::PgBouncer, url).await?;
    let row = client
        .query_one(
            "SELECT current_database(), current_user, inet_server_port()",
            &[],
        )
        .await
        .map_err(|e| Failure::failed(Service::PgBouncer, url, e))?;
    let (database, user, port): (String, String, Option<i32>) =
        (row.get(0), row.get(1), row.get(2));
    let (_, bouncer_port) =
        host_port(url).map_err(|e| Failure::failed(Service::PgBouncer, url, e))?;
    Ok(vec![format!(
        "pgbouncer: connected on port {bouncer_port} as {user} to {database}; the query ran on the server at port {}",
        port.map_or("(unix socket)".to_string(), |p| p.to_string())
    )])
}
// ANCHOR_END: pgbouncer

// ANCHOR: jetstream
/// Publishes to a JetStream stream, waits for the server's acknowledgement
/// (the message is stored), then consumes it with a pull consumer and
/// acknowledges it, waiting for the server to confirm that too.
pub async fn jetstream_round_trip(url: &str) -> Result<Vec<String>, Failure> {
    use async_nats::jetstream::{self, consumer, stream};
    let service = Service::Nats;
    let failed = |e: &dyn fmt::Display| Failure::failed(service, url, e);
    reach(service, url).await?;
    let client = connect_within(
        service,
        url,
        async_nats::ConnectOptions::new()
            .connection_timeout(CONNECT_TIMEOUT)
            .request_timeout(Some(Duration::from_secs(5)))
            .connect(url),
    )
    .await?;
    let js = jetstream::new(client);
    let config = stream::Config {
        name: "SMOKE".to_string(),
        subjects: vec!["smoke.>".to_string()],
        // Every run adds one message; keep the newest thousand.
        max_messages: 1000,
        ..Default::default()
    };
    let stream = match js.get_or_create_stream(config).await {
        Ok(stream) => stream,
        // Two runs at once can both find no stream and both create it: the
        // server (2.9) tells the second that its subjects overlap the
        // first's stream, which is the one it wanted. Fetch that one.
        Err(e) if is_subject_overlap(&e) => js.get_stream("SMOKE").await.map_err(|e| failed(&e))?,
        Err(e) => return Err(failed(&e)),
    };
    let subject = format!("smoke.run.{}", run_token());
    let ack = js
        .publish(subject.clone(), "hello from nats".into())
        .await
        .map_err(|e| failed(&e))?
        .await
        .map_err(|e| failed(&e))?;
    let mut lines = vec![format!(
        "nats: published to stream {}; the server acknowledged it",
        ack.stream
    )];

    let consumer: consumer::PullConsumer = stream
        .create_consumer(consumer::pull::Config {
            filter_subject: subject,
            ack_policy: consumer::AckPolicy::Explicit,
            // An unnamed consumer: the server removes it when idle.
            inactive_threshold: Duration::from_secs(30),
            ..Default::default()
        })
        .await
        .map_err(|e| failed(&e))?;
    let mut batch = consumer
        .fetch()
        .max_messages(1)
        .expires(Duration::from_secs(5))
        .messages()
        .await
        .map_err(|e| failed(&e))?;
    let message = match batch.next().await {
        Some(Ok(message)) => message,
        Some(Err(e)) => return Err(failed(&e)),
        None => return Err(failed(&"the published message was not delivered")),
    };
    message.double_ack().await.map_err(|e| failed(&e))?;
    lines.push(format!(
        "nats: consumed {:?} and the server confirmed the ack",
        String::from_utf8_lossy(&message.payload)
    ));
    Ok(lines)
}
// ANCHOR_END: jetstream

/// Whether creating a stream failed because another stream already takes
/// its subjects (JetStream error code 10065).
fn is_subject_overlap(e: &async_nats::jetstream::context::CreateStreamError) -> bool {
    use async_nats::jetstream::{ErrorCode, context::CreateStreamErrorKind};
    matches!(e.kind(), CreateStreamErrorKind::JetStream(err)
        if err.error_code() == ErrorCode::STREAM_SUBJECT_OVERLAP)
}

/// For the listings' tests: runs `program` with `args` and `variable` set to
/// `url` (its `{port}` replaced by a port nothing listens on), and checks
/// that it exits 1 within 5 s with one line on stderr that names the port
/// and `cargo xtask services up`, and no panic.
pub fn assert_down_names_services_up(program: &str, args: &[&str], variable: &str, url: &str) {
    // A port nothing listens on: bound, then released.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port on 127.0.0.1")
        .port();
    let started = std::time::Instant::now();
    let out = std::process::Command::new(program)
        .args(args)
        .env(variable, url.replace("{port}", &port.to_string()))
        .output()
        .expect("the program runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cargo xtask services up"), "{stderr}");
    assert!(stderr.contains(&port.to_string()), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    // Without the variable, each service falls back to the port `services up` prints.
    #[test]
    fn defaults_are_the_printed_ports() {
        let ports: Vec<u16> = Service::ALL
            .iter()
            .map(|s| host_port(&s.url_from(None)).unwrap().1)
            .collect();
        assert_eq!(ports, [16379, 15432, 15433, 16432, 14222]);
        for s in Service::ALL {
            assert_eq!(host_port(s.default_url()).unwrap().0, "127.0.0.1");
        }
    }

    // A set variable wins; an empty or blank one counts as unset.
    #[test]
    fn variable_overrides_default() {
        let s = Service::Redis;
        assert_eq!(
            s.url_from(Some("redis://10.0.0.5:6380".into())),
            "redis://10.0.0.5:6380"
        );
        assert_eq!(s.url_from(Some("  ".into())), s.default_url());
        assert_eq!(s.url_from(Some(String::new())), s.default_url());
    }

    // Host and port come out of user info, paths, queries and IPv6 brackets.
    #[test]
    fn parses_host_and_port() {
        let hp = |u: &str| host_port(u).unwrap();
        assert_eq!(hp("redis://127.0.0.1:16379"), ("127.0.0.1".into(), 16379));
        assert_eq!(
            hp("postgres://course:secret@db.local:15432/course?sslmode=disable"),
            ("db.local".into(), 15432)
        );
        assert_eq!(hp("postgresql://u@[::1]:5433/x"), ("::1".into(), 5433));
        assert_eq!(hp("nats://localhost"), ("localhost".into(), 4222));
        assert_eq!(hp("redis://h/0"), ("h".into(), 6379));
        assert_eq!(hp("postgres://u@h"), ("h".into(), 5432));
    }

    // Malformed addresses are an error that quotes the address, not a panic.
    #[test]
    fn rejects_malformed_addresses() {
        for bad in [
            "127.0.0.1:16379",
            "http://x:1",
            "redis://:1",
            "nats://h:99999",
            "redis://[::1:2",
        ] {
            let err = host_port(bad).unwrap_err();
            assert!(err.contains('`'), "{bad}: {err}");
        }
    }

    // A password never reaches a message.
    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redacted("postgres://course:hunter2@h:1/db"),
            "postgres://course:***@h:1/db"
        );
        assert_eq!(redacted("redis://h:1"), "redis://h:1");
        assert_eq!(redacted("postgres://course@h/db"), "postgres://course@h/db");
    }

    // A service that is down gets one line that names the command that starts it.
    #[test]
    fn down_message_names_the_command() {
        let f = Failure::down(
            Service::Nats,
            "nats://127.0.0.1:14222",
            "Connection refused\n(os error 111)",
        );
        let text = f.to_string();
        assert!(text.contains("`cargo xtask services up`"), "{text}");
        assert!(text.contains("NATS_URL"), "{text}");
        assert!(!text.contains('\n'), "{text}");
    }
}
