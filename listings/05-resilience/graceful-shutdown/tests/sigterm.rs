//! A real SIGTERM, sent to the real server process under load.
//!
//! The test spawns the listing's own binary, starts 20 slow requests, sends
//! SIGTERM while they are in flight, and counts what came back.

use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const BIN: &str = env!("CARGO_BIN_EXE_graceful-shutdown-server");

fn spawn(args: &[&str]) -> (Child, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn server");
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().expect("stdout"))
        .read_line(&mut line)
        .expect("read address");
    let addr = line
        .trim()
        .strip_prefix("listening on ")
        .expect("address line")
        .to_string();
    (child, addr)
}

/// Sends one GET and returns the status code, or None if the connection
/// failed or closed before a full answer.
async fn get(addr: &str, path: &str) -> Option<u16> {
    let mut s = TcpStream::connect(addr).await.ok()?;
    let req = format!(
        "GET {path} HTTP/1.1\r\nhost: x\r\nauthorization: Bearer letmein\r\nconnection: close\r\n\r\n"
    );
    s.write_all(req.as_bytes()).await.ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.ok()?;
    let text = String::from_utf8_lossy(&buf);
    let status = text.strip_prefix("HTTP/1.1 ")?.get(..3)?.parse().ok()?;
    // A full answer ends with the body the handler wrote.
    (status != 200 || text.ends_with('\n')).then_some(status)
}

fn sigterm(child: &Child) {
    let ok = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("run kill")
        .success();
    assert!(ok, "kill -TERM failed");
}

struct Counts {
    sent: usize,
    answered: usize,
    failed: usize,
    ready_after_signal: Option<u16>,
    new_during_drain: Option<u16>,
    /// The exit code, or None if a signal ended the process.
    exit_code: Option<i32>,
    killed_by: Option<i32>,
}

// ANCHOR: under_load
async fn shutdown_under_load(args: &[&str]) -> Counts {
    let (mut child, addr) = spawn(args);
    assert_eq!(get(&addr, "/ready").await, Some(200));
    let sent = 20;
    let requests: Vec<_> = (0..sent)
        .map(|_| {
            let addr = addr.clone();
            tokio::spawn(async move { get(&addr, "/work?ms=2000").await })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(300)).await; // all 20 in flight
    sigterm(&child);
    tokio::time::sleep(Duration::from_millis(100)).await;
    let ready_after_signal = get(&addr, "/ready").await;
    tokio::time::sleep(Duration::from_millis(1_050)).await; // pre_drain over
    let new_during_drain = get(&addr, "/healthz").await;
    let mut answered = 0;
    for r in requests {
        if r.await.expect("task") == Some(200) {
            answered += 1;
        }
    }
    let status = child.wait().expect("wait");
    Counts {
        sent,
        answered,
        failed: sent - answered,
        ready_after_signal,
        new_during_drain,
        exit_code: status.code(),
        killed_by: status.signal(),
    }
}
// ANCHOR_END: under_load

#[tokio::test]
async fn graceful_server_answers_every_in_flight_request() {
    let c = shutdown_under_load(&["graceful", "1000", "5000"]).await;
    assert_eq!((c.sent, c.answered, c.failed), (20, 20, 0));
    assert_eq!(
        c.ready_after_signal,
        Some(503),
        "readiness must fail once draining"
    );
    assert_eq!(
        c.new_during_drain, None,
        "the listener is closed while draining"
    );
    assert_eq!(
        c.exit_code,
        Some(0),
        "a graceful server exits by itself, with 0"
    );
}

#[tokio::test]
async fn naive_server_loses_every_in_flight_request() {
    let c = shutdown_under_load(&["naive"]).await;
    assert_eq!((c.sent, c.answered, c.failed), (20, 0, 20));
    assert_eq!(
        c.ready_after_signal, None,
        "the process is gone: connection refused"
    );
    assert_eq!(c.killed_by, Some(15), "ended by SIGTERM's default action");
}

#[tokio::test]
async fn drain_deadline_bounds_a_slow_request() {
    let (mut child, addr) = spawn(&["graceful", "0", "300"]);
    let slow = tokio::spawn({
        let addr = addr.clone();
        async move { get(&addr, "/work?ms=4000").await }
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    sigterm(&child);
    let start = std::time::Instant::now();
    assert!(child.wait().expect("wait").success());
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "the deadline must cut the drain short"
    );
    assert_eq!(
        slow.await.expect("task"),
        None,
        "the slow request is cut off"
    );
}
