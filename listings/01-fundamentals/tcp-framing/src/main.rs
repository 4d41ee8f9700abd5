//! Sends the same three JSON messages to a naive server and to the two
//! framed servers, then sends each framed server input that breaks it.
//! Client and servers run in this one process on 127.0.0.1:0, on one
//! thread. Only facts that hold on every run are printed: no ports, no
//! times. The naive server's reads are made deterministic by waiting for
//! its report of each read before writing more.

use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

use tcp_framing::client::Client;
use tcp_framing::naive;
use tcp_framing::server::{self, Config, Framing};

const GET_USER: &str = r#"{"op":"get","key":"user:42"}"#;
const PUT_A: &str = r#"{"op":"put","key":"a","value":"1"}"#;
const GET_A: &str = r#"{"op":"get","key":"a"}"#;
// ANCHOR: cuts
/// Where message 1 is cut in two, as a network might cut it. At 28 (its
/// whole length) or more, message 1 goes out in one write.
const CUT_AT: usize = 16;
/// Messages 2 and 3 in one write, as a sender that merges small writes
/// (Nagle's algorithm) might send them; `false` writes each on its own.
const SEND_2_AND_3_TOGETHER: bool = true;
// ANCHOR_END: cuts

/// The client's writes: each is a label and the bytes of that write, from
/// the three messages as `frame` puts them on the wire.
fn writes(frame: impl Fn(&str) -> Vec<u8>) -> Vec<(String, Vec<u8>)> {
    let first = frame(GET_USER);
    let (head, tail) = first.split_at(CUT_AT.min(first.len()));
    let mut writes = Vec::new();
    if head.is_empty() || tail.is_empty() {
        writes.push(("message 1".to_string(), first.clone()));
    } else {
        writes.push(("message 1, first part".to_string(), head.to_vec()));
        writes.push(("message 1, the rest".to_string(), tail.to_vec()));
    }
    if SEND_2_AND_3_TOGETHER {
        writes.push((
            "messages 2 and 3".to_string(),
            [frame(PUT_A), frame(GET_A)].concat(),
        ));
    } else {
        writes.push(("message 2".to_string(), frame(PUT_A)));
        writes.push(("message 3".to_string(), frame(GET_A)));
    }
    writes
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    naive_server().await?;
    for framing in [Framing::Lines, Framing::LengthPrefixed] {
        framed_server(framing).await?;
    }
    malformed_lines().await?;
    malformed_length_prefix().await?;
    Ok(())
}

fn is_ok(reply: &str) -> bool {
    reply.starts_with(r#"{"status":"ok""#)
}

async fn naive_server() -> std::io::Result<()> {
    println!("Naive server: each read() is taken to be one message.");
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let (reports_tx, mut reports) = mpsc::unbounded_channel();
    tokio::spawn(naive::serve_one(listener, reports_tx));
    let mut stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;

    // The naive client sends bare JSON: there is no framing to add.
    let mut understood = 0;
    for (i, (label, bytes)) in writes(|json| json.as_bytes().to_vec())
        .into_iter()
        .enumerate()
    {
        stream.write_all(&bytes).await?;
        let report = reports.recv().await.expect("the server reports every read");
        println!("  write {} ({label})", i + 1);
        println!("    read {} bytes: {}", report.bytes.len(), report.bytes);
        println!("    reply: {}", report.outcome);
        understood += usize::from(is_ok(&report.outcome));
    }
    println!("  messages understood: {understood} of 3");
    println!();
    Ok(())
}

async fn start(framing: Framing) -> std::io::Result<std::net::SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(server::serve(listener, Config::new(framing)));
    Ok(addr)
}

fn describe(framing: Framing) -> &'static str {
    match framing {
        Framing::Lines => "Lines: each message ends with \\n.",
        Framing::LengthPrefixed => "Length prefix: a 4-byte big-endian length, then the message.",
    }
}

async fn framed_server(framing: Framing) -> std::io::Result<()> {
    println!("{}", describe(framing));
    let mut client = Client::connect(start(framing).await?, framing).await?;
    let first = client.frame(GET_USER);
    if framing == Framing::LengthPrefixed {
        let header: Vec<String> = first[..4].iter().map(|b| format!("{b:02x}")).collect();
        println!("  message 1 on the wire: [{}]{GET_USER}", header.join(" "));
    }
    // The same cuts as for the naive server, on the framed bytes.
    for (_, bytes) in writes(|json| client.frame(json)) {
        client.send_raw(&bytes).await?;
    }
    let mut understood = 0;
    for message in [GET_USER, PUT_A, GET_A] {
        let reply = client.reply().await.unwrap_or_default();
        println!("  {message}");
        println!("    reply: {reply}");
        understood += usize::from(is_ok(&reply));
    }
    println!("  messages understood: {understood} of 3");
    println!();
    Ok(())
}

/// Prints the reply to `bytes`, then whether the connection is still open.
async fn send_and_show(client: &mut Client, label: &str, bytes: &[u8]) -> std::io::Result<()> {
    client.send_raw(bytes).await?;
    let reply = client.reply().await.unwrap_or_else(|| "(none)".into());
    println!("  {label}");
    println!("    reply: {reply}");
    Ok(())
}

async fn still_open(client: &mut Client) -> std::io::Result<()> {
    let probe = client.frame(GET_A);
    // A write to a connection the server closed may still succeed locally;
    // the reply (or its absence) is what tells.
    let _ = client.send_raw(&probe).await;
    let open = client.reply().await.is_some();
    println!(
        "    connection: {}",
        if open {
            "still open"
        } else {
            "closed by the server"
        }
    );
    Ok(())
}

async fn malformed_lines() -> std::io::Result<()> {
    println!("Bad input to the lines server (limit 1024 bytes a frame):");
    let addr = start(Framing::Lines).await?;
    let mut client = Client::connect(addr, Framing::Lines).await?;
    send_and_show(&mut client, "this is not json", b"this is not json\n").await?;
    still_open(&mut client).await?;
    let unknown_op = br#"{"op":"delete","key":"a"}"#;
    send_and_show(
        &mut client,
        "an unknown op",
        &[&unknown_op[..], b"\n"].concat(),
    )
    .await?;
    still_open(&mut client).await?;
    let mut long_line = vec![b'x'; 2000];
    long_line.push(b'\n');
    send_and_show(&mut client, "a line of 2000 bytes", &long_line).await?;
    still_open(&mut client).await?;
    println!();
    Ok(())
}

async fn malformed_length_prefix() -> std::io::Result<()> {
    println!("Bad input to the length-prefix server (limit 1024 bytes a frame):");
    let addr = start(Framing::LengthPrefixed).await?;
    let mut client = Client::connect(addr, Framing::LengthPrefixed).await?;
    let bad_json = client.frame("{\"op\":");
    send_and_show(&mut client, "a frame of truncated JSON", &bad_json).await?;
    still_open(&mut client).await?;
    let header = 1_000_000u32.to_be_bytes();
    send_and_show(&mut client, "a header announcing 1000000 bytes", &header).await?;
    still_open(&mut client).await?;
    Ok(())
}
