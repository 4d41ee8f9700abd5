//! Writes HTTP/1.1 requests by hand over a TcpStream to the tiny server in
//! `tcp_framing::http`, and prints both sides byte for byte, with `\r` and
//! `\n` written out. Runs in one process on 127.0.0.1:0; the request says
//! `Host: localhost`, so no port number is printed.

use tokio::net::TcpListener;

use tcp_framing::http::{exchange, serve, visible_lines};

// ANCHOR: requests
const GET_HEALTH: &str = "GET /health HTTP/1.1\r\n\
                          Host: localhost\r\n\
                          Connection: close\r\n\
                          \r\n";

const POST_ECHO: &str = "POST /echo HTTP/1.1\r\n\
                         Host: localhost\r\n\
                         Content-Type: application/json\r\n\
                         Content-Length: 22\r\n\
                         \r\n\
                         {\"op\":\"get\",\"key\":\"a\"}";
// ANCHOR_END: requests

const NOT_HTTP: &str = "HELLO\r\n\r\n";
const TOO_BIG: &str = "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000000\r\n\r\n";

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(serve(listener));

    for (title, request) in [("A GET", GET_HEALTH), ("A POST with a body", POST_ECHO)] {
        println!("{title}:");
        for line in visible_lines(request.as_bytes()) {
            println!("  > {line}");
        }
        let response = exchange(addr, request.as_bytes()).await?;
        for line in visible_lines(&response) {
            println!("  < {line}");
        }
        println!();
    }
    for (title, request) in [
        ("Not HTTP at all", NOT_HTTP),
        ("A body of 1000000 bytes announced", TOO_BIG),
    ] {
        let response = exchange(addr, request.as_bytes()).await?;
        let status_line = visible_lines(&response)
            .into_iter()
            .next()
            .unwrap_or_default();
        println!("{title}: < {status_line}");
    }
    Ok(())
}
