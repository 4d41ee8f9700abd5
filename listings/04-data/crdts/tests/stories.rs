//! The listing's stories, pinned.

use crdts::laws::REPLICAS;
use crdts::lww::story;
use crdts::orset::OrSet;
use crdts::sim::{converged, simulate};
use crdts::vv::{Siblings, VersionVector};
use std::cmp::Ordering;

// With B's clock right, the later write wins in the partition and B's
// removal after it is kept.
#[test]
fn lww_with_right_clocks_keeps_the_later_write() {
    let s = story(0);
    assert_eq!(s.kept_in_partition.value, vec!["bread", "eggs"]);
    assert_eq!(s.kept_at_end.value, vec!["eggs"]);
}

// With B's clock 100 ms slow, A's older write beats both of B's, even the
// removal B made after reading A's cart.
#[test]
fn lww_with_a_slow_clock_keeps_the_older_write() {
    let s = story(100);
    assert_eq!(s.kept_in_partition.value, vec!["bread", "milk"]);
    assert_eq!(s.lost_in_partition.value, vec!["bread", "eggs"]);
    assert_eq!(s.kept_at_end.value, vec!["bread", "milk"]);
}

// Version vectors: concurrent writes are neither before nor after.
#[test]
fn concurrent_versions_compare_as_none() {
    let a = VersionVector([('A', 2)].into());
    let b = VersionVector([('A', 1), ('B', 1)].into());
    assert_eq!(a.compare(&b), None);
    let c = VersionVector([('A', 2), ('B', 1)].into());
    assert_eq!(b.compare(&c), Some(Ordering::Less));
}

// Concurrent puts become siblings; a put that read both replaces both.
#[test]
fn siblings_kept_then_replaced() {
    let (mut a, mut b) = (Siblings::default(), Siblings::default());
    a.put('A', &a.context(), ["bread"].into());
    b.sync_from(&a);
    a.put('A', &a.context(), ["bread", "milk"].into());
    b.put('B', &b.context(), ["bread", "eggs"].into());
    a.sync_from(&b);
    assert_eq!(a.0.len(), 2);
    a.put('A', &a.context(), ["bread", "eggs", "milk"].into());
    assert_eq!(a.0.len(), 1);
    // Syncing again, in either direction, changes nothing.
    b.sync_from(&a);
    a.sync_from(&b);
    assert_eq!(a.0.len(), 1);
    assert_eq!(b.0, a.0);
}

// The hole in vectors that count writes per server: two clients read
// `{A:1}` and write through A. The second write gets `{A:3}`, which looks
// as if it had seen `{A:2}`, so the first client's write is lost at the
// next sync. Dotted version vectors keep both.
#[test]
fn two_clients_through_one_server_lose_a_write() {
    let (mut a, mut b) = (Siblings::default(), Siblings::default());
    a.put('A', &a.context(), ["bread"].into());
    let read = a.context();
    a.put('A', &read, ["bread", "milk"].into());
    a.put('A', &read, ["bread", "eggs"].into());
    assert_eq!(a.0.len(), 2, "the server itself still holds both");
    b.sync_from(&a);
    let carts: Vec<_> = b.0.iter().map(|(_, cart)| cart.clone()).collect();
    assert_eq!(
        carts,
        vec![["bread", "eggs"].into()],
        "milk's write is lost"
    );
}

// OR-set: an add concurrent with a remove survives it.
#[test]
fn add_wins_over_a_concurrent_remove() {
    let mut a = OrSet::new();
    a.add(b'A', "milk");
    let mut b = a.clone();
    a.remove(&"milk");
    b.add(b'B', "milk");
    a.merge_from(&b);
    assert!(a.contains(&"milk"));
}

// OR-set: a remove that saw every add removes the item for good, and
// the item can be added again later.
#[test]
fn removed_stays_removed_and_can_come_back() {
    let mut a = OrSet::new();
    a.add(b'A', "bread");
    let mut b = a.clone();
    a.remove(&"bread");
    b.add(b'B', "tea");
    b.merge_from(&a);
    assert!(!b.contains(&"bread"));
    b.add(b'B', "bread");
    a.merge_from(&b);
    assert!(a.contains(&"bread"));
}

// The simulation converges for the OR-set and PN-counter on 50 seeds.
#[test]
fn simulation_converges() {
    for seed in 0..50 {
        let run = simulate::<OrSet<&'static str>>(seed, 300);
        assert!(converged(&run.states), "seed {seed}");
        assert_eq!(run.states.len(), usize::from(REPLICAS));
        let run = simulate::<crdts::counter::PnCounter>(seed, 300);
        assert!(converged(&run.states));
    }
}
