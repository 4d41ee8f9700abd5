//! A client that speaks either framing, and can also send raw bytes that
//! break the framing, to test the server.

use std::io;

use futures::StreamExt;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio_util::codec::{FramedRead, LengthDelimitedCodec, LinesCodec};

use crate::protocol::{Request, Response};
use crate::server::Framing;

/// Replies are read with the same framing the server writes them in.
enum Replies {
    Lines(FramedRead<OwnedReadHalf, LinesCodec>),
    Prefixed(FramedRead<OwnedReadHalf, LengthDelimitedCodec>),
}

/// One connection to the framed server.
pub struct Client {
    framing: Framing,
    replies: Replies,
    writer: OwnedWriteHalf,
}

impl Client {
    pub async fn connect(addr: std::net::SocketAddr, framing: Framing) -> io::Result<Client> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        let (reader, writer) = stream.into_split();
        let replies = match framing {
            Framing::Lines => Replies::Lines(FramedRead::new(reader, LinesCodec::new())),
            Framing::LengthPrefixed => Replies::Prefixed(FramedRead::new(
                reader,
                LengthDelimitedCodec::builder()
                    .length_field_type::<u32>()
                    .new_codec(),
            )),
        };
        Ok(Client {
            framing,
            replies,
            writer,
        })
    }

    /// Frames `json` the right way for this connection's framing.
    pub fn frame(&self, json: &str) -> Vec<u8> {
        match self.framing {
            Framing::Lines => format!("{json}\n").into_bytes(),
            Framing::LengthPrefixed => {
                let mut bytes = (json.len() as u32).to_be_bytes().to_vec();
                bytes.extend_from_slice(json.as_bytes());
                bytes
            }
        }
    }

    /// Writes raw bytes, framed or not.
    pub async fn send_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.writer.write_all(bytes).await
    }

    /// Closes the writing half: the server sees end of stream.
    pub async fn finish_writing(&mut self) -> io::Result<()> {
        self.writer.shutdown().await
    }

    /// The next reply as raw JSON text; `None` once the server closed.
    pub async fn reply(&mut self) -> Option<String> {
        match &mut self.replies {
            Replies::Lines(frames) => frames.next().await?.ok(),
            Replies::Prefixed(frames) => {
                let frame = frames.next().await?.ok()?;
                Some(String::from_utf8_lossy(&frame).into_owned())
            }
        }
    }

    /// Sends one request as one frame and waits for its response.
    pub async fn call(&mut self, request: &Request) -> io::Result<Response> {
        let json = serde_json::to_string(request).map_err(io::Error::other)?;
        let bytes = self.frame(&json);
        self.send_raw(&bytes).await?;
        let reply = self
            .reply()
            .await
            .ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "server closed"))?;
        serde_json::from_str(&reply).map_err(io::Error::other)
    }
}
