//! Behaviour of the Bloom filter: its guarantee, its accuracy, its limits.

use bloom_filter::{
    BloomError, BloomFilter, ExactSet, KeyHash, MAX_BITS, MAX_HASHES, bits_for_fp_rate,
    formula_fp_rate, optimal_k,
};

fn key(i: u64) -> String {
    format!("key-{i}")
}

fn measured_fp_rate(filter: &BloomFilter, absent: std::ops::Range<u64>) -> f64 {
    let probes = absent.end - absent.start;
    let hits = absent
        .filter(|&i| filter.contains(key(i).as_bytes()))
        .count();
    hits as f64 / probes as f64
}

// The one promise: a key that was inserted is always reported present,
// for every size and k, including filters far too small for their keys.
#[test]
fn no_false_negatives_for_any_parameters() {
    for m_bits in [1, 7, 64, 65, 1_000, 40_000, 100_003] {
        for k in [1, 2, 3, 7, 13, MAX_HASHES] {
            let mut filter = BloomFilter::new(m_bits, k).unwrap();
            for i in 0..5_000 {
                filter.insert(key(i).as_bytes());
            }
            for i in 0..5_000 {
                assert!(
                    filter.contains(key(i).as_bytes()),
                    "m={m_bits} k={k} lost key-{i}"
                );
            }
        }
    }
}

// Keys of any bytes survive too: empty, binary, long.
#[test]
fn no_false_negatives_for_odd_keys() {
    let mut filter = BloomFilter::new(512, 4).unwrap();
    let long = vec![0xAB; 10_000];
    let keys: [&[u8]; 4] = [b"", &[0, 255, 0], "ключ".as_bytes(), &long];
    for k in keys {
        filter.insert(k);
    }
    assert!(keys.iter().all(|k| filter.contains(k)));
}

// An empty filter has no bit set, so it answers "definitely not" to every key.
#[test]
fn empty_filter_contains_nothing() {
    let filter = BloomFilter::new(1_000, 7).unwrap();
    assert_eq!(filter.bits_set(), 0);
    assert!((0..10_000).all(|i| !filter.contains(key(i).as_bytes())));
}

// One bit and one insert: every key now looks present, the limit case of "full".
#[test]
fn a_full_filter_says_yes_to_everything() {
    let mut filter = BloomFilter::new(1, 3).unwrap();
    filter.insert(b"only");
    assert!((0..1_000).all(|i| filter.contains(key(i).as_bytes())));
}

// At 10 bits per key the measured rate on never-inserted keys is within 15%
// of (1 - e^(-kn/m))^k, and near the ~1% that LevelDB and RocksDB quote.
#[test]
fn measured_fp_rate_matches_formula() {
    let n = 10_000;
    let mut filter = BloomFilter::with_bits_per_key(n, 10).unwrap();
    for i in 0..n {
        filter.insert(key(i).as_bytes());
    }
    let measured = measured_fp_rate(&filter, n..n + 200_000);
    let formula = formula_fp_rate(filter.m_bits(), n, filter.k());
    assert!(
        (measured - formula).abs() <= 0.15 * formula,
        "measured {measured}, formula {formula}"
    );
    assert!(measured > 0.005 && measured < 0.012, "measured {measured}");
}

// Fewer bits per key means more false positives: the trade-off is monotone.
#[test]
fn more_bits_per_key_means_fewer_false_positives() {
    let n = 5_000;
    let rates: Vec<f64> = [4, 8, 12]
        .iter()
        .map(|&bits| {
            let mut filter = BloomFilter::with_bits_per_key(n, bits).unwrap();
            for i in 0..n {
                filter.insert(key(i).as_bytes());
            }
            measured_fp_rate(&filter, n..n + 100_000)
        })
        .collect();
    assert!(rates[0] > rates[1] && rates[1] > rates[2], "{rates:?}");
}

// A filter sized for a 1% target lands near 1% once full.
#[test]
fn sizing_from_a_target_rate_meets_it() {
    let n = 10_000;
    let mut filter = BloomFilter::with_fp_rate(n, 0.01).unwrap();
    for i in 0..n {
        filter.insert(key(i).as_bytes());
    }
    let measured = measured_fp_rate(&filter, n..n + 200_000);
    assert!(measured < 0.0115, "measured {measured}");
}

// The formula's optimum: k = (m/n) ln 2 rounds to 3, 6, 7, 11 for 4, 8, 10, 16 bits/key.
#[test]
fn optimal_k_follows_ln2_rule() {
    assert_eq!(optimal_k(400, 100), 3);
    assert_eq!(optimal_k(800, 100), 6);
    assert_eq!(optimal_k(1_000, 100), 7);
    assert_eq!(optimal_k(1_600, 100), 11);
    // Very few bits per key still gets one probe; very many is capped.
    assert_eq!(optimal_k(1, 1_000), 1);
    assert_eq!(optimal_k(1_000_000, 1), MAX_HASHES);
}

