use segmented_lru::Slru;

/// A new key waits in probation; its second request protects it.
#[test]
fn a_second_request_protects_a_key() {
    let mut cache = Slru::new(10);
    assert!(!cache.access(1));
    assert!(cache.contains(1));
    assert!(!cache.is_protected(1));
    assert!(cache.access(1));
    assert!(cache.is_protected(1));
}

/// Keys asked for twice survive a scan of ten times the capacity; in a
/// plain LRU the scan would evict them all.
#[test]
fn a_scan_does_not_flush_protected_keys() {
    let mut cache = Slru::new(10);
    for key in 0..8 {
        cache.access(key);
        cache.access(key);
    }
    for key in 1_000..1_100 {
        assert!(!cache.access(key));
    }
    for key in 0..8 {
        assert!(cache.access(key), "key {key} was flushed by the scan");
    }
}

/// Probation holds what protected does not: with 10 keys, 2 of them.
#[test]
fn probation_evicts_its_least_recent_key() {
    let mut cache = Slru::new(10);
    cache.access(1);
    cache.access(2);
    cache.access(3); // evicts 1
    assert!(!cache.contains(1));
    assert!(cache.contains(2) && cache.contains(3));
    assert_eq!(cache.len(), 2);
}

/// A full protected list demotes its least recently used key to probation,
/// where it is still cached, and a second hit there protects it again.
#[test]
fn protected_overflow_demotes_instead_of_evicting() {
    let mut cache = Slru::new(5); // protected 4, probation 1
    for key in 1..=4 {
        cache.access(key);
        cache.access(key);
    }
    cache.access(2); // 1 is now the least recently used protected key
    cache.access(9);
    cache.access(9); // 9 is protected; 1 goes back to probation
    assert!(cache.contains(1) && !cache.is_protected(1));
    assert!(cache.is_protected(9));
    assert_eq!(cache.len(), 5);
    assert!(cache.access(1), "a demoted key is still a hit");
    assert!(cache.is_protected(1));
    assert!(!cache.is_protected(3), "3 was demoted to make room for 1");
}

/// A demoted key enters probation at its newest end: the next miss evicts
/// the key that has waited in probation longer, not the one just demoted.
#[test]
fn a_demoted_key_enters_probation_as_its_newest() {
    let mut cache = Slru::new(10); // protected 8, probation 2
    for key in 0..8 {
        cache.access(key);
        cache.access(key);
    }
    cache.access(100); // waits in probation
    cache.access(200);
    cache.access(200); // 200 is protected; 0, protected's oldest, is demoted
    assert!(cache.contains(0) && !cache.is_protected(0));
    cache.access(300); // a miss: probation's oldest key leaves
    assert!(!cache.contains(100), "100 waited longest in probation");
    assert!(cache.contains(0), "the demoted key was evicted first");
}

/// The cache never holds more than its capacity, on any sequence.
#[test]
fn the_capacity_holds() {
    let mut cache = Slru::new(7);
    let mut state = 1u64;
    for _ in 0..10_000 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let key = (state >> 33) % 20;
        cache.access(key);
        assert!(cache.len() <= 7);
    }
    assert_eq!(cache.len(), 7);
}

/// A capacity that cannot hold both lists is refused.
#[test]
#[should_panic(expected = "at least 2")]
fn a_capacity_of_one_is_refused() {
    Slru::new(1);
}
