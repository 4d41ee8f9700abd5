//! The join of the endpoint under divan: `cargo bench -p performance`.
//! Each row of a pair differs from the other in one way only, so the pair
//! shows what a benchmark can measure by mistake.

use divan::{Bencher, black_box};
use performance::shop::{Order, Product, Shop, distinct_products, join_hash, join_scan};

fn main() {
    divan::main();
}

fn data(orders: u64) -> (Vec<Order>, Vec<Product>) {
    let shop = Shop::new(&[orders]);
    let list = shop.orders[&1].clone();
    let products = distinct_products(&shop, &list);
    (list, products)
}

// ANCHOR: honest
/// The two joins at three sizes. Inputs are built once, outside the timed
/// loop; divan warms up, then times many samples and reports the spread.
#[divan::bench(args = [10, 100, 1000])]
fn scan(bencher: Bencher, orders: u64) {
    let (list, products) = data(orders);
    bencher.bench_local(|| join_scan(black_box(&list), black_box(&products)));
}

#[divan::bench(args = [10, 100, 1000])]
fn hash(bencher: Bencher, orders: u64) {
    let (list, products) = data(orders);
    bencher.bench_local(|| join_hash(black_box(&list), black_box(&products)));
}
// ANCHOR_END: honest

// ANCHOR: lies
/// Like `scan` at 100 orders, written the way a first benchmark usually is.
#[divan::bench]
fn scan_result_unused(bencher: Bencher) {
    let (list, products) = data(100);
    bencher.bench_local(|| {
        let _ = join_scan(&list, &products);
    });
}

/// Like `scan` at 10 orders, but the closure clones the orders first.
#[divan::bench]
fn scan_with_clone(bencher: Bencher) {
    let (list, products) = data(10);
    bencher.bench_local(|| join_scan(&black_box(list.clone()), black_box(&products)));
}

/// The same work with the clone made by divan, outside the timing.
#[divan::bench]
fn scan_clone_untimed(bencher: Bencher) {
    let (list, products) = data(10);
    bencher
        .with_inputs(|| list.clone())
        .bench_local_refs(|l| join_scan(l, black_box(&products)));
}
// ANCHOR_END: lies
