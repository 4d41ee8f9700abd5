//! Half of the binary-size comparison: 32 rule types through the generic
//! scanner, so the binary holds 32 copies of its loop. See
//! `dispatch-sizes.rs` for how to build and compare.

use std::hint::black_box;
use trait_dispatch::{Below, count_rejected, report};

macro_rules! scan_each {
    ($body:expr; $($limit:literal)*) => {
        0 $(+ count_rejected(&Below::<$limit>, $body)
            + report(&Below::<$limit>, "field", $body).map_or(0, |text| text.len()))*
    };
}

fn main() {
    let body = black_box(std::env::args().collect::<String>().into_bytes());
    let rejected = scan_each!(&body; 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16
        17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32);
    println!("{rejected}");
}
