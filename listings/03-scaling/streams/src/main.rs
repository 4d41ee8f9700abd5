//! `cargo run -p streams`: a consumer group rebalancing on our log, then
//! a JetStream stream. Needs `cargo xtask services up` for the second part.

use std::process::ExitCode;

use async_nats::jetstream::stream::RetentionPolicy;

use streams::group::{EVENTS, Rebalance, orders, run};
use streams::jet::JetRun;
use streams::log::assign;

const PARTITIONS: usize = 4;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let log = orders(PARTITIONS);
    println!(
        "a log of {PARTITIONS} partitions: {EVENTS} events of 20 customers, keyed by customer"
    );
    let (before, after) = (
        assign(&["A", "B"], PARTITIONS),
        assign(&["A", "B", "C"], PARTITIONS),
    );
    println!(
        "{:<10} {:>8}  {:<12} with A, B, C",
        "partition", "records", "with A, B"
    );
    for p in 0..PARTITIONS {
        println!(
            "{:<10} {:>8}  {:<12} {}",
            format!("p{p}"),
            log.len(p),
            before[p],
            after[p]
        );
    }
    println!(
        "C joins after 3 rounds; a member reads 5 records a partition a round and commits every 2nd batch"
    );
    println!(
        "{:<36} {:>9} {:>6} {:>13}",
        "", "processed", "again", "out of order"
    );
    for (how, rebalance) in [
        ("eager, no commit before it", Rebalance::EagerNoCommit),
        (
            "cooperative, no commit before it",
            Rebalance::CooperativeNoCommit,
        ),
        (
            "commit before giving partitions up",
            Rebalance::CommitOnRevoke,
        ),
    ] {
        let r = run(&log, 3, rebalance);
        println!(
            "{how:<36} {:>9} {:>6} {:>13}",
            r.processed, r.again, r.out_of_order
        );
    }
    println!();
    let mut runs = Vec::new();
    for retention in [RetentionPolicy::Limits, RetentionPolicy::Interest] {
        match streams::jet::run(PARTITIONS, retention).await {
            Ok(j) => runs.push(j),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let counts = |j: &JetRun| {
        [
            j.billing as u64,
            j.kept,
            j.analytics as u64,
            j.replayed as u64,
            j.partition as u64,
        ]
    };
    let (limits, interest) = (counts(&runs[0]), counts(&runs[1]));
    println!(
        "JetStream: the same {EVENTS} events, one subject per partition; billing's consumer exists first"
    );
    println!("  {:<40} {:>6} {:>8}", "retention", "limits", "interest");
    let rows = [
        "group billing read and acked",
        "messages the stream still holds",
        "group analytics, created after, read",
        "a reader starting at sequence 151 read",
        "a reader of partition 2 alone read",
    ];
    for (i, what) in rows.iter().enumerate() {
        println!("  {what:<40} {:>6} {:>8}", limits[i], interest[i]);
    }
    ExitCode::SUCCESS
}
