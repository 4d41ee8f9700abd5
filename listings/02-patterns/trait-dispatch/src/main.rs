//! The deterministic run of the chapter: what a trait object costs in memory,
//! and a validator whose rules are chosen at run time. The timings are in
//! `bin/dispatch-ratio.rs`; that every dispatch counts the same bytes is a
//! test, `every_dispatch_counts_the_same_bytes`.

use std::mem::size_of;
use trait_dispatch::{Base64Url, Digits, HeaderValue, Rule, Validator};

fn main() {
    // ANCHOR: sizes
    println!("size in bytes");
    println!("HeaderValue            {}", size_of::<HeaderValue>());
    println!("&HeaderValue           {}", size_of::<&HeaderValue>());
    println!("&dyn Rule              {}", size_of::<&dyn Rule>());
    println!("Box<dyn Rule>          {}", size_of::<Box<dyn Rule>>());
    // ANCHOR_END: sizes

    println!();
    // ANCHOR: validate
    let validator = Validator::default()
        .field("x-request-id", Base64Url)
        .field("quantity", Digits)
        .field("user-agent", HeaderValue);
    let request: [(&str, &[u8]); 3] = [
        ("quantity", b"12"),
        ("user-agent", b"curl/8.5\r\nx-admin: 1"),
        ("x-request-id", b"f3a9-Zq_01"),
    ];
    println!("rejected fields: {:?}", validator.check(&request));
    // ANCHOR_END: validate
}
