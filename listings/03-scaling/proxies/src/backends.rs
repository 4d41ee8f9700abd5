//! Small HTTP servers to stand behind the proxies: each answers with its
//! name and the path it was asked for, and `/health` with 200.

use std::convert::Infallible;
use std::net::SocketAddr;

use http_body_util::Full;
use hyper::body::Bytes;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};

/// A running backend, until [`Backend::stop`].
pub struct Backend {
    pub name: String,
    pub addr: SocketAddr,
    task: JoinHandle<()>,
}

impl Backend {
    /// Starts a backend on a free port of 127.0.0.1.
    pub async fn start(name: &str) -> std::io::Result<Backend> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let me = name.to_string();
        let task = tokio::spawn(async move {
            // Connections live in this set: stopping the server drops it,
            // which closes every open connection too, as a crash would.
            let mut connections = JoinSet::new();
            while let Ok((stream, _)) = listener.accept().await {
                let me = me.clone();
                let service = service_fn(move |request: Request<hyper::body::Incoming>| {
                    let body = if request.uri().path() == "/health" {
                        "ok".to_string()
                    } else {
                        format!("{me} {}", request.uri().path())
                    };
                    async move { Ok::<_, Infallible>(Response::new(Full::new(Bytes::from(body)))) }
                });
                connections.spawn(async move {
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(Backend {
            name: name.to_string(),
            addr,
            task,
        })
    }

    /// Stops listening and closes its connections, as a crashed server.
    pub fn stop(&self) {
        self.task.abort();
    }
}
