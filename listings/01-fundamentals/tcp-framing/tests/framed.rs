//! Runs real servers on 127.0.0.1:0 and pins how they frame, answer and
//! refuse input, for both framings, plus the naive server's bug.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

use tcp_framing::client::Client;
use tcp_framing::naive;
use tcp_framing::protocol::{Request, Response};
use tcp_framing::server::{Config, Framing, serve};

async fn start(config: Config) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, config));
    addr
}

async fn connect(framing: Framing) -> Client {
    let addr = start(Config::new(framing)).await;
    Client::connect(addr, framing).await.unwrap()
}

fn get(key: &str) -> Request {
    Request::Get { key: key.into() }
}

fn put(key: &str, value: &str) -> Request {
    Request::Put {
        key: key.into(),
        value: value.into(),
    }
}

fn ok(value: Option<&str>) -> Response {
    Response::Ok {
        value: value.map(String::from),
    }
}

fn is_error_containing(reply: &Option<String>, needle: &str) -> bool {
    reply
        .as_deref()
        .is_some_and(|r| r.starts_with(r#"{"status":"error""#) && r.contains(needle))
}

// Pins the happy path in both framings: a put is visible to a later get.
#[tokio::test]
async fn put_then_get_round_trips_in_both_framings() {
    for framing in [Framing::Lines, Framing::LengthPrefixed] {
        let mut client = connect(framing).await;
        assert_eq!(client.call(&get("a")).await.unwrap(), ok(None));
        assert_eq!(client.call(&put("a", "1")).await.unwrap(), ok(None));
        assert_eq!(client.call(&get("a")).await.unwrap(), ok(Some("1")));
    }
}

// Pins the point of framing: a frame written one byte at a time is still
// one message, in both framings (the prefix's header split too).
#[tokio::test]
async fn a_frame_written_byte_by_byte_is_one_message() {
    for framing in [Framing::Lines, Framing::LengthPrefixed] {
        let mut client = connect(framing).await;
        let frame = client.frame(r#"{"op":"put","key":"k","value":"v"}"#);
        for byte in frame {
            client.send_raw(&[byte]).await.unwrap();
            tokio::task::yield_now().await;
        }
        assert_eq!(
            client.reply().await.unwrap(),
            r#"{"status":"ok","value":null}"#
        );
        assert_eq!(client.call(&get("k")).await.unwrap(), ok(Some("v")));
    }
}

// Pins the other half: two frames in one write are two messages.
#[tokio::test]
async fn two_frames_in_one_write_are_two_messages() {
    for framing in [Framing::Lines, Framing::LengthPrefixed] {
        let mut client = connect(framing).await;
        let mut both = client.frame(r#"{"op":"put","key":"a","value":"1"}"#);
        both.extend(client.frame(r#"{"op":"get","key":"a"}"#));
        client.send_raw(&both).await.unwrap();
        assert_eq!(
            client.reply().await.unwrap(),
            r#"{"status":"ok","value":null}"#
        );
        assert_eq!(
            client.reply().await.unwrap(),
            r#"{"status":"ok","value":"1"}"#
        );
    }
}

// Pins bad JSON inside a good frame: an error reply, and the connection
// keeps working, in both framings.
#[tokio::test]
async fn bad_json_gets_an_error_and_the_connection_stays_open() {
    for framing in [Framing::Lines, Framing::LengthPrefixed] {
        let mut client = connect(framing).await;
        for bad in [
            "not json",
            r#"{"op":"delete","key":"a"}"#,
            r#"{"op":"get"}"#,
            "",
        ] {
            let frame = client.frame(bad);
            client.send_raw(&frame).await.unwrap();
            let reply = client.reply().await;
            assert!(
                is_error_containing(&reply, "bad json"),
                "{bad:?}: {reply:?}"
            );
        }
        assert_eq!(client.call(&get("a")).await.unwrap(), ok(None));
    }
}

// Pins why newline framing needs compact JSON: pretty-printed JSON has a
// newline after every field, so the lines server sees four frames, none of
// them a whole request. The length-prefix server takes the same text as one
// frame, newlines and all.
#[tokio::test]
async fn pretty_printed_json_is_split_at_every_newline() {
    let pretty = serde_json::to_string_pretty(&get("a")).unwrap();
    assert_eq!(pretty.lines().count(), 4, "{pretty}");

    let mut lines = connect(Framing::Lines).await;
    let frame = lines.frame(&pretty);
    lines.send_raw(&frame).await.unwrap();
    for _ in 0..4 {
        let reply = lines.reply().await;
        assert!(is_error_containing(&reply, "bad json"), "{reply:?}");
    }
    // Compact JSON on the same connection is one line, and one request.
    assert_eq!(lines.call(&get("a")).await.unwrap(), ok(None));

    let mut prefixed = connect(Framing::LengthPrefixed).await;
    let frame = prefixed.frame(&pretty);
    prefixed.send_raw(&frame).await.unwrap();
    assert_eq!(
        prefixed.reply().await.unwrap(),
        r#"{"status":"ok","value":null}"#
    );
}

// Pins the lines limit: a line over 1024 bytes gets an error, then a close.
#[tokio::test]
async fn an_over_long_line_gets_an_error_then_the_server_closes() {
    let mut client = connect(Framing::Lines).await;
    let mut line = vec![b'x'; 5000];
    line.push(b'\n');
    client.send_raw(&line).await.unwrap();
    assert!(is_error_containing(
        &client.reply().await,
        "longer than 1024"
    ));
    assert_eq!(client.reply().await, None);
}

// Pins that the limit is inclusive: a 1024-byte line is a frame (bad JSON
// here), not a framing error, and the connection stays open.
#[tokio::test]
async fn a_line_of_exactly_the_limit_is_accepted_as_a_frame() {
    let mut client = connect(Framing::Lines).await;
    let mut line = vec![b'x'; 1024];
    line.push(b'\n');
    client.send_raw(&line).await.unwrap();
    assert!(is_error_containing(&client.reply().await, "bad json"));
    assert_eq!(client.call(&get("a")).await.unwrap(), ok(None));
}

// Pins the prefix limit: the error comes from the header alone, without
// waiting for the announced megabyte, and the server closes.
#[tokio::test]
async fn a_length_prefix_over_the_limit_gets_an_error_without_the_body() {
    let mut client = connect(Framing::LengthPrefixed).await;
    client.send_raw(&1_000_000u32.to_be_bytes()).await.unwrap();
    let reply = tokio::time::timeout(Duration::from_secs(10), client.reply())
        .await
        .expect("the server must not wait for the body");
    assert!(is_error_containing(&reply, "longer than 1024"));
    assert_eq!(client.reply().await, None);
}

// Pins the largest prefix: u32::MAX bytes announced is refused, not
// allocated.
#[tokio::test]
async fn a_four_gigabyte_prefix_is_refused() {
    let mut client = connect(Framing::LengthPrefixed).await;
    client.send_raw(&u32::MAX.to_be_bytes()).await.unwrap();
    assert!(is_error_containing(
        &client.reply().await,
        "longer than 1024"
    ));
}

// Pins invalid UTF-8 on the lines server: an error reply, never a panic.
#[tokio::test]
async fn invalid_utf8_in_a_line_gets_an_error() {
    let mut client = connect(Framing::Lines).await;
    client.send_raw(b"\xff\xfe\n").await.unwrap();
    assert!(is_error_containing(&client.reply().await, "closing"));
    assert_eq!(client.reply().await, None);
}

// Pins the idle timeout: half a frame and then silence is answered with an
// error after 30 s (virtual time), instead of holding the connection forever.
#[tokio::test(start_paused = true)]
async fn half_a_frame_then_silence_times_out() {
    let mut client = connect(Framing::LengthPrefixed).await;
    client.send_raw(&[0, 0, 0, 50, b'{']).await.unwrap();
    assert!(is_error_containing(&client.reply().await, "idle too long"));
    assert_eq!(client.reply().await, None);
}

// Pins that one client's broken connection does not hurt the server: after
// a client vanishes mid-frame, a new client is served, and sees the store.
#[tokio::test]
async fn the_server_outlives_a_client_that_vanishes_mid_frame() {
    let addr = start(Config::new(Framing::Lines)).await;
    let mut first = Client::connect(addr, Framing::Lines).await.unwrap();
    assert_eq!(first.call(&put("a", "1")).await.unwrap(), ok(None));
    first.send_raw(br#"{"op":"ge"#).await.unwrap();
    first.finish_writing().await.unwrap();
    drop(first);
    let mut second = Client::connect(addr, Framing::Lines).await.unwrap();
    assert_eq!(second.call(&get("a")).await.unwrap(), ok(Some("1")));
}

// Pins the bug the chapter starts from: the naive server fails a message
// that arrives in two reads.
#[tokio::test]
async fn the_naive_server_fails_a_message_split_across_reads() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (reports_tx, mut reports) = mpsc::unbounded_channel();
    tokio::spawn(naive::serve_one(listener, reports_tx));
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.set_nodelay(true).unwrap();
    stream.write_all(br#"{"op":"get","#).await.unwrap();
    let first = reports.recv().await.unwrap();
    assert!(first.outcome.contains("bad json"), "{first:?}");
    stream.write_all(br#""key":"a"}"#).await.unwrap();
    let second = reports.recv().await.unwrap();
    assert!(second.outcome.contains("bad json"), "{second:?}");
}

// Pins why the naive server passes a laptop test: when every message goes
// out in a write of its own and is read before the next one is sent, each
// read holds exactly one message and all of them are understood.
#[tokio::test]
async fn the_naive_server_passes_when_each_write_is_one_message() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (reports_tx, mut reports) = mpsc::unbounded_channel();
    tokio::spawn(naive::serve_one(listener, reports_tx));
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.set_nodelay(true).unwrap();
    for message in [
        r#"{"op":"get","key":"user:42"}"#,
        r#"{"op":"put","key":"a","value":"1"}"#,
        r#"{"op":"get","key":"a"}"#,
    ] {
        stream.write_all(message.as_bytes()).await.unwrap();
        let report = reports.recv().await.unwrap();
        assert_eq!(report.bytes, message);
        assert!(
            report.outcome.starts_with(r#"{"status":"ok""#),
            "{report:?}"
        );
    }
}
