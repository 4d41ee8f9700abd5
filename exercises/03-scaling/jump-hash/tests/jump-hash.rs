//! The specification of `jump_hash`.

use jump_hash::jump_hash;

/// MurmurHash3's fmix64, to turn the counters 0, 1, 2 ... into well-mixed
/// keys the way a real caller would hash its keys first.
fn mixed_key(i: u64) -> u64 {
    let mut h = i;
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

// Pins the paper's exact algorithm: other implementations (ClickHouse's
// jumpConsistentHash among them) return these same buckets.
#[test]
fn matches_other_implementations_of_the_paper() {
    assert_eq!(jump_hash(1, 1), Some(0));
    assert_eq!(jump_hash(42, 57), Some(43));
    assert_eq!(jump_hash(256, 1024), Some(520));
    assert_eq!(jump_hash(3_735_883_980, 666), Some(361));
    assert_eq!(jump_hash(16_045_690_984_833_335_023, 255), Some(237));
    assert_eq!(jump_hash(10_863_919_174_838_991, 11), Some(6));
    assert_eq!(jump_hash(2_016_238_256_797_177_309, 11), Some(3));
}

// Pins that zero buckets is an answer of None, not a panic or a bucket.
#[test]
fn zero_buckets_is_none() {
    assert_eq!(jump_hash(0, 0), None);
    assert_eq!(jump_hash(u64::MAX, 0), None);
}

// Pins that with one bucket every key goes to bucket 0.
#[test]
fn one_bucket_takes_every_key() {
    for i in 0..1_000 {
        assert_eq!(jump_hash(mixed_key(i), 1), Some(0));
    }
}

// Pins the range 0..num_buckets, up to the largest bucket count.
#[test]
fn bucket_is_always_in_range() {
    for num_buckets in [2, 3, 10, 1_000, u32::MAX] {
        for i in 0..1_000 {
            let bucket = jump_hash(mixed_key(i), num_buckets).unwrap();
            assert!(bucket < num_buckets, "{bucket} >= {num_buckets}");
        }
    }
}

// Pins the consistency: from n to n + 1 buckets a key stays or moves to the
// new bucket n, and about 1/(n + 1) of the keys move.
#[test]
fn growing_moves_only_keys_into_the_new_bucket() {
    let keys = 100_000u64;
    for n in [1u32, 5, 10, 99] {
        let mut moved = 0u64;
        for i in 0..keys {
            let before = jump_hash(mixed_key(i), n).unwrap();
            let after = jump_hash(mixed_key(i), n + 1).unwrap();
            if before != after {
                assert_eq!(after, n, "key {i} moved between old buckets");
                moved += 1;
            }
        }
        let share = moved as f64 / keys as f64;
        let ideal = 1.0 / f64::from(n + 1);
        assert!(
            (share - ideal).abs() < 0.1 * ideal,
            "n={n}: moved {share}, ideal {ideal}"
        );
    }
}

// Pins the balance: 100,000 keys over 10 buckets, no bucket 3% over its share.
#[test]
fn spreads_keys_evenly() {
    let mut keys_per_bucket = [0u32; 10];
    for i in 0..100_000 {
        keys_per_bucket[jump_hash(mixed_key(i), 10).unwrap() as usize] += 1;
    }
    let (min, max) = (
        *keys_per_bucket.iter().min().unwrap(),
        *keys_per_bucket.iter().max().unwrap(),
    );
    assert!(min > 9_700 && max < 10_300, "{keys_per_bucket:?}");
}