// 1% costs about 9.6 bits per key and each further 10x cut about 4.8 more.
#[test]
fn bits_for_fp_rate_matches_closed_form() {
    assert_eq!(bits_for_fp_rate(1_000, 0.01).unwrap(), 9_586);
    assert_eq!(bits_for_fp_rate(1_000, 0.001).unwrap(), 14_378);
    assert_eq!(bits_for_fp_rate(1, 0.999_999).unwrap(), 1);
}

// The formula reproduces the textbook value for 10 bits per key and k = 7.
#[test]
fn formula_known_value() {
    let p = formula_fp_rate(1_000, 100, 7);
    assert!((p - 0.008_194).abs() < 1e-6, "{p}");
}

// Zero bits, zero hashes and zero keys are errors, not panics.
#[test]
fn zero_parameters_are_errors() {
    assert_eq!(BloomFilter::new(0, 3).unwrap_err(), BloomError::ZeroBits);
    assert_eq!(BloomFilter::new(64, 0).unwrap_err(), BloomError::ZeroHashes);
    assert_eq!(
        BloomFilter::with_bits_per_key(0, 10).unwrap_err(),
        BloomError::ZeroKeys
    );
    assert_eq!(
        BloomFilter::with_bits_per_key(100, 0).unwrap_err(),
        BloomError::ZeroBits
    );
    assert_eq!(
        BloomFilter::with_fp_rate(0, 0.01).unwrap_err(),
        BloomError::ZeroKeys
    );
}

// A target rate outside the open range (0, 1), NaN included, is an error.
#[test]
fn fp_rate_outside_open_unit_interval_is_an_error() {
    for rate in [0.0, 1.0, -0.01, 1.5, f64::INFINITY] {
        assert_eq!(
            BloomFilter::with_fp_rate(1_000, rate).unwrap_err(),
            BloomError::FpRateOutOfRange(rate)
        );
    }
    assert!(matches!(
        BloomFilter::with_fp_rate(1_000, f64::NAN),
        Err(BloomError::FpRateOutOfRange(r)) if r.is_nan()
    ));
}

// Requests beyond the bounds are refused before anything is allocated.
#[test]
fn oversized_parameters_are_errors() {
    assert_eq!(
        BloomFilter::new(MAX_BITS + 1, 3).unwrap_err(),
        BloomError::TooManyBits(MAX_BITS + 1)
    );
    assert_eq!(
        BloomFilter::new(64, MAX_HASHES + 1).unwrap_err(),
        BloomError::TooManyHashes(MAX_HASHES + 1)
    );
    assert!(matches!(
        BloomFilter::with_fp_rate(u64::MAX, 1e-9),
        Err(BloomError::TooManyBits(_))
    ));
    assert!(matches!(
        BloomFilter::with_bits_per_key(u64::MAX, 2),
        Err(BloomError::TooManyBits(_))
    ));
}

// Errors print a message a config file's author can act on.
#[test]
fn errors_explain_themselves() {
    let message = BloomFilter::with_fp_rate(10, 1.5).unwrap_err().to_string();
    assert_eq!(
        message,
        "false-positive rate 1.5 is not in the open range (0, 1)"
    );
}

// The hashes of a key are pinned: a filter saved to disk today must find the
// same bits in any later build. If this test fails, old filters are unreadable.
#[test]
fn key_hashes_are_stable() {
    assert_eq!(
        KeyHash::of(b"key-42"),
        KeyHash {
            h1: PINNED_H1,
            h2: PINNED_H2
        }
    );
}
// Computed independently from the FNV-1a and splitmix64 definitions.
const PINNED_H1: u64 = 0xbc38_bedd_6d55_8afc;
const PINNED_H2: u64 = 0xaf07_2fb6_b118_2e35;

// Memory is whole 64-bit words: 10 bits/key for 100 keys is 1,000 bits, 16 words.
#[test]
fn memory_is_rounded_up_to_words() {
    let filter = BloomFilter::with_bits_per_key(100, 10).unwrap();
    assert_eq!(filter.m_bits(), 1_000);
    assert_eq!(filter.memory_bytes(), 128);
}

// The exact baseline has no false positives and costs far more than the filter.
#[test]
fn exact_set_is_exact_and_large() {
    let keys: Vec<String> = (0..10_000).map(key).collect();
    let exact = ExactSet::build(keys.iter().map(String::as_str));
    assert!(keys.iter().all(|k| exact.contains(k)));
    assert!((10_000..20_000).all(|i| !exact.contains(&key(i))));
    let filter = BloomFilter::with_bits_per_key(10_000, 10).unwrap();
    assert!(exact.memory_bytes() > 20 * filter.memory_bytes());
}
