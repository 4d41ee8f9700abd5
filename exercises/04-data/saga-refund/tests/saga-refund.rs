//! The specification of `Payments::charge` and `Payments::refund`.

use saga_refund::Payments;
use seeded::SplitMix64;

#[test]
fn a_charge_moves_the_money() {
    let mut p = Payments::new(100);
    assert!(p.charge(1, 30));
    assert_eq!((p.balance, p.merchant), (70, 30));
}

#[test]
fn a_redelivered_charge_charges_once() {
    let mut p = Payments::new(100);
    assert!(p.charge(1, 30));
    assert!(p.charge(1, 30), "the same answer the second time");
    assert_eq!((p.balance, p.merchant), (70, 30));
}

#[test]
fn a_redelivered_refund_refunds_once() {
    let mut p = Payments::new(100);
    p.charge(1, 30);
    assert!(p.refund(1, 30));
    assert!(p.refund(1, 30));
    assert_eq!((p.balance, p.merchant), (100, 0));
}

#[test]
fn a_refund_that_overtakes_the_charge_cancels_it() {
    let mut p = Payments::new(100);
    assert!(p.refund(1, 30), "a compensation never fails");
    assert_eq!((p.balance, p.merchant), (100, 0), "nothing to give back");
    assert!(!p.charge(1, 30), "the late charge must not take money");
    assert!(!p.charge(1, 30));
    assert_eq!((p.balance, p.merchant), (100, 0));
}

#[test]
fn a_declined_charge_stays_declined() {
    let mut p = Payments::new(100);
    assert!(p.charge(1, 80));
    assert!(!p.charge(2, 30), "20 left: declined");
    // The orchestrator of saga 2 has moved on to compensating; meanwhile
    // saga 1 is refunded, and a retry of saga 2's charge arrives.
    assert!(p.refund(1, 80));
    assert!(!p.charge(2, 30), "a redelivery gets the first answer");
    assert_eq!((p.balance, p.merchant), (100, 0));
}

#[test]
fn sagas_do_not_share_records() {
    let mut p = Payments::new(100);
    p.refund(1, 30);
    assert!(p.charge(2, 30), "saga 1's refund says nothing about saga 2");
    p.charge(3, 10);
    p.refund(3, 10);
    assert_eq!((p.balance, p.merchant), (70, 30));
}

/// 1,000 seeded deliveries: each saga's charge arrives 1 to 3 times and,
/// for half the sagas, its refund 1 to 3 times, all shuffled together.
#[test]
fn seeded_redeliveries_and_reorders_conserve_money() {
    for seed in 0..1000 {
        let mut rng = SplitMix64(seed);
        let sagas = 1 + rng.below(5) as u64;
        let mut msgs = vec![];
        let mut compensated = vec![];
        for saga in 0..sagas {
            let amount = 10 + 10 * rng.below(5) as i64;
            for _ in 0..1 + rng.below(3) {
                msgs.push((saga, amount, false));
            }
            let undo = rng.unit() < 0.5;
            compensated.push((undo, amount));
            if undo {
                for _ in 0..1 + rng.below(3) {
                    msgs.push((saga, amount, true));
                }
            }
        }
        for i in (1..msgs.len()).rev() {
            msgs.swap(i, rng.below(i + 1));
        }
        let mut p = Payments::new(100);
        let mut answers = vec![vec![]; sagas as usize];
        for &(saga, amount, undo) in &msgs {
            if undo {
                assert!(p.refund(saga, amount), "seed {seed}");
            } else {
                answers[saga as usize].push(p.charge(saga, amount));
            }
        }
        assert_eq!(
            p.balance + p.merchant,
            100,
            "seed {seed}: money made or lost"
        );
        let kept: i64 = compensated
            .iter()
            .enumerate()
            .filter(|(s, (undo, _))| !undo && answers[*s].first() == Some(&true))
            .map(|(_, (_, a))| a)
            .sum();
        assert_eq!(
            p.merchant, kept,
            "seed {seed}: the shop keeps only uncompensated charges"
        );
        for (s, a) in answers.iter().enumerate() {
            if !compensated[s].0 {
                assert!(
                    a.windows(2).all(|w| w[0] == w[1]),
                    "seed {seed}: saga {s} got {a:?}"
                );
            }
        }
    }
}
