//! The chapter's comparison under divan: `cargo bench -p trait-dispatch`.
//! Each bench scans the same 64 KiB body; divan reports the time per scan
//! and the throughput, so the three rows of one run can be compared.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use trait_dispatch::{
    BodyRule, HeaderValue, Rule, count_rejected, count_rejected_dyn, sample_body,
};

fn main() {
    divan::main();
}

const LEN: usize = 64 * 1024;

#[divan::bench]
fn generic_per_byte(bencher: Bencher) {
    let body = sample_body(LEN);
    bencher
        .counter(BytesCount::new(LEN))
        .bench_local(|| count_rejected(&HeaderValue, black_box(&body)));
}

#[divan::bench]
fn dyn_per_byte(bencher: Bencher) {
    let body = sample_body(LEN);
    let rule = black_box(&HeaderValue as &dyn Rule);
    bencher
        .counter(BytesCount::new(LEN))
        .bench_local(|| count_rejected_dyn(rule, black_box(&body)));
}

#[divan::bench]
fn dyn_per_body(bencher: Bencher) {
    let body = sample_body(LEN);
    let rule = black_box(&HeaderValue as &dyn BodyRule);
    bencher
        .counter(BytesCount::new(LEN))
        .bench_local(|| rule.count_rejected(black_box(&body)));
}
