//! Properties the chapter states, checked on seeded streams.

use std::collections::HashMap;

use seeded::{SplitMix64, Zipf};
use sketches::{CountMin, HyperLogLog};

fn stream(seed: u64, draws: usize, keys: usize) -> Vec<String> {
    let zipf = Zipf::new(keys);
    let mut rng = SplitMix64(seed);
    (0..draws)
        .map(|_| format!("k{}", zipf.sample(&mut rng)))
        .collect()
}

fn exact(stream: &[String]) -> HashMap<String, u64> {
    let mut m = HashMap::new();
    for k in stream {
        *m.entry(k.clone()).or_insert(0) += 1;
    }
    m
}

// Both updates never under-count, and conservative is never above plain.
#[test]
fn count_min_never_under_counts_and_conservative_is_tighter() {
    for seed in 0..5 {
        let s = stream(seed, 50_000, 20_000);
        let truth = exact(&s);
        let mut plain = CountMin::new(200, 4);
        let mut cons = plain.clone();
        for k in &s {
            plain.add(k, 1);
            cons.add_conservative(k, 1);
        }
        for (k, &c) in &truth {
            assert!(cons.estimate(k) >= c, "conservative under-counted {k}");
            assert!(plain.estimate(k) >= cons.estimate(k), "{k}");
        }
    }
}

// At most delta of the keys are over by more than eps * N.
#[test]
fn count_min_meets_its_bound() {
    let s = stream(1, 100_000, 50_000);
    let truth = exact(&s);
    let sketch = {
        let mut c = CountMin::with_error(0.002, 0.05);
        s.iter().for_each(|k| c.add(k, 1));
        c
    };
    let over = truth
        .iter()
        .filter(|(k, c)| (sketch.estimate(k) - **c) as f64 > 0.002 * 100_000.0)
        .count();
    assert!(over as f64 <= 0.05 * truth.len() as f64, "{over}");
}

// Sketches of shards merge into the sketch of the whole stream, exactly.
#[test]
fn merges_equal_the_whole() {
    let s = stream(2, 40_000, 10_000);
    let (mut whole_h, mut whole_c) = (HyperLogLog::new(10), CountMin::new(100, 3));
    let (mut a_h, mut a_c) = (whole_h.clone(), whole_c.clone());
    let (mut b_h, mut b_c) = (whole_h.clone(), whole_c.clone());
    for (i, k) in s.iter().enumerate() {
        whole_h.add(k);
        whole_c.add(k, 1);
        if i % 3 == 0 {
            a_h.add(k);
            a_c.add(k, 1);
        } else {
            b_h.add(k);
            b_c.add(k, 1);
        }
    }
    a_h.merge(&b_h);
    a_c.merge(&b_c);
    assert_eq!(a_h, whole_h);
    assert_eq!(a_c, whole_c);
}

// HyperLogLog stays within 4 standard errors across sizes, including the
// small range where linear counting takes over.
#[test]
fn hll_is_within_four_standard_errors() {
    for n in [10usize, 100, 1_000, 10_000, 100_000] {
        for p in [10, 12, 14] {
            let mut h = HyperLogLog::new(p);
            (0..n).for_each(|i| h.add(&format!("x{i}")));
            let err = (h.estimate() / n as f64 - 1.0).abs();
            assert!(err < 4.0 * h.standard_error(), "n {n} p {p}: {err}");
        }
    }
}
