//! HTTP/1.1 by hand: a server that reads the request head up to the empty
//! line, takes the body length from `Content-Length`, and answers one
//! request per connection. Real servers (hyper, under axum) do the same
//! parsing with many more rules; RFC 9112 is the full text.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The most bytes of request line and headers accepted.
pub const MAX_HEAD_BYTES: usize = 8 * 1024;
/// The largest body accepted.
pub const MAX_BODY_BYTES: usize = 1024;
/// How long a client may take to send its whole request.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// A parsed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// A status line's code and reason phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status(pub u16, pub &'static str);

pub const OK: Status = Status(200, "OK");
pub const BAD_REQUEST: Status = Status(400, "Bad Request");
pub const NOT_FOUND: Status = Status(404, "Not Found");
pub const REQUEST_TIMEOUT_STATUS: Status = Status(408, "Request Timeout");
pub const CONTENT_TOO_LARGE: Status = Status(413, "Content Too Large");
pub const HEADERS_TOO_LARGE: Status = Status(431, "Request Header Fields Too Large");
pub const NOT_IMPLEMENTED: Status = Status(501, "Not Implemented");

/// Accepts connections forever, one task each.
pub async fn serve(listener: TcpListener) {
    loop {
        if let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(handle_connection(stream));
        }
    }
}

async fn handle_connection(mut stream: TcpStream) {
    // A client that stops halfway must not hold the connection forever.
    let read = tokio::time::timeout(REQUEST_TIMEOUT, read_request(&mut stream)).await;
    let (status, content_type, body) = match read.unwrap_or(Err(REQUEST_TIMEOUT_STATUS)) {
        Ok(request) => route(&request),
        Err(status) => (status, "text/plain", format!("{}\n", status.1).into_bytes()),
    };
    let _ = stream
        .write_all(&response_bytes(status, content_type, &body))
        .await;
    // FIN first, then wait for the client to close: see `server::close_gently`.
    let _ = stream.shutdown().await;
    let mut sink = [0u8; 1024];
    while let Ok(Ok(n)) = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut sink)).await
    {
        if n == 0 {
            break;
        }
    }
}

fn route(request: &HttpRequest) -> (Status, &'static str, Vec<u8>) {
    match (request.method.as_str(), request.target.as_str()) {
        ("GET", "/health") => (OK, "text/plain", b"ok\n".to_vec()),
        ("POST", "/echo") => (OK, "application/json", request.body.clone()),
        _ => (NOT_FOUND, "text/plain", b"not found\n".to_vec()),
    }
}

// ANCHOR: response
/// A response on the wire: status line, headers, empty line, body.
pub fn response_bytes(status: Status, content_type: &str, body: &[u8]) -> Vec<u8> {
    let Status(code, reason) = status;
    let mut bytes = format!(
        "HTTP/1.1 {code} {reason}\r\n\
         Content-Type: {content_type}\r\n\
         Content-Length: {}\r\n\
         Connection: close\r\n\
         \r\n",
        body.len()
    )
    .into_bytes();
    bytes.extend_from_slice(body);
    bytes
}
// ANCHOR_END: response

// ANCHOR: read_request
/// Reads one request: the head ends at the first empty line (`\r\n\r\n`),
/// and the body is exactly `Content-Length` bytes after it, or empty.
pub async fn read_request(stream: &mut TcpStream) -> Result<HttpRequest, Status> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 1024];
    let head_len = loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        if buf.len() > MAX_HEAD_BYTES {
            return Err(HEADERS_TOO_LARGE);
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return Err(BAD_REQUEST),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    if head_len > MAX_HEAD_BYTES {
        return Err(HEADERS_TOO_LARGE);
    }
    let mut request = parse_head(&buf[..head_len])?;
    // This server does not decode chunked bodies. Ignoring the header would
    // take the chunks for the next request, so refuse (RFC 9112, 6.1).
    if request.header("transfer-encoding").is_some() {
        return Err(NOT_IMPLEMENTED);
    }
    let body_len = match request.header("content-length") {
        // A request says how long its body is, or has none (RFC 9112, 6.3):
        // it is never read until the client closes.
        None => 0,
        Some(value) => value.parse::<usize>().map_err(|_| BAD_REQUEST)?,
    };
    if body_len > MAX_BODY_BYTES {
        return Err(CONTENT_TOO_LARGE);
    }
    let mut body = buf.split_off(head_len + 4);
    while body.len() < body_len {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return Err(BAD_REQUEST),
            Ok(n) => body.extend_from_slice(&chunk[..n]),
        }
    }
    body.truncate(body_len);
    request.body = body;
    Ok(request)
}
// ANCHOR_END: read_request

/// Parses `METHOD SP TARGET SP HTTP/1.x` and then `Name: value` lines.
fn parse_head(head: &[u8]) -> Result<HttpRequest, Status> {
    let head = std::str::from_utf8(head).map_err(|_| BAD_REQUEST)?;
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let parts: Vec<&str> = request_line.split(' ').collect();
    let [method, target, version] = parts[..] else {
        return Err(BAD_REQUEST);
    };
    if method.is_empty() || !target.starts_with('/') || !version.starts_with("HTTP/1.") {
        return Err(BAD_REQUEST);
    }
    let mut headers = Vec::new();
    for line in lines {
        let (name, value) = line.split_once(':').ok_or(BAD_REQUEST)?;
        if name.is_empty() || name.contains(' ') {
            return Err(BAD_REQUEST);
        }
        headers.push((name.to_string(), value.trim().to_string()));
    }
    Ok(HttpRequest {
        method: method.to_string(),
        target: target.to_string(),
        headers,
        body: Vec::new(),
    })
}

impl HttpRequest {
    /// The first header with this name; names are case-insensitive.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Sends `raw` bytes as a request, closes the writing half (so a server
/// waiting for more sees end of stream), and returns everything the server
/// sent back before it closed the connection.
pub async fn exchange(addr: std::net::SocketAddr, raw: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut stream = TcpStream::connect(addr).await?;
    stream.write_all(raw).await?;
    stream.shutdown().await?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await?;
    Ok(response)
}

/// Shows bytes one line per `\n`, with `\r` and `\n` written out, so the
/// line endings of the protocol are visible.
pub fn visible_lines(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    text.split_inclusive('\n')
        .map(|line| line.replace('\r', "\\r").replace('\n', "\\n"))
        .collect()
}
