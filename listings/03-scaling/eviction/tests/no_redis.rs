//! `cargo run --release -p eviction --bin redis` without `redis-server` on
//! PATH: it must exit 1 with one line that says how to get it.

use std::process::Command;

#[test]
fn a_missing_redis_server_is_named() {
    let empty = std::env::temp_dir().join(format!("no-redis-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_redis"))
        .env("PATH", &empty)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir(&empty);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("redis-server"), "{stderr}");
    assert!(stderr.contains("cargo xtask services up"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}
