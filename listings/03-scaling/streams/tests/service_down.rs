//! `cargo run -p streams` with no server at the address: it must exit 1 at once with
//! one line that names `cargo xtask services up`. Needs no service running.

use std::process::Command;
use std::time::{Duration, Instant};

#[test]
fn no_server_names_services_up() {
    // A port nothing listens on: bound, then released.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let args: &[&str] = &[];
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_streams"))
        .args(args)
        .env(
            "NATS_URL",
            "nats://127.0.0.1:PORT".replace("PORT", &port.to_string()),
        )
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cargo xtask services up"), "{stderr}");
    assert!(stderr.contains(&port.to_string()), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
}
