//! The merge laws and convergence, property-tested on random histories of
//! three replicas; and proof that the naive counters are caught.

use crdts::counter::{GCounter, MaxCounter, PnCounter, SumCounter};
use crdts::laws::{Step, associative, commutative, counts_every_update, idempotent, run_history};
use crdts::lww::LwwRegister;
use crdts::orset::OrSet;
use crdts::{Counter, Crdt};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use seeded::SplitMix64;

fn history() -> impl Strategy<Value = Vec<Step>> {
    let step = (0u8..3, 0u8..3, any::<u8>()).prop_map(|(r, kind, op)| {
        if kind == 0 {
            Step::Sync {
                from: r,
                to: (r + 1 + op % 2) % 3,
            }
        } else {
            Step::Update { replica: r, op }
        }
    });
    prop::collection::vec(step, 0..60)
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: 256,
        failure_persistence: None,
        ..Config::default()
    })
}

// ANCHOR: law_test
/// Commutative, associative and idempotent on the three replicas' states
/// of random histories, taken in every order; `Err` names the first law
/// broken.
fn laws_hold<C: Crdt>() -> Result<(), String> {
    const ORDERS: [[usize; 3]; 6] = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    runner()
        .run(&history(), |steps| {
            let s = run_history::<C>(&steps);
            for [a, b, c] in ORDERS {
                prop_assert!(commutative(&s[a], &s[b]), "not commutative");
                prop_assert!(associative(&s[a], &s[b], &s[c]), "not associative");
                prop_assert!(idempotent(&s[a]), "not idempotent");
            }
            Ok(())
        })
        .map_err(|e| e.to_string())
}

/// Two replicas that receive the same states, one in the order made and
/// one shuffled with duplicates, end equal, and equal to the merge of
/// the final states.
fn converges<C: Crdt>() -> Result<(), String> {
    runner()
        .run(&(history(), any::<u64>()), |(steps, seed)| {
            let mut sent = Vec::new();
            for i in 0..=steps.len() {
                sent.extend(run_history::<C>(&steps[..i]));
            }
            let mut rng = SplitMix64(seed);
            let mut shuffled = sent.clone();
            for _ in 0..sent.len() / 2 {
                shuffled.push(sent[rng.below(sent.len())].clone());
            }
            for i in (1..shuffled.len()).rev() {
                shuffled.swap(i, rng.below(i + 1));
            }
            let (mut x, mut y) = (C::empty(), C::empty());
            sent.iter().for_each(|s| x.merge(s));
            shuffled.iter().for_each(|s| y.merge(s));
            let mut all = C::empty();
            run_history::<C>(&steps).iter().for_each(|s| all.merge(s));
            prop_assert_eq!(&x, &y);
            prop_assert_eq!(&x, &all);
            Ok(())
        })
        .map_err(|e| e.to_string())
}
// ANCHOR_END: law_test

/// A counter's merged value is the sum of every update made.
fn counts_all<C: Counter>() -> Result<(), String> {
    runner()
        .run(&history(), |steps| {
            let s = run_history::<C>(&steps);
            prop_assert!(counts_every_update(&steps, &s), "lost or doubled an update");
            Ok(())
        })
        .map_err(|e| e.to_string())
}

// The CRDTs pass every law and converge.
#[test]
fn g_counter_obeys_the_laws() {
    laws_hold::<GCounter>().unwrap();
    converges::<GCounter>().unwrap();
    counts_all::<GCounter>().unwrap();
}

#[test]
fn pn_counter_obeys_the_laws() {
    laws_hold::<PnCounter>().unwrap();
    converges::<PnCounter>().unwrap();
    counts_all::<PnCounter>().unwrap();
}

#[test]
fn lww_register_obeys_the_laws() {
    laws_hold::<LwwRegister<u8>>().unwrap();
    converges::<LwwRegister<u8>>().unwrap();
}

#[test]
fn or_set_obeys_the_laws() {
    laws_hold::<OrSet<&'static str>>().unwrap();
    converges::<OrSet<&'static str>>().unwrap();
}

// ANCHOR: caught
// The naive counters: the same tests must fail on them.
#[test]
fn summing_totals_is_caught_by_idempotence() {
    let err = laws_hold::<SumCounter>().unwrap_err();
    assert!(err.contains("not idempotent"), "{err}");
    assert!(converges::<SumCounter>().is_err());
    assert!(counts_all::<SumCounter>().is_err());
}

#[test]
fn max_of_totals_passes_the_laws_but_loses_increments() {
    laws_hold::<MaxCounter>().unwrap();
    converges::<MaxCounter>().unwrap();
    assert!(counts_all::<MaxCounter>().is_err());
}
// ANCHOR_END: caught
