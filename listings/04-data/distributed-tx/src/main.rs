//! `cargo run -p distributed-tx`: two-phase commit blocked by a crashed
//! coordinator, a choreographed saga seen from outside, and every variant
//! over seeded faults. `cargo run -p distributed-tx -- postgres`: the
//! outbox and the dual write on the course's PostgreSQL.

use std::process::ExitCode;

use distributed_tx::pg::{Crash, Lab};
use distributed_tx::sim::Faults;
use distributed_tx::two_pc::{self, Coordinator, Participant, Scenario};
use distributed_tx::{Variant, saga};

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => simulated(),
        [s] if s == "postgres" => {
            if let Err(e) = postgres().await {
                eprintln!("{e}");
                return ExitCode::from(1);
            }
        }
        _ => {
            eprintln!("usage: cargo run -p distributed-tx [-- postgres]");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

fn simulated() {
    // ANCHOR: blocking
    let crash = Scenario {
        coordinator: Coordinator::Logged,
        participant: Participant::Waits,
        votes: [true, true, true],
        crash_after: Some(4), // 3 prepares and the log write
        down_for: 30_000,     // 30 s until the coordinator is back
        faults: Faults::NONE,
        participant_crash: [None; 3], // participants stay up
        second: Some((2, 10)),        // wants inventory's rows at 10 ms
    };
    // ANCHOR_END: blocking
    println!("== two-phase commit: all vote yes, the coordinator crashes after its log write ==");
    report(&crash);
    let before_log = Scenario {
        crash_after: Some(3),
        ..crash.clone()
    };
    println!("== the same, but it crashes before writing the decision ==");
    report(&before_log);

    println!("== choreographed saga: 1 book for 30, balance 100, stock 0 ==");
    for line in saga::choreography(100, 0, 30, 1) {
        println!("{line}");
    }

    println!("== every variant over seeds 0..1000 of crashes, loss, duplicates, reordering ==");
    for v in Variant::ALL {
        let bad = (0..1000)
            .filter(|&seed| distributed_tx::run(v, seed).verdict.is_err())
            .count();
        println!("{:<22} {bad:>4} seeds not {}", v.name(), v.property());
    }
}

fn report(s: &Scenario) {
    let out = two_pc::run(s, 0);
    for line in &out.trace {
        println!("{line}");
    }
    let held: Vec<String> = (0..3)
        .map(|p| {
            let until = out.locks_held_until[p].unwrap_or(out.end);
            format!("{} {} ms", two_pc::NAMES[p], until - out.prepared_at[p])
        })
        .collect();
    println!("locks held: {}", held.join(", "));
    println!(
        "asks unanswered while it was down: {}; outcome: {:?}",
        out.asks.iter().sum::<u64>(),
        out.states
    );
}

async fn postgres() -> Result<(), String> {
    let mut lab = Lab::connect().await?;
    let result = outbox_story(&mut lab).await;
    lab.close().await?;
    result
}

async fn outbox_story(lab: &mut Lab) -> Result<(), String> {
    println!("== the outbox: order row and event row in one transaction ==");
    lab.place_order(1, true).await?;
    lab.place_order(2, false).await?;
    println!(
        "order 1 committed, order 2 rolled back: {} order rows, {} outbox rows",
        lab.count("SELECT count(*) FROM orders").await?,
        lab.count("SELECT count(*) FROM outbox").await?
    );
    for (name, crash) in [
        ("crashes before publishing", Some(Crash::BeforePublish)),
        (
            "crashes after publishing, before marking",
            Some(Crash::AfterPublishBeforeMark),
        ),
        ("runs to the end", None),
    ] {
        let marked = lab.relay(crash).await?;
        println!(
            "relay {name:<41} marked {marked}, broker holds {}, unsent rows {}",
            lab.broker.len(),
            lab.count("SELECT count(*) FROM outbox WHERE NOT sent")
                .await?
        );
    }
    let (applied, skipped) = lab.consume().await?;
    println!(
        "consumer: {} deliveries, {applied} applied, {skipped} skipped by event id; shipments {}",
        lab.broker.len(),
        lab.count("SELECT count(*) FROM shipments").await?
    );
    println!("== the dual write: commit the order, then publish ==");
    lab.dual_write(3, false).await?;
    lab.dual_write(4, true).await?;
    println!(
        "orders committed {}, committed orders with no event: {:?}",
        lab.count("SELECT count(*) FROM orders").await?,
        lab.orders_without_event().await?
    );
    Ok(())
}
