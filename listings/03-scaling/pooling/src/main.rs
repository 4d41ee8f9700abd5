//! `cargo run -p pooling`: pool sizing and an exhausted pool on PostgreSQL.
//! `cargo run -p pooling -- pgbouncer`: PgBouncer's two pooling modes.
//! Both need `cargo xtask services up`.

use std::process::ExitCode;
use std::time::Duration;

use pooling::bouncer::{
    Error, PATIENCE, Via, clients_that_stay, exclusive, prepared_while_another_client_works,
    setting_seen_by_another_client,
};
use pooling::exhaustion::{direct_pool, summary, three_requests};
use pooling::pool::WhenBusy;
use pooling::sizing::{in_use, simulate};

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [] => pools().await,
        [s] if s == "pgbouncer" => pgbouncer().await,
        _ => {
            eprintln!("usage: cargo run -p pooling [-- pgbouncer]");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn pools() -> Result<(), Error> {
    let (rate, hold) = (200.0, 50.0);
    println!(
        "{rate} requests/s, each holding a connection for {hold} ms on average: {} in use on average (Little's law)",
        in_use(rate, hold)
    );
    println!(
        "{:>5} {:>6} {:>13} {:>13} {:>13}",
        "pool", "busy", "wait p50 ms", "wait p99 ms", "wait max ms"
    );
    for size in [10, 11, 12, 14, 16, 20, 40] {
        let w = simulate(rate, hold, size, 200_000, 1);
        println!(
            "{size:>5} {:>5.0}% {:>13.1} {:>13.1} {:>13.1}",
            w.busy * 100.0,
            w.p50,
            w.p99,
            w.max
        );
    }
    println!();
    println!("a pool of 2 PostgreSQL connections; 3 requests at once, each holding one for 300 ms");
    let pool = direct_pool(2).await?;
    for (name, when_busy) in [
        ("wait", WhenBusy::Wait),
        (
            "wait up to 100 ms",
            WhenBusy::WaitFor(Duration::from_millis(100)),
        ),
        ("fail fast", WhenBusy::FailFast),
    ] {
        let outcomes = three_requests(&pool, when_busy).await?;
        println!("  {name:<18} {}", summary(&outcomes));
    }
    Ok(())
}

async fn pgbouncer() -> Result<(), Error> {
    let _lock = exclusive().await?;
    // A statement name no other run uses (digits and underscores only).
    let run = service_smoke::run_token().replace('-', "_");
    println!("50 clients connect at once and stay connected; each runs one 20 ms query");
    for via in [Via::Direct, Via::SessionPool, Via::TransactionPool] {
        let (answered, processes) = clients_that_stay(via, 50).await?;
        println!(
            "  {:<34} {answered:>2} answered within {} s, by {processes} server processes",
            via.name(),
            PATIENCE.as_secs()
        );
    }
    println!("client A sets statement_timeout = '1234ms' and leaves; client B then asks for it");
    for via in [Via::SessionPool, Via::TransactionPool] {
        let (seen, same) = setting_seen_by_another_client(via).await?;
        let process = if same { "A's" } else { "another" };
        println!("  {:<34} {seen}, on {process} server process", via.name());
    }
    println!("A prepares a statement, B opens a transaction, then A runs the statement");
    for via in [Via::SessionPool, Via::TransactionPool] {
        println!(
            "  {:<34} {}",
            via.name(),
            prepared_while_another_client_works(via, &run).await?
        );
    }
    Ok(())
}
