//! The small queue's rules on the paused clock, the five jobs on both
//! brokers, and a worker process killed while it holds a message.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use queues::broker::{Broker, MAX_DELIVERIES, SmallQueue, VISIBILITY};
use queues::jetstream::JetStreamQueue;
use queues::work::{JobReport, run};

// A message not acked within the visibility timeout is delivered again, as delivery 2.
#[tokio::test(start_paused = true)]
async fn unacked_messages_come_back() {
    let q = SmallQueue::default();
    q.publish("a").await.unwrap();
    let first = q.receive(Duration::ZERO).await.unwrap().unwrap();
    assert_eq!(SmallQueue::job(&first), ("a".to_string(), 1));
    assert!(
        q.receive(Duration::ZERO).await.unwrap().is_none(),
        "invisible while in flight"
    );
    drop(first);
    tokio::time::sleep(VISIBILITY).await;
    let second = q.receive(Duration::ZERO).await.unwrap().unwrap();
    assert_eq!(SmallQueue::job(&second), ("a".to_string(), 2));
    q.ack(second).await.unwrap();
    tokio::time::sleep(VISIBILITY * 2).await;
    assert!(
        q.receive(Duration::ZERO).await.unwrap().is_none(),
        "acked for good"
    );
}

// A nack delays the next delivery; the last allowed delivery's nack dead-letters it.
#[tokio::test(start_paused = true)]
async fn nacks_retry_then_dead_letter() {
    let q = SmallQueue::default();
    q.publish("poison").await.unwrap();
    for attempt in 1..=MAX_DELIVERIES {
        let d = q.receive(Duration::from_secs(1)).await.unwrap().unwrap();
        assert_eq!(SmallQueue::job(&d).1, attempt);
        q.nack(d, Duration::from_millis(50)).await.unwrap();
        assert!(
            q.receive(Duration::ZERO).await.unwrap().is_none(),
            "not before the delay"
        );
    }
    assert!(q.receive(Duration::from_secs(1)).await.unwrap().is_none());
    assert_eq!(q.dead_letters().await.unwrap(), ["poison"]);
}

fn expected() -> Vec<(String, JobReport)> {
    let r = |deliveries, applied, duplicates, dead| JobReport {
        deliveries,
        applied,
        duplicates,
        dead,
    };
    vec![
        ("job-1".to_string(), r(1, 1, 0, false)),
        ("job-2".to_string(), r(2, 1, 1, false)),
        ("job-3".to_string(), r(4, 0, 0, true)),
        ("job-4".to_string(), r(2, 1, 0, false)),
        ("job-5".to_string(), r(1, 1, 0, false)),
    ]
}

// The five jobs on our queue: the slow one delivered twice and applied once, the poison dead.
#[tokio::test(start_paused = true)]
async fn five_jobs_on_the_small_queue() {
    let reports = run(&SmallQueue::default(), Duration::from_secs(60))
        .await
        .unwrap();
    assert_eq!(reports.into_iter().collect::<Vec<_>>(), expected());
}

// The same on JetStream (`cargo xtask services up`).
#[tokio::test(flavor = "current_thread")]
async fn five_jobs_on_jetstream() {
    let queue = JetStreamQueue::create()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let reports = run(&queue, Duration::from_secs(20)).await;
    queue.delete().await.unwrap();
    assert_eq!(reports.unwrap().into_iter().collect::<Vec<_>>(), expected());
}

// A worker process killed while holding a message loses nothing: after the
// ack wait, the message goes to the next worker as delivery 2. The server
// does not hand it back when the connection drops: it waits out `ack_wait`.
#[tokio::test(flavor = "current_thread")]
async fn a_killed_worker_loses_nothing() {
    let queue = JetStreamQueue::create()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    queue.publish("job-x").await.unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_queues"))
        .args(["take-one-and-hang", queue.run()])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    let read = BufReader::new(child.stdout.take().unwrap()).read_line(&mut line);
    let took = std::time::Instant::now();
    child.kill().unwrap(); // SIGKILL: no chance to ack or nack
    child.wait().unwrap();
    read.unwrap();
    assert_eq!(line.trim(), "took job-x, delivery 1");
    let again = queue.receive(Duration::from_secs(3)).await.unwrap();
    let waited = took.elapsed();
    let again = again.expect("the message came back");
    assert_eq!(JetStreamQueue::job(&again), ("job-x".to_string(), 2));
    queue.ack(again).await.unwrap();
    queue.delete().await.unwrap();
    assert!(
        waited >= VISIBILITY * 3 / 4,
        "came back {waited:?} after the kill, ack_wait is {VISIBILITY:?}"
    );
}
