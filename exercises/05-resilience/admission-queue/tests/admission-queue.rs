//! The tests for `AdmissionQueue`. If this file and the chapter disagree,
//! this file is right.

use admission_queue::{AdmissionQueue, Class, Full, Item};

fn item(id: u64, class: Class, deadline: u64) -> Item {
    Item {
        id,
        class,
        deadline,
    }
}

fn be(id: u64, deadline: u64) -> Item {
    item(id, Class::BestEffort, deadline)
}

fn crit(id: u64, deadline: u64) -> Item {
    item(id, Class::Critical, deadline)
}

/// Takes items at `now` until the queue gives none, returning their ids.
fn drain(q: &mut AdmissionQueue, now: u64) -> Vec<u64> {
    std::iter::from_fn(|| q.take(now).map(|i| i.id)).collect()
}

// Catches: an unbounded queue.
#[test]
fn a_full_queue_refuses_best_effort() {
    let mut q = AdmissionQueue::new(3);
    for id in 0..3 {
        assert_eq!(q.offer(be(id, 1_000), 0), Ok(None));
    }
    assert_eq!(q.offer(be(3, 1_000), 1), Err(Full));
    assert_eq!(q.len(), 3);
}

#[test]
fn each_class_is_served_in_arrival_order() {
    let mut q = AdmissionQueue::new(10);
    for id in 0..4 {
        q.offer(be(id, 1_000), id).unwrap();
    }
    assert_eq!(drain(&mut q, 10), vec![0, 1, 2, 3]);
}

// Catches: serving a request whose caller has given up.
#[test]
fn expired_items_are_never_served() {
    let mut q = AdmissionQueue::new(10);
    q.offer(be(0, 50), 0).unwrap();
    q.offer(be(1, 200), 10).unwrap();
    q.offer(crit(2, 60), 20).unwrap();
    assert_eq!(q.take(100).map(|i| i.id), Some(1));
    assert_eq!(q.expired(), 2);
    assert!(q.is_empty());
}

// Catches: a deadline compared with `>` instead of `>=`.
#[test]
fn an_item_is_expired_at_its_deadline() {
    let mut q = AdmissionQueue::new(10);
    q.offer(be(0, 100), 0).unwrap();
    assert_eq!(q.take(100), None);
    assert_eq!(q.offer(be(1, 100), 100), Err(Full));
}

// Catches: dropping the newest arrival while stale items hold the places.
#[test]
fn stale_items_make_room_before_a_fresh_one_is_refused() {
    let mut q = AdmissionQueue::new(2);
    q.offer(be(0, 50), 0).unwrap();
    q.offer(be(1, 50), 1).unwrap();
    assert_eq!(q.offer(be(2, 500), 60), Ok(None));
    assert_eq!(q.expired(), 2);
    assert_eq!(drain(&mut q, 61), vec![2]);
}

// Catches: a queue that only removes expired items at dequeue, and a
// critical arrival refused while best-effort holds every place.
#[test]
fn critical_takes_the_place_of_the_oldest_best_effort() {
    let mut q = AdmissionQueue::new(3);
    for id in 0..3 {
        q.offer(be(id, 1_000), id).unwrap();
    }
    assert_eq!(q.offer(crit(9, 1_000), 5), Ok(Some(be(0, 1_000))));
    assert_eq!(drain(&mut q, 6), vec![9, 1, 2]);
}

// Catches: a priority queue that starves critical when it is full of
// critical work by shedding critical items, and one that refuses
// best-effort even when there is room.
#[test]
fn critical_is_never_shed_and_best_effort_is_admitted_with_room() {
    let mut q = AdmissionQueue::new(2);
    q.offer(crit(0, 1_000), 0).unwrap();
    assert_eq!(q.offer(be(1, 1_000), 1), Ok(None));
    assert_eq!(q.offer(crit(2, 1_000), 2), Ok(Some(be(1, 1_000))));
    assert_eq!(q.offer(crit(3, 1_000), 3), Err(Full));
    assert_eq!(drain(&mut q, 4), vec![0, 2]);
}

// Catches: best-effort starved entirely, never served while it waits alone.
#[test]
fn critical_goes_first_but_best_effort_is_served_when_no_critical_waits() {
    let mut q = AdmissionQueue::new(10);
    q.offer(be(0, 1_000), 0).unwrap();
    q.offer(be(1, 1_000), 1).unwrap();
    q.offer(crit(2, 1_000), 2).unwrap();
    assert_eq!(q.take(3).map(|i| i.id), Some(2));
    assert_eq!(q.take(3).map(|i| i.id), Some(0));
    q.offer(crit(3, 1_000), 4).unwrap();
    assert_eq!(drain(&mut q, 5), vec![3, 1]);
}

// Catches: a stale critical item shedding nothing while it blocks a place:
// expired critical items are removed at the door too.
#[test]
fn expired_critical_items_free_their_place() {
    let mut q = AdmissionQueue::new(1);
    q.offer(crit(0, 10), 0).unwrap();
    assert_eq!(q.offer(crit(1, 100), 20), Ok(None));
    assert_eq!(drain(&mut q, 21), vec![1]);
}

#[test]
#[should_panic]
fn a_zero_capacity_is_refused() {
    let _ = AdmissionQueue::new(0);
}
