//! `cargo run -p queues`: the same five jobs and two workers on our small
//! queue (on tokio's paused clock) and on NATS JetStream. Needs
//! `cargo xtask services up`.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::time::Duration;

use queues::broker::{Error, SmallQueue};
use queues::jetstream::JetStreamQueue;
use queues::work::{JobReport, run};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [] => both(),
        // For tests/queues.rs: take one message of queue `run`, say which,
        // and hang until killed, without acknowledging it.
        [cmd, run] if cmd == "take-one-and-hang" => take_one_and_hang(run),
        _ => {
            eprintln!("usage: cargo run -p queues");
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

fn take_one_and_hang(run: &str) -> Result<(), Error> {
    use queues::broker::Broker;
    runtime(false)?.block_on(async {
        let queue = JetStreamQueue::open(run).await?;
        let Some(message) = queue.receive(Duration::from_secs(5)).await? else {
            return Err("no message to take".to_string());
        };
        let (job, attempt) = JetStreamQueue::job(&message);
        println!("took {job}, delivery {attempt}");
        std::future::pending::<()>().await;
        Ok(())
    })
}

fn runtime(paused: bool) -> Result<tokio::runtime::Runtime, Error> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(paused)
        .build()
        .map_err(|e| e.to_string())
}

fn both() -> Result<(), Error> {
    let ours = runtime(true)?.block_on(run(&SmallQueue::default(), Duration::from_secs(60)))?;
    let theirs = runtime(false)?.block_on(async {
        let queue = JetStreamQueue::create().await?;
        let result = run(&queue, Duration::from_secs(20)).await;
        queue.delete().await?;
        result
    })?;
    println!(
        "5 jobs, 2 workers; 400 ms to ack before a message goes to another worker; 4 deliveries at most"
    );
    println!(
        "{:<7} {:<32} {:<30} JetStream",
        "job", "what happens", "our queue"
    );
    let what = |job: &str| match job {
        "job-2" => "the first worker takes 600 ms",
        "job-3" => "fails every time",
        "job-4" => "dropped unacked, as in a crash",
        _ => "nothing",
    };
    for job in queues::work::JOBS {
        println!(
            "{job:<7} {:<32} {:<30} {}",
            what(job),
            shown(&ours, job),
            shown(&theirs, job)
        );
    }
    Ok(())
}

fn shown(reports: &BTreeMap<String, JobReport>, job: &str) -> String {
    let r = reports.get(job).cloned().unwrap_or_default();
    let mut text = format!("{} delivered, {} applied", r.deliveries, r.applied);
    if r.dead {
        text.push_str(", dead");
    }
    text
}
