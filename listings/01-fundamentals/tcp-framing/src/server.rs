//! The framed server: one JSON request per frame, one JSON response per
//! frame, with a limit on every frame and on idle time.

use std::io;
use std::sync::Arc;
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use tokio::io::AsyncReadExt;
use tokio::net::{TcpListener, TcpStream};
use tokio_util::bytes::Bytes;
use tokio_util::codec::{
    Framed, LengthDelimitedCodec, LengthDelimitedCodecError, LinesCodec, LinesCodecError,
};

use crate::protocol::{Response, Store, parse_request};

/// How frames are marked on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Framing {
    /// Each frame ends with `\n` (newline-delimited JSON).
    Lines,
    /// Each frame starts with its length as a 4-byte big-endian integer.
    LengthPrefixed,
}

/// The server's settings.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    pub framing: Framing,
    /// The largest frame accepted, in bytes. Without a limit, a client that
    /// never sends `\n`, or announces a 4 GiB frame, makes the server
    /// buffer without end.
    pub max_frame_bytes: usize,
    /// How long a connection may stay silent mid-conversation, so that a
    /// client that sends half a frame and stops cannot hold it forever.
    pub idle_timeout: Duration,
}

impl Config {
    /// 1 KiB frames and a 30 s idle timeout: small on purpose, for the demo.
    /// (tokio-util's `LengthDelimitedCodec` defaults to 8 MiB frames.)
    pub fn new(framing: Framing) -> Self {
        Config {
            framing,
            max_frame_bytes: 1024,
            idle_timeout: Duration::from_secs(30),
        }
    }
}

/// Accepts connections forever, serving each on its own task.
pub async fn serve(listener: TcpListener, config: Config) {
    let store = Arc::new(Store::default());
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        tokio::spawn(handle_connection(stream, Arc::clone(&store), config));
    }
}

// ANCHOR: codecs
/// A connection with one of the two framings on top of it.
enum Frames {
    Lines(Framed<TcpStream, LinesCodec>),
    Prefixed(Framed<TcpStream, LengthDelimitedCodec>),
}

impl Frames {
    fn new(stream: TcpStream, config: Config) -> Self {
        match config.framing {
            Framing::Lines => Frames::Lines(Framed::new(
                stream,
                LinesCodec::new_with_max_length(config.max_frame_bytes),
            )),
            Framing::LengthPrefixed => Frames::Prefixed(Framed::new(
                stream,
                LengthDelimitedCodec::builder()
                    .length_field_type::<u32>()
                    .max_frame_length(config.max_frame_bytes)
                    .new_codec(),
            )),
        }
    }
}
// ANCHOR_END: codecs

impl Frames {
    /// The next whole frame; `None` when the client closed cleanly.
    async fn next_frame(&mut self) -> Option<Result<Vec<u8>, FrameError>> {
        match self {
            Frames::Lines(framed) => Some(match framed.next().await? {
                Ok(line) => Ok(line.into_bytes()),
                Err(LinesCodecError::MaxLineLengthExceeded) => Err(FrameError::TooLong),
                Err(LinesCodecError::Io(e)) => Err(FrameError::Io(e)),
            }),
            Frames::Prefixed(framed) => Some(match framed.next().await? {
                Ok(frame) => Ok(frame.to_vec()),
                Err(e) if is_too_long(&e) => Err(FrameError::TooLong),
                Err(e) => Err(FrameError::Io(e)),
            }),
        }
    }

    /// Sends one response as one frame.
    async fn send(&mut self, response: &Response) -> io::Result<()> {
        let json = response.to_json();
        match self {
            Frames::Lines(framed) => framed.send(json).await.map_err(|e| match e {
                LinesCodecError::Io(e) => e,
                LinesCodecError::MaxLineLengthExceeded => io::Error::other(e),
            }),
            Frames::Prefixed(framed) => framed.send(Bytes::from(json)).await,
        }
    }

    fn into_stream(self) -> TcpStream {
        match self {
            Frames::Lines(framed) => framed.into_inner(),
            Frames::Prefixed(framed) => framed.into_inner(),
        }
    }
}

/// Why a frame could not be read.
enum FrameError {
    TooLong,
    Io(io::Error),
}

fn is_too_long(e: &io::Error) -> bool {
    e.get_ref()
        .is_some_and(|inner| inner.is::<LengthDelimitedCodecError>())
}

// ANCHOR: handle_connection
async fn handle_connection(stream: TcpStream, store: Arc<Store>, config: Config) {
    let mut frames = Frames::new(stream, config);
    loop {
        let next = tokio::time::timeout(config.idle_timeout, frames.next_frame()).await;
        let response = match next {
            Err(_elapsed) => Response::error("idle too long, closing"),
            Ok(None) => return, // the client closed the connection
            Ok(Some(Err(FrameError::TooLong))) => Response::error(format!(
                "frame longer than {} bytes, closing",
                config.max_frame_bytes
            )),
            Ok(Some(Err(FrameError::Io(e)))) => Response::error(format!("{e}, closing")),
            // A whole frame: parse it and answer.
            Ok(Some(Ok(frame))) => {
                let response = match parse_request(&frame) {
                    Ok(request) => store.handle(request),
                    Err(error) => error,
                };
                if frames.send(&response).await.is_err() {
                    return;
                }
                continue;
            }
        };
        // A refused frame or a stalled client.
        let _ = frames.send(&response).await;
        close_gently(frames.into_stream(), config.idle_timeout).await;
        return;
    }
}
// ANCHOR_END: handle_connection

/// Sends FIN, then reads and drops what the client still sends until it
/// closes too (or 64 KiB or the idle timeout, whichever comes first).
/// Closing a socket that has unread input makes the kernel answer with a
/// reset (RFC 1122, 4.2.2.13), which can destroy the error reply we just
/// sent before the client reads it.
async fn close_gently(mut stream: TcpStream, idle_timeout: Duration) {
    use tokio::io::AsyncWriteExt;
    let _ = stream.shutdown().await;
    let mut buf = [0u8; 4096];
    let mut drained = 0;
    while drained < 64 * 1024 {
        match tokio::time::timeout(idle_timeout, stream.read(&mut buf)).await {
            Ok(Ok(n)) if n > 0 => drained += n,
            _ => return,
        }
    }
}
