//! The specification of `OrSet::merge`.

use orswot_merge::OrSet;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use seeded::SplitMix64;
use std::collections::BTreeSet;

const ITEMS: [&str; 4] = ["bread", "eggs", "milk", "tea"];

fn merged(a: &OrSet, b: &OrSet) -> OrSet {
    let mut m = a.clone();
    m.merge(b);
    m
}

// Concurrent adds of different items on two replicas both arrive.
#[test]
fn an_add_the_other_side_made_arrives() {
    let mut a = OrSet::new();
    let mut b = OrSet::new();
    a.add(1, "bread");
    b.add(2, "eggs");
    a.merge(&b);
    assert_eq!(a.elements(), BTreeSet::from(["bread", "eggs"]));
}

// A remove made after seeing an add wins over that add, on both sides,
// and leaves no empty entry behind.
#[test]
fn a_remove_that_saw_the_add_sticks() {
    let mut a = OrSet::new();
    a.add(1, "milk");
    let mut b = a.clone();
    b.remove("milk");
    a.merge(&b);
    assert!(!a.contains("milk"), "a removed item came back");
    assert!(!a.entries.contains_key("milk"));
    b.merge(&a);
    assert!(!b.contains("milk"), "a removed item came back");
}

// An add concurrent with a remove survives it: add wins.
#[test]
fn an_add_beats_a_concurrent_remove() {
    let mut a = OrSet::new();
    a.add(1, "milk");
    let mut b = a.clone();
    a.remove("milk");
    b.add(2, "milk");
    let (ab, ba) = (merged(&a, &b), merged(&b, &a));
    assert!(ab.contains("milk"), "the remove beat a concurrent add");
    assert_eq!(ab, ba);
}

// An item removed everywhere can be added again, and the new add is not
// undone by the old remove.
#[test]
fn a_removed_item_can_be_added_again() {
    let mut a = OrSet::new();
    a.add(1, "tea");
    let mut b = a.clone();
    b.remove("tea");
    a.merge(&b);
    a.add(1, "tea");
    b.merge(&a);
    assert!(b.contains("tea"), "the re-added item is missing");
    a.merge(&b);
    assert!(a.contains("tea"));
}

// A merge takes in what the other side has seen, so an old copy of a
// removed add cannot bring it back later.
#[test]
fn merge_takes_in_what_the_other_side_has_seen() {
    let mut a = OrSet::new();
    a.add(1, "milk");
    let stale = a.clone();
    let mut b = a.clone();
    b.remove("milk");
    let mut d = OrSet::new();
    d.merge(&b);
    assert!(
        d.has_seen((1, 1)),
        "the merge forgot what the other side had seen"
    );
    d.merge(&stale);
    assert!(
        !d.contains("milk"),
        "an old copy brought a removed item back"
    );
}

// The same set, kept the simple way: every add tagged, every remove a
// tombstone for the tags it saw. The set under test must hold the same
// elements after any history.
#[derive(Clone, Default)]
struct Reference {
    adds: BTreeSet<(&'static str, (u8, u64))>,
    removed: BTreeSet<(u8, u64)>,
}

impl Reference {
    fn elements(&self) -> BTreeSet<&'static str> {
        let live = self.adds.iter().filter(|(_, t)| !self.removed.contains(t));
        live.map(|(e, _)| *e).collect()
    }
}

#[derive(Clone, Copy, Debug)]
enum Step {
    Add(u8, usize),
    Remove(u8, usize),
    Merge { from: u8, to: u8 },
}

fn history() -> impl Strategy<Value = Vec<Step>> {
    let step = (0u8..3, 0u8..3, 0usize..4, 1u8..3).prop_map(|(r, kind, item, hop)| match kind {
        0 => Step::Add(r, item),
        1 => Step::Remove(r, item),
        _ => Step::Merge {
            from: r,
            to: (r + hop) % 3,
        },
    });
    prop::collection::vec(step, 0..50)
}

/// The three replicas' states after `steps`, and the reference's.
fn run(steps: &[Step]) -> (Vec<OrSet>, Vec<Reference>) {
    let mut sets = vec![OrSet::new(); 3];
    let mut refs = vec![Reference::default(); 3];
    for &step in steps {
        match step {
            Step::Add(r, i) => {
                let dot = sets[usize::from(r)].add(r, ITEMS[i]);
                refs[usize::from(r)].adds.insert((ITEMS[i], dot));
            }
            Step::Remove(r, i) => {
                sets[usize::from(r)].remove(ITEMS[i]);
                let rf = &mut refs[usize::from(r)];
                let tags: Vec<_> = rf
                    .adds
                    .iter()
                    .filter(|(e, _)| *e == ITEMS[i])
                    .map(|(_, t)| *t)
                    .collect();
                rf.removed.extend(tags);
            }
            Step::Merge { from, to } => {
                let other = sets[usize::from(from)].clone();
                sets[usize::from(to)].merge(&other);
                let other = refs[usize::from(from)].clone();
                let rf = &mut refs[usize::from(to)];
                rf.adds.extend(other.adds);
                rf.removed.extend(other.removed);
            }
        }
    }
    (sets, refs)
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: 512,
        failure_persistence: None,
        ..Config::default()
    })
}

// After any history, every replica holds what the tombstone set holds.
#[test]
fn same_elements_as_the_tombstone_set() {
    runner()
        .run(&history(), |steps| {
            let (sets, refs) = run(&steps);
            for (s, r) in sets.iter().zip(&refs) {
                prop_assert_eq!(s.elements(), r.elements());
            }
            Ok(())
        })
        .unwrap();
}

// Commutative, associative and idempotent on random states.
#[test]
fn merge_obeys_the_laws() {
    runner()
        .run(&history(), |steps| {
            let (s, _) = run(&steps);
            prop_assert_eq!(
                merged(&s[0], &s[1]),
                merged(&s[1], &s[0]),
                "not commutative"
            );
            prop_assert_eq!(
                merged(&merged(&s[0], &s[1]), &s[2]),
                merged(&s[0], &merged(&s[1], &s[2])),
                "not associative"
            );
            prop_assert_eq!(merged(&s[0], &s[0]), s[0].clone(), "not idempotent");
            Ok(())
        })
        .unwrap();
}

// Replicas that receive the same states, in any order and some twice,
// end equal.
#[test]
fn same_states_any_order_same_result() {
    runner()
        .run(&(history(), any::<u64>()), |(steps, seed)| {
            let mut sent = Vec::new();
            for i in 0..=steps.len() {
                sent.extend(run(&steps[..i]).0);
            }
            let mut rng = SplitMix64(seed);
            let mut shuffled = sent.clone();
            for _ in 0..sent.len() / 2 {
                shuffled.push(sent[rng.below(sent.len())].clone());
            }
            for i in (1..shuffled.len()).rev() {
                shuffled.swap(i, rng.below(i + 1));
            }
            let (mut x, mut y) = (OrSet::new(), OrSet::new());
            sent.iter().for_each(|s| x.merge(s));
            shuffled.iter().for_each(|s| y.merge(s));
            prop_assert_eq!(x, y);
            Ok(())
        })
        .unwrap();
}
