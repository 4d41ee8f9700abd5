//! The real server, for tests/sigterm.rs: `graceful-shutdown-server naive`
//! or `graceful-shutdown-server graceful <pre_drain_ms> <deadline_ms>`.
//! Binds 127.0.0.1:0, prints `listening on <addr>`, serves until SIGTERM.

use std::time::Duration;

use graceful_shutdown::{Shared, app, serve};
use tokio::signal::unix::{SignalKind, signal};

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let ms = |i: usize| {
        let n = args.get(i).and_then(|a| a.parse().ok()).unwrap_or(0);
        Duration::from_millis(n)
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    println!("listening on {}", listener.local_addr().expect("addr"));
    if args.first().map(String::as_str) != Some("graceful") {
        // No handler: SIGTERM's default action ends the process on the spot.
        axum::serve(listener, app(Shared::default()))
            .await
            .expect("serve");
        return;
    }
    // ANCHOR: sigterm
    let mut term = signal(SignalKind::terminate()).expect("install SIGTERM handler");
    let drained = serve(listener, Shared::default(), ms(1), ms(2), async move {
        term.recv().await;
    })
    .await;
    // ANCHOR_END: sigterm
    println!("drained: {drained:?}");
}
