//! A key-value server over TCP, framed two ways, with JSON messages; and
//! HTTP/1.1 written by hand.
//!
//! Layout:
//! - [`protocol`]: the JSON requests and responses (serde), and the store
//!   that answers them.
//! - [`naive`]: a server that takes each `read()` as one message, which is
//!   the bug this chapter is about. It reports every read it makes.
//! - [`server`]: the framed server: newline-delimited lines or a 4-byte
//!   length prefix, through `tokio_util::codec`, with a size limit on every
//!   frame and an idle timeout, answering bad input with an error message.
//! - [`client`]: a framed client, used by the demo and the tests.
//! - [`http`]: a tiny HTTP/1.1 server that parses requests by hand.
//!
//! Every server listens on `127.0.0.1:0`, so the OS picks a free port, and
//! nothing printed depends on that port.

pub mod client;
pub mod http;
pub mod naive;
pub mod protocol;
pub mod server;
