//! Runs the hand-written HTTP server on 127.0.0.1:0 and pins its answers to
//! good, split, unknown and malformed requests.

use std::net::SocketAddr;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use tcp_framing::http::{exchange, serve};

async fn start() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(listener));
    addr
}

async fn send(request: &str) -> String {
    let response = exchange(start().await, request.as_bytes()).await.unwrap();
    String::from_utf8(response).unwrap()
}

fn status_line(response: &str) -> &str {
    response.split("\r\n").next().unwrap()
}

// Pins a whole response, byte for byte: status line, headers, empty line, body.
#[tokio::test]
async fn get_health_answers_ok_with_exact_bytes() {
    let response = send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n").await;
    assert_eq!(
        response,
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n"
    );
}

// Pins Content-Length framing: the body arrives in pieces and is read whole.
#[tokio::test]
async fn a_body_split_across_writes_is_read_whole() {
    let mut stream = TcpStream::connect(start().await).await.unwrap();
    stream.set_nodelay(true).unwrap();
    let pieces = [
        "POST /echo HTTP/1.1\r\nConte",
        "nt-Length: 5\r\n\r\nhe",
        "llo",
    ];
    for piece in pieces {
        stream.write_all(piece.as_bytes()).await.unwrap();
        tokio::task::yield_now().await;
    }
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.1 200 OK\r\n"));
    assert!(response.ends_with("\r\n\r\nhello"), "{response:?}");
}

// Pins that header names are case-insensitive and extra body bytes ignored.
#[tokio::test]
async fn header_names_are_case_insensitive() {
    let response = send("POST /echo HTTP/1.1\r\ncontent-LENGTH: 2\r\n\r\nhi").await;
    assert!(response.ends_with("\r\n\r\nhi"), "{response:?}");
}

// Pins routing: unknown paths and methods get 404.
#[tokio::test]
async fn unknown_routes_get_404() {
    for request in [
        "GET /nope HTTP/1.1\r\n\r\n",
        "DELETE /health HTTP/1.1\r\n\r\n",
    ] {
        assert_eq!(status_line(&send(request).await), "HTTP/1.1 404 Not Found");
    }
}

// Pins bad input: malformed request lines, headers and lengths get 400.
#[tokio::test]
async fn malformed_requests_get_400() {
    for request in [
        "HELLO\r\n\r\n",
        "GET /health\r\n\r\n",
        "GET health HTTP/1.1\r\n\r\n",
        "GET /health SPDY/3\r\n\r\n",
        "GET /health HTTP/1.1\r\nno colon here\r\n\r\n",
        "POST /echo HTTP/1.1\r\nContent-Length: ten\r\n\r\n",
        "POST /echo HTTP/1.1\r\nContent-Length: 5\r\n\r\nhi",
        "GET /health HTTP/1.1\r\nHost: localhost\r\n",
    ] {
        let response = send(request).await;
        assert_eq!(
            status_line(&response),
            "HTTP/1.1 400 Bad Request",
            "{request:?}"
        );
    }
}

// Pins the request timeout: a client that sends half a head and goes quiet
// gets 408 after 10 s (virtual time), instead of holding the server.
#[tokio::test(start_paused = true)]
async fn a_client_that_stops_halfway_gets_408() {
    let mut stream = TcpStream::connect(start().await).await.unwrap();
    stream
        .write_all(b"GET /health HTTP/1.1\r\nHost: loc")
        .await
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    assert_eq!(status_line(&response), "HTTP/1.1 408 Request Timeout");
}

// Pins the body limit: a Content-Length over 1 KiB gets 413 at once.
#[tokio::test]
async fn an_announced_body_over_the_limit_gets_413() {
    let response = send("POST /echo HTTP/1.1\r\nContent-Length: 1025\r\n\r\n").await;
    assert_eq!(status_line(&response), "HTTP/1.1 413 Content Too Large");
}

// Pins the head limit: 9 KiB of headers without an end gets 431.
#[tokio::test]
async fn a_head_over_the_limit_gets_431() {
    let request = format!(
        "GET /health HTTP/1.1\r\nX-Padding: {}",
        "a".repeat(9 * 1024)
    );
    let response = send(&request).await;
    assert_eq!(
        status_line(&response),
        "HTTP/1.1 431 Request Header Fields Too Large"
    );
}

// Pins RFC 9112, 6.3: a request with neither Content-Length nor
// Transfer-Encoding has an empty body. The client keeps its connection open
// and sends more bytes; the server answers at once with an empty echo, and
// does not wait for the client to close (that would end in 408 after 10 s).
#[tokio::test]
async fn a_request_without_a_length_has_an_empty_body() {
    let mut stream = TcpStream::connect(start().await).await.unwrap();
    stream
        .write_all(b"POST /echo HTTP/1.1\r\nHost: localhost\r\n\r\nhello")
        .await
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    assert_eq!(
        response,
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
}

// Pins that a body this server cannot frame is refused: with
// Transfer-Encoding (alone or beside Content-Length) it answers 501, so the
// chunks are never mistaken for the next request.
#[tokio::test]
async fn a_chunked_request_gets_501() {
    for request in [
        "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        "POST /echo HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    ] {
        let response = send(request).await;
        assert_eq!(
            status_line(&response),
            "HTTP/1.1 501 Not Implemented",
            "{request:?}"
        );
    }
}
