//! `cargo run -p service-smoke -- [redis|postgres|pgbouncer|nats]`: checks
//! one of the course's local services, or all four in that order when no
//! name is given. Start them first with `cargo xtask services up`.
//!
//! Each check prints what it did on stdout. When a service is down the
//! program prints one line naming `cargo xtask services up` on stderr and
//! exits with code 1; it never waits longer than a short connect timeout.
//! The checks themselves live in `lib.rs`.

use std::process::ExitCode;

use service_smoke::{
    Failure, Service, jetstream_round_trip, pgbouncer_query, postgres_replication, redis_round_trip,
};

const USAGE: &str = "usage: cargo run -p service-smoke -- [redis|postgres|pgbouncer|nats]";

async fn check(name: &str) -> Result<Vec<String>, Failure> {
    match name {
        "redis" => redis_round_trip(&Service::Redis.url()).await,
        "postgres" => {
            postgres_replication(&Service::Postgres.url(), &Service::PostgresReplica.url()).await
        }
        "pgbouncer" => pgbouncer_query(&Service::PgBouncer.url()).await,
        "nats" => jetstream_round_trip(&Service::Nats.url()).await,
        _ => unreachable!("names are checked in main"),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    const ALL: [&str; 4] = ["redis", "postgres", "pgbouncer", "nats"];
    let args: Vec<String> = std::env::args().skip(1).collect();
    let names: Vec<&str> = match args.as_slice() {
        [] => ALL.to_vec(),
        [name] if ALL.contains(&name.as_str()) => vec![name.as_str()],
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    for name in names {
        match check(name).await {
            Ok(lines) => lines.iter().for_each(|line| println!("{line}")),
            Err(failure) => {
                eprintln!("error: {failure}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
