//! The bug: a server that treats each `read()` as one whole message.

use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

use crate::protocol::{Store, parse_request};

/// What one `read()` returned, and what the server made of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadReport {
    pub bytes: String,
    pub outcome: String,
}

/// Accepts one connection and serves it naively, sending a report of every
/// read to `reports`.
pub async fn serve_one(listener: TcpListener, reports: mpsc::UnboundedSender<ReadReport>) {
    let (stream, _) = listener.accept().await.expect("accept");
    handle_connection(stream, Arc::new(Store::default()), reports).await;
}

// ANCHOR: naive
async fn handle_connection(
    mut stream: TcpStream,
    store: Arc<Store>,
    reports: mpsc::UnboundedSender<ReadReport>,
) {
    let mut buf = vec![0u8; 4096];
    loop {
        // Wrong: `read` returns whatever bytes have arrived, which may be
        // part of a message, or several messages, never "one message".
        let n = match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        let response = match parse_request(&buf[..n]) {
            Ok(request) => store.handle(request),
            Err(error) => error,
        };
        let reply = response.to_json();
        // ANCHOR_END: naive
        let report = ReadReport {
            bytes: String::from_utf8_lossy(&buf[..n]).into_owned(),
            outcome: reply.clone(),
        };
        if stream.write_all(reply.as_bytes()).await.is_err() || reports.send(report).is_err() {
            return;
        }
    }
}
