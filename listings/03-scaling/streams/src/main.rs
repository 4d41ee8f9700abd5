//! `cargo run -p streams`: a consumer group rebalancing on our log, then
//! a JetStream stream. Needs `cargo xtask services up` for the second part.

use std::process::ExitCode;

use streams::group::{EVENTS, Rebalance, orders, run};
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
    match streams::jet::run(PARTITIONS).await {
        Ok(j) => {
            println!(
                "JetStream: the same {EVENTS} events on one subject per partition, limits retention"
            );
            for (what, count) in [
                ("group billing read and acked", j.billing as u64),
                ("group analytics, created after, read", j.analytics as u64),
                ("messages the stream still holds", j.kept),
                ("a reader starting at sequence 151 read", j.replayed as u64),
            ] {
                println!("  {what:<40} {count}");
            }
            println!(
                "  partition 2 alone: {} messages, in order: {}",
                j.partition,
                if j.partition_in_order { "yes" } else { "no" }
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
