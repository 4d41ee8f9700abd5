//! Half of the binary-size comparison: the same 32 rule types through the
//! `&dyn Rule` scanner, so the binary holds one copy of its loop and 32
//! small `allows` functions. See `dispatch-sizes.rs`.

use std::hint::black_box;
use trait_dispatch::{Below, Rule, count_rejected_dyn, report};

macro_rules! objects {
    ($($limit:literal)*) => {
        [$(&Below::<$limit> as &dyn Rule),*]
    };
}

fn main() {
    let body = black_box(std::env::args().collect::<String>().into_bytes());
    // `black_box` keeps the optimiser from unrolling the loop over a known
    // array and calling each `allows` directly, which would undo the test.
    let rules = black_box(objects!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16
        17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32));
    let rejected: usize = rules
        .iter()
        .map(|rule| {
            count_rejected_dyn(*rule, &body)
                + report(*rule, "field", &body).map_or(0, |text| text.len())
        })
        .sum();
    println!("{rejected}");
}
