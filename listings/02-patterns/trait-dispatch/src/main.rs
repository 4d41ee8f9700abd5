//! The deterministic run of the chapter: what a trait object costs in memory,
//! that both dispatches compute the same thing, and a validator whose rules
//! are chosen at run time. The timings are in `bin/dispatch-ratio.rs`.

use std::mem::size_of;
use trait_dispatch::{
    Base64Url, BodyRule, Digits, HeaderValue, Rule, Validator, count_rejected, count_rejected_dyn,
    sample_body,
};

fn main() {
    // ANCHOR: sizes
    println!("size in bytes");
    println!("HeaderValue            {}", size_of::<HeaderValue>());
    println!("&HeaderValue           {}", size_of::<&HeaderValue>());
    println!("&dyn Rule              {}", size_of::<&dyn Rule>());
    println!("Box<dyn Rule>          {}", size_of::<Box<dyn Rule>>());
    // ANCHOR_END: sizes

    println!();
    // ANCHOR: agree
    let body = sample_body(64 * 1024);
    let rule = HeaderValue;
    let as_object: &dyn Rule = &rule;
    let per_body: &dyn BodyRule = &rule;
    println!("bytes rejected in a {} byte body", body.len());
    println!("generic, per byte      {}", count_rejected(&rule, &body));
    println!(
        "dyn, per byte          {}",
        count_rejected_dyn(as_object, &body)
    );
    println!("dyn, per body          {}", per_body.count_rejected(&body));
    // ANCHOR_END: agree

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
