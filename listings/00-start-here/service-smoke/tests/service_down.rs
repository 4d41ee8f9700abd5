//! The program against addresses where no service runs: it must exit with
//! code 1 and one line naming `cargo xtask services up`, quickly, for every
//! service. Needs no service running.

use std::net::TcpListener;
use std::process::Command;
use std::time::{Duration, Instant};

/// A port on 127.0.0.1 that nothing listens on: bound, then released.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// Runs the program with every address pointed at `port`.
fn run(check: &str, port: u16) -> (Option<i32>, String, String, Duration) {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_service-smoke"))
        .arg(check)
        .env("REDIS_URL", format!("redis://127.0.0.1:{port}"))
        .env(
            "DATABASE_URL",
            format!("postgres://course@127.0.0.1:{port}/course"),
        )
        .env(
            "DATABASE_REPLICA_URL",
            format!("postgres://course@127.0.0.1:{port}/course"),
        )
        .env(
            "PGBOUNCER_URL",
            format!("postgres://course@127.0.0.1:{port}/course"),
        )
        .env("NATS_URL", format!("nats://127.0.0.1:{port}"))
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        started.elapsed(),
    )
}

// Each check against a closed port exits 1 at once with one line naming the fix, and prints nothing on stdout.
#[test]
fn closed_port_names_services_up() {
    let port = closed_port();
    for (check, env_var) in [
        ("redis", "REDIS_URL"),
        ("postgres", "DATABASE_URL"),
        ("pgbouncer", "PGBOUNCER_URL"),
        ("nats", "NATS_URL"),
    ] {
        let (code, stdout, stderr, took) = run(check, port);
        assert_eq!(code, Some(1), "{check}: {stderr}");
        assert_eq!(stdout, "", "{check}");
        assert_eq!(stderr.lines().count(), 1, "{check}: {stderr}");
        assert!(
            stderr.contains("`cargo xtask services up`"),
            "{check}: {stderr}"
        );
        assert!(stderr.contains(env_var), "{check}: {stderr}");
        assert!(stderr.contains(&port.to_string()), "{check}: {stderr}");
        assert!(!stderr.contains("panicked"), "{check}: {stderr}");
        assert!(took < Duration::from_secs(2), "{check} took {took:?}");
    }
}

// A port that accepts connections but never answers fails within the connect timeout instead of hanging.
#[test]
fn silent_port_times_out() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    // Accept and hold every connection without a word.
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream);
        }
    });
    // The three clients wait at once, so the test takes one timeout, not three.
    let runs: Vec<_> = ["redis", "postgres", "nats"]
        .into_iter()
        .map(|check| std::thread::spawn(move || (check, run(check, port))))
        .collect();
    for handle in runs {
        let (check, (code, _, stderr, took)) = handle.join().unwrap();
        assert_eq!(code, Some(1), "{check}: {stderr}");
        assert!(
            stderr.contains("`cargo xtask services up`"),
            "{check}: {stderr}"
        );
        assert!(took < Duration::from_secs(10), "{check} took {took:?}");
    }
}

// No name runs all four checks; an unknown name prints the usage and exits 2.
#[test]
fn unknown_check_is_a_usage_error() {
    let (code, _, stderr, _) = run("mysql", closed_port());
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("usage: cargo run -p service-smoke"),
        "{stderr}"
    );
}
