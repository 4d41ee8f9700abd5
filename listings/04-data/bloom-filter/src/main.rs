//! Measures Bloom filters against the formula and against an exact set.
//!
//! Inserts the keys "key-0" .. "key-99999", then asks about 1,000,000 keys
//! that were never inserted ("key-100000" .. "key-1099999") and counts how
//! many the filter wrongly calls present. Every number printed is a count
//! from this run; nothing depends on time, threads or hash-map order.

use bloom_filter::{BloomFilter, ExactSet, formula_fp_rate};

const INSERTED: u64 = 100_000;
const PROBES: u64 = 1_000_000;

fn key(i: u64) -> String {
    format!("key-{i}")
}

// ANCHOR: measure
/// Fraction of never-inserted keys that the filter reports as present.
fn measured_fp_rate(filter: &BloomFilter, absent: &[String]) -> f64 {
    let false_positives = absent
        .iter()
        .filter(|k| filter.contains(k.as_bytes()))
        .count();
    false_positives as f64 / absent.len() as f64
}

/// Inserts every key, then returns how many of them the filter misses.
/// A Bloom filter must return 0 here, for every m and k.
fn fill(filter: &mut BloomFilter, present: &[String]) -> usize {
    for k in present {
        filter.insert(k.as_bytes());
    }
    present
        .iter()
        .filter(|k| !filter.contains(k.as_bytes()))
        .count()
}
// ANCHOR_END: measure

fn percent(rate: f64) -> String {
    format!("{:.3}%", rate * 100.0)
}

fn main() {
    let present: Vec<String> = (0..INSERTED).map(key).collect();
    let absent: Vec<String> = (INSERTED..INSERTED + PROBES).map(key).collect();
    let mut false_negatives = 0;

    println!("inserted {INSERTED} keys, probed {PROBES} keys never inserted");
    println!();

    let exact = ExactSet::build(present.iter().map(String::as_str));
    let exact_bytes = exact.memory_bytes();
    let exact_fp = absent.iter().filter(|k| exact.contains(k)).count();
    let exact_per_key = exact_bytes as f64 / INSERTED as f64;
    println!(
        "exact set (HashSet<String>): {exact_bytes} bytes, {exact_per_key:.1} bytes/key, {exact_fp} false positives"
    );
    println!();

    println!("Bloom filter, optimal k for each size");
    println!("bits/key   k   bytes/key   measured FP   formula FP   vs exact set");
    // ANCHOR: by_size
    for bits_per_key in [4, 8, 10, 16] {
        let mut filter =
            BloomFilter::with_bits_per_key(INSERTED, bits_per_key).expect("valid size");
        false_negatives += fill(&mut filter, &present);
        let bytes_per_key = filter.memory_bytes() as f64 / INSERTED as f64;
        println!(
            "{:>8} {:>3} {:>11.2} {:>13} {:>12} {:>13}",
            bits_per_key,
            filter.k(),
            bytes_per_key,
            percent(measured_fp_rate(&filter, &absent)),
            percent(formula_fp_rate(filter.m_bits(), INSERTED, filter.k())),
            format!(
                "{:.0}x smaller",
                exact_bytes as f64 / filter.memory_bytes() as f64
            ),
        );
    }
    // ANCHOR_END: by_size
    println!();

    println!("Bloom filter, 10 bits/key, k varied");
    println!("   k   measured FP   formula FP");
    let mut best = (0, f64::INFINITY);
    for k in [1, 2, 4, 7, 10, 14] {
        let mut filter = BloomFilter::new(10 * INSERTED, k).expect("valid size");
        false_negatives += fill(&mut filter, &present);
        let measured = measured_fp_rate(&filter, &absent);
        if measured < best.1 {
            best = (k, measured);
        }
        println!(
            "{:>4} {:>13} {:>12}",
            k,
            percent(measured),
            percent(formula_fp_rate(filter.m_bits(), INSERTED, k)),
        );
    }
    println!("lowest measured FP at 10 bits/key: k = {}", best.0);
    println!();

    println!("Bloom filter sized from a target FP rate");
    println!("  target   bits/key    k   measured FP");
    for (label, target) in [("10%", 0.1), ("1%", 0.01), ("0.1%", 0.001)] {
        let mut filter = BloomFilter::with_fp_rate(INSERTED, target).expect("valid target");
        false_negatives += fill(&mut filter, &present);
        println!(
            "{:>8} {:>10.2} {:>4} {:>13}",
            label,
            filter.m_bits() as f64 / INSERTED as f64,
            filter.k(),
            percent(measured_fp_rate(&filter, &absent)),
        );
    }
    println!();
    println!("false negatives across all filters: {false_negatives}");
}
