//! The chapter's runs: `evolution` (the reader/writer tables), `sizes` and
//! `boundary` (requests through the HTTP endpoint, in process).

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use serde_evolution::boundary::router;
use serde_evolution::evolution::{Format, READERS, WRITERS, cell, written};
use tower::ServiceExt;

fn evolution() {
    // ANCHOR: evolution_run
    for format in [Format::Json, Format::Postcard] {
        println!("{format:?}: rows are the writer, columns the reader");
        for writer in WRITERS {
            for reader in READERS {
                println!(
                    "  {writer} -> {reader:<13} {}",
                    cell(format, writer, reader)
                );
            }
        }
    }
    // ANCHOR_END: evolution_run
}

fn sizes() {
    for format in [Format::Json, Format::Postcard] {
        println!(
            "{format:?}: the v2 order is {} bytes",
            written(format, "v2").len()
        );
    }
    println!(
        "JSON: {}",
        String::from_utf8_lossy(&written(Format::Json, "v2"))
    );
}

async fn boundary() {
    // ANCHOR: boundary_run
    let json = Some("application/json");
    let requests = [
        (
            json,
            r#"{"email":"ana@example.com","sku":"SKU-12","quantity":2}"#,
        ),
        (json, r#"{"email":"ana@example.com","sku":"SKU-12""#),
        (
            None,
            r#"{"email":"ana@example.com","sku":"SKU-12","quantity":2}"#,
        ),
        (
            json,
            r#"{"email":"ana@example.com","sku":"SKU-12","quantity":"two"}"#,
        ),
        (
            json,
            r#"{"email":"ana@example.com","sku":"SKU-12","quantity":0}"#,
        ),
        (
            json,
            r#"{"email":"ana.example.com","sku":"SKU-12","quantity":2}"#,
        ),
        (
            json,
            r#"{"email":"ana@example.com","sku":"SKU-12","quantitiy":2}"#,
        ),
    ];
    for (content_type, body) in requests {
        let mut request = Request::post("/orders");
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        let request = request.body(Body::from(body)).expect("a valid request");
        let response = router()
            .oneshot(request)
            .await
            .expect("the router never fails");
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("a body")
            .to_bytes();
        println!("{} {}", status.as_u16(), String::from_utf8_lossy(&bytes));
    }
    // ANCHOR_END: boundary_run
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("evolution") => evolution(),
        Some("sizes") => sizes(),
        Some("boundary") => boundary().await,
        _ => {
            eprintln!("usage: serde-evolution evolution|sizes|boundary");
            std::process::exit(2);
        }
    }
}
