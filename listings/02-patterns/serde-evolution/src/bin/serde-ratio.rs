//! Encodes and decodes the same orders in JSON and in postcard and prints
//! the time of each as a ratio. Timing-dependent, so not recorded; run it
//! with `cargo run --release -p serde-evolution --bin serde-ratio`.

use serde_evolution::versions::v2::Order;
use std::hint::black_box;
use std::time::{Duration, Instant};

const ORDERS: u64 = 20_000;
const ROUNDS: usize = 15;

fn orders() -> Vec<Order> {
    (0..ORDERS)
        .map(|id| Order {
            id,
            email: format!("customer{id}@example.com"),
            total_cents: id * 37 % 100_000,
            currency: "EUR".to_string(),
        })
        .collect()
}

/// The fastest of `ROUNDS` runs of `work`.
fn fastest(mut work: impl FnMut()) -> Duration {
    (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .min()
        .expect("ROUNDS > 0")
}

fn main() {
    if cfg!(debug_assertions) {
        println!("note: built without --release; run it with --release for meaningful ratios.");
    }
    let orders = orders();
    let json: Vec<Vec<u8>> = orders
        .iter()
        .map(|o| serde_json::to_vec(o).expect("encodes"))
        .collect();
    let post: Vec<Vec<u8>> = orders
        .iter()
        .map(|o| postcard::to_stdvec(o).expect("encodes"))
        .collect();

    let json_encode = fastest(|| {
        for order in &orders {
            black_box(serde_json::to_vec(black_box(order)).expect("encodes"));
        }
    });
    let post_encode = fastest(|| {
        for order in &orders {
            black_box(postcard::to_stdvec(black_box(order)).expect("encodes"));
        }
    });
    let json_decode = fastest(|| {
        for bytes in &json {
            black_box(serde_json::from_slice::<Order>(black_box(bytes)).expect("decodes"));
        }
    });
    let post_decode = fastest(|| {
        for bytes in &post {
            black_box(postcard::from_bytes::<Order>(black_box(bytes)).expect("decodes"));
        }
    });

    let bytes = |all: &[Vec<u8>]| all.iter().map(Vec::len).sum::<usize>();
    println!("{ORDERS} orders, fastest of {ROUNDS} runs");
    println!(
        "{:<10} {:>10} {:>12} {:>12}",
        "format", "bytes", "encode", "decode"
    );
    println!(
        "{:<10} {:>10} {:>12?} {:>12?}",
        "JSON",
        bytes(&json),
        json_encode,
        json_decode
    );
    println!(
        "{:<10} {:>10} {:>12?} {:>12?}",
        "postcard",
        bytes(&post),
        post_encode,
        post_decode
    );
    println!(
        "JSON / postcard: {:.1}x the bytes, {:.1}x the encode time, {:.1}x the decode time",
        bytes(&json) as f64 / bytes(&post) as f64,
        json_encode.as_secs_f64() / post_encode.as_secs_f64(),
        json_decode.as_secs_f64() / post_decode.as_secs_f64()
    );
}
