//! The specification of `CountMin::add_conservative`.

use std::collections::HashMap;

use conservative_count::CountMin;
use seeded::{SplitMix64, Zipf};

/// 20,000 (key, count) pairs: keys by Zipf's law over 5,000, counts 1 to 5.
fn stream(seed: u64) -> Vec<(u64, u64)> {
    let zipf = Zipf::new(5_000);
    let mut rng = SplitMix64(seed);
    (0..20_000)
        .map(|_| (zipf.sample(&mut rng) as u64, 1 + rng.below(5) as u64))
        .collect()
}

fn truth(stream: &[(u64, u64)]) -> HashMap<u64, u64> {
    let mut t = HashMap::new();
    for &(k, c) in stream {
        *t.entry(k).or_insert(0) += c;
    }
    t
}

#[test]
fn a_lone_key_counts_its_weights() {
    let mut s = CountMin::new(64, 4);
    s.add_conservative(9, 3);
    s.add_conservative(9, 4);
    assert_eq!(s.estimate(9), 7);
    s.add_conservative(9, 1);
    assert_eq!(s.estimate(9), 8);
}

#[test]
fn never_under_counts() {
    for seed in 0..10 {
        let st = stream(seed);
        let mut s = CountMin::new(300, 4);
        for &(k, c) in &st {
            s.add_conservative(k, c);
        }
        for (k, t) in truth(&st) {
            assert!(
                s.estimate(k) >= t,
                "seed {seed}: key {k} is {t}, estimated {}",
                s.estimate(k)
            );
        }
    }
}

#[test]
fn no_counter_above_plain_update() {
    let st = stream(3);
    let (mut cons, mut plain) = (CountMin::new(300, 4), CountMin::new(300, 4));
    for &(k, c) in &st {
        cons.add_conservative(k, c);
        plain.add(k, c);
        let s = &cons;
        assert!(
            s.counters.iter().zip(&plain.counters).all(|(a, b)| a <= b),
            "a counter rose above plain update after adding key {k}"
        );
    }
}

#[test]
fn over_counts_less_than_plain_update() {
    let st = stream(4);
    let (mut cons, mut plain) = (CountMin::new(300, 4), CountMin::new(300, 4));
    for &(k, c) in &st {
        cons.add_conservative(k, c);
        plain.add(k, c);
    }
    let over = |s: &CountMin| -> u64 { truth(&st).iter().map(|(k, t)| s.estimate(*k) - t).sum() };
    let (c, p) = (over(&cons), over(&plain));
    assert!(
        c * 10 < p * 7,
        "conservative over-counts {c} in total, plain {p}: expected under 70% of plain"
    );
}

#[test]
fn raises_only_the_counters_that_need_it() {
    // Two keys share nothing only by luck; find two that share some cells.
    let s0 = CountMin::new(8, 3);
    let (a, b) = (0..1000u64)
        .flat_map(|a| (a + 1..1000).map(move |b| (a, b)))
        .find(|&(a, b)| {
            let (ca, cb) = (s0.cells(a), s0.cells(b));
            ca.iter().zip(&cb).filter(|(x, y)| x == y).count() == 1
        })
        .expect("two keys sharing exactly one row");
    let mut s = s0.clone();
    s.add_conservative(a, 10);
    s.add_conservative(b, 2);
    // b's shared counter already holds 10 >= 2: it stays 10, and b's own
    // counters become 2.
    assert_eq!(s.estimate(a), 10);
    assert_eq!(s.estimate(b), 2);
    let total: u64 = s.counters.iter().sum();
    assert_eq!(total, 3 * 10 + 2 * 2);
}

#[test]
fn a_raised_counter_stops_at_the_new_estimate() {
    let st = stream(5);
    let mut s = CountMin::new(300, 4);
    for &(k, c) in &st {
        let before = s.counters.clone();
        s.add_conservative(k, c);
        let estimate = s.estimate(k);
        for cell in s.cells(k) {
            if s.counters[cell] != before[cell] {
                assert_eq!(
                    s.counters[cell], estimate,
                    "key {k}: a counter was raised from {} past the estimate",
                    before[cell]
                );
            }
        }
    }
}
