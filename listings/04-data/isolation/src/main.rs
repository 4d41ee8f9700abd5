//! `cargo run -p isolation -- postgres`: dirty read, lost update, read skew
//! and write skew on the course's PostgreSQL (`cargo xtask services up`),
//! two connections in a scripted order. `cargo run -p isolation`: the same
//! write skew on a snapshot-isolation store of our own, that store checked
//! over seeded interleavings, and optimistic against pessimistic locking.

use std::process::ExitCode;

use isolation::check::over_seeds;
use isolation::contention::{optimistic, pessimistic};
use isolation::mvcc::{self, Reads, Rule};
use isolation::pg::{self, Guard, Lab, Level, Step};

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => {
            ours();
            ExitCode::SUCCESS
        }
        [s] if s == "postgres" => match postgres().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("usage: cargo run -p isolation [-- postgres]");
            ExitCode::from(2)
        }
    }
}

fn outcome(step: &Step) -> String {
    match step {
        Step::Ok => "commits".to_string(),
        Step::SerializationFailure { at, message } => {
            format!("refused at {at} (40001: {message})")
        }
    }
}

async fn postgres() -> Result<(), String> {
    let lab = Lab::connect().await?;
    let result = anomalies(&lab).await;
    lab.close().await?;
    result
}

async fn anomalies(lab: &Lab) -> Result<(), String> {
    println!("== dirty read: A sets the balance from 100 to 0, not committed; B reads it ==");
    let (seen, reported) = pg::dirty_read(lab, Level::ReadUncommitted).await?;
    println!(
        "{:<26} B reads {seen} (its level reads back as \"{reported}\")",
        Level::ReadUncommitted.name()
    );

    println!(
        "== lost update: balance 100; A deposits 10, B deposits 20, each reads then writes =="
    );
    for guard in [
        Guard::Nothing(Level::ReadCommitted),
        Guard::Nothing(Level::RepeatableRead),
        Guard::ForUpdate,
    ] {
        let r = pg::lost_update(lab, guard).await?;
        let name = match guard {
            Guard::Nothing(level) => level.name(),
            Guard::ForUpdate => "read committed, FOR UPDATE".to_string(),
        };
        let waited = if r.b_waited { "waits for A, then " } else { "" };
        let retried = if r.b == Step::Ok { "" } else { ", retries" };
        println!(
            "{name:<26} B {waited}{}{retried}: balance {}",
            outcome(&r.b),
            r.balance
        );
    }

    println!(
        "== read skew: checking 50, savings 50; B reads checking, A moves 40 to savings and commits, B reads savings, then checking again =="
    );
    for level in [Level::ReadCommitted, Level::RepeatableRead] {
        let r = pg::read_skew(lab, level).await?;
        println!(
            "{:<26} B sees checking {} + savings {} = {}; checking again: {}",
            level.name(),
            r.checking,
            r.savings,
            r.checking + r.savings,
            r.checking_again
        );
    }

    println!(
        "== write skew: Alice and Bob on call; each counts those on call and, if 2, goes off call =="
    );
    for level in [Level::RepeatableRead, Level::Serializable] {
        let r = pg::write_skew(lab, level).await?;
        println!(
            "{:<26} A {}; B {}: {} on call",
            level.name(),
            outcome(&r.a),
            outcome(&r.b),
            r.on_call
        );
    }
    Ok(())
}

fn ours() {
    println!("== write skew on our snapshot-isolation store ==");
    let (a, b, on_call) = mvcc::write_skew();
    let result = |r: Result<(), mvcc::Conflict>| match r {
        Ok(()) => "commits".to_string(),
        Err(c) => format!("aborts (key {} written by T{})", c.key, c.with),
    };
    println!("A {}; B {}: {on_call} on call", result(a), result(b));

    let (seeds, transactions) = (1_000, 6);
    println!(
        "== {seeds} seeded interleavings of {transactions} transactions (deposits, transfers, audits) =="
    );
    println!(
        "{:<40} {:>12} {:>18} {:>8}",
        "store", "lost update", "inconsistent read", "aborts"
    );
    for (name, rule, reads) in [
        (
            "snapshot reads, first committer wins",
            Rule::FirstCommitterWins,
            Reads::Snapshot,
        ),
        (
            "snapshot reads, last writer wins",
            Rule::LastWriterWins,
            Reads::Snapshot,
        ),
        (
            "latest reads, first committer wins",
            Rule::FirstCommitterWins,
            Reads::Latest,
        ),
    ] {
        let (lost, inconsistent, aborts) = over_seeds(seeds, transactions, rule, reads);
        println!("{name:<40} {lost:>6} seeds {inconsistent:>12} seeds {aborts:>8}");
    }

    // ANCHOR: contention
    let (clients, each, seed) = (8, 100, 7);
    println!("== {clients} clients, {each} increments each, on K hot counters (seed {seed}) ==");
    println!(
        "{:>3} {:>26} {:>25} {:>14}",
        "K", "optimistic aborts/commit", "pessimistic waits/commit", "ticks opt/pess"
    );
    for counters in [64, 16, 4, 1] {
        let o = optimistic(clients, counters, each, seed);
        let p = pessimistic(clients, counters, each, seed);
        assert!(o.exact && p.exact, "an increment was lost");
        println!(
            "{counters:>3} {:>26.2} {:>25.2} {:>14}",
            o.aborts as f64 / o.commits as f64,
            p.waits as f64 / p.commits as f64,
            format!("{}/{}", o.ticks, p.ticks)
        );
    }
    // ANCHOR_END: contention
}
