//! The experiment's keys and counts, shared by the binaries: the keys
//! "key-0", "key-1", ... and how a filter fares on them.

use crate::filter::BloomFilter;

/// The key with number `i`: the inserted keys are the first n numbers, the
/// probes the numbers after them, so no probe was ever inserted.
pub fn key(i: u64) -> String {
    format!("key-{i}")
}

/// Inserts every key, then returns how many of them the filter misses.
/// A Bloom filter must return 0 here, for every m and k.
pub fn fill(filter: &mut BloomFilter, present: &[String]) -> usize {
    for k in present {
        filter.insert(k.as_bytes());
    }
    present
        .iter()
        .filter(|k| !filter.contains(k.as_bytes()))
        .count()
}

/// Fraction of never-inserted keys that the filter reports as present.
pub fn measured_fp_rate(filter: &BloomFilter, absent: &[String]) -> f64 {
    let false_positives = absent
        .iter()
        .filter(|k| filter.contains(k.as_bytes()))
        .count();
    false_positives as f64 / absent.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    // A filled filter misses none of its keys and calls a few others present.
    #[test]
    fn fill_and_measure() {
        let present: Vec<String> = (0..1_000).map(key).collect();
        let absent: Vec<String> = (1_000..11_000).map(key).collect();
        let mut filter = BloomFilter::new(10_000, 7).unwrap();
        assert_eq!(fill(&mut filter, &present), 0);
        let rate = measured_fp_rate(&filter, &absent);
        assert!(rate > 0.0 && rate < 0.03, "{rate}");
        assert_eq!(measured_fp_rate(&filter, &present), 1.0);
    }
}
