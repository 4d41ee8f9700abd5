use dedup_window::Dedup;

/// A redelivery within the window is recognised; a new id is not.
#[test]
fn a_redelivery_is_recognised() {
    let mut d = Dedup::new(1_000, 100);
    assert!(d.first_time("m1", 0));
    assert!(!d.first_time("m1", 400));
    assert!(d.first_time("m2", 500));
    assert_eq!(d.len(), 2);
}

/// The window counts from the first time, not from the latest duplicate,
/// and an id exactly a window old is forgotten.
#[test]
fn ids_are_forgotten_a_window_after_they_were_seen() {
    let mut d = Dedup::new(1_000, 100);
    assert!(d.first_time("m1", 0));
    assert!(!d.first_time("m1", 999));
    assert!(d.first_time("m1", 1_000), "a window later, it is new again");
}

/// Forgetting happens as time passes, even for ids never asked about again.
#[test]
fn old_ids_leave_memory() {
    let mut d = Dedup::new(100, 100);
    for i in 0..50 {
        d.first_time(&format!("m{i}"), i);
    }
    assert_eq!(d.len(), 50);
    d.first_time("late", 1_000);
    assert_eq!(d.len(), 1);
}

/// Memory never holds more than the capacity: the oldest go first.
#[test]
fn capacity_bounds_memory() {
    let mut d = Dedup::new(1_000_000, 3);
    for (i, id) in ["a", "b", "c", "d"].iter().enumerate() {
        assert!(d.first_time(id, i as u64));
    }
    assert_eq!(d.len(), 3);
    assert!(d.first_time("a", 10), "a was the oldest, and was dropped");
    assert!(!d.first_time("d", 11), "d is still remembered");
}

/// "Oldest" means first seen longest ago, not the smallest id.
#[test]
fn the_oldest_go_first_whatever_their_names() {
    let mut d = Dedup::new(1_000_000, 3);
    for (i, id) in ["m", "z", "a", "q"].iter().enumerate() {
        assert!(d.first_time(id, i as u64));
    }
    assert!(!d.first_time("z", 4), "z is still remembered");
    assert!(!d.first_time("a", 5), "a is still remembered");
    assert!(!d.first_time("q", 6), "q is still remembered");
    assert!(d.first_time("m", 7), "m, seen first, was dropped");
}

/// A duplicate does not count as a new sighting: it does not move the id's
/// place in line, so it still leaves when its first sighting is old.
#[test]
fn duplicates_do_not_refresh() {
    let mut d = Dedup::new(1_000_000, 2);
    d.first_time("a", 0);
    d.first_time("b", 1);
    assert!(!d.first_time("a", 2));
    d.first_time("c", 3); // evicts a, the oldest first sighting
    assert!(d.first_time("a", 4));
}

/// A capacity of zero is refused.
#[test]
#[should_panic(expected = "at least 1")]
fn zero_capacity_is_refused() {
    Dedup::new(1, 0);
}
