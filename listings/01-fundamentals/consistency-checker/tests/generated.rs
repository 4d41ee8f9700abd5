//! Property tests on generated histories.

use consistency_checker::simulate::{ReadsFrom, run};
use consistency_checker::{History, Op, OpKind, Verdict, linearizable};
use proptest::prelude::*;

/// A schedule: the choices the simulation makes, replayed in order (0 once
/// they run out), so proptest can shrink a failing schedule.
fn replay(choices: Vec<u64>) -> impl FnMut(u64) -> u64 {
    let mut next = choices.into_iter();
    move |n| next.next().unwrap_or(0) % n
}

fn schedules() -> impl Strategy<Value = (usize, usize, Vec<u64>)> {
    (
        1usize..=4,
        0usize..=4,
        prop::collection::vec(any::<u64>(), 0..80),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    // Pins the hierarchy on stale-read histories: each model implies the
    // next weaker one.
    #[test]
    fn models_nest_on_replica_histories((clients, ops, choices) in schedules(), lag in 0u64..12) {
        let h = run(clients, ops, ReadsFrom::Replica { lag }, &mut replay(choices));
        let v = Verdict::of(&h);
        prop_assert!(!v.linearizable || v.sequential);
        prop_assert!(!v.sequential || v.causal);
        prop_assert!(!v.causal || v.written_values);
    }

    // Pins that a replica with no lag is the primary in disguise.
    #[test]
    fn a_replica_without_lag_is_linearizable((clients, ops, choices) in schedules()) {
        let h = run(clients, ops, ReadsFrom::Replica { lag: 0 }, &mut replay(choices));
        prop_assert!(linearizable(&h).is_some());
    }

    // Pins that the checker can say no: corrupting one read of a
    // linearizable history into a value nobody wrote fails every model.
    #[test]
    fn a_made_up_read_fails_every_model((clients, ops, choices) in schedules(), which in any::<usize>()) {
        let h = run(clients, ops, ReadsFrom::Primary, &mut replay(choices));
        let reads: Vec<usize> = (0..h.ops().len())
            .filter(|&i| matches!(h.ops()[i].kind, OpKind::Read(_)))
            .collect();
        prop_assume!(!reads.is_empty());
        let mut corrupted: Vec<Op> = h.ops().to_vec();
        corrupted[reads[which % reads.len()]].kind = OpKind::Read(1_000);
        let v = Verdict::of(&History::new(corrupted).unwrap());
        prop_assert!(!v.linearizable && !v.sequential && !v.causal && !v.written_values);
    }
}
