//! Real threads on a shared register, judged by the linearizability check.

use consistency_checker::concurrent::{
    AtomicRegister, CachedRegister, Plan, Step, forces_stale_read, record, seeded_plan,
};
use consistency_checker::{OpKind, linearizable, sequentially_consistent};

const CLIENTS: usize = 4;
const ROUNDS: usize = 12;

// Pins the main claim on real concurrency: whatever the threads' timing, a
// single atomic register produces linearizable histories. Each plan runs
// three times, so the scheduler gets three chances to interleave a round
// differently (nothing forces it to).
#[test]
fn an_atomic_register_is_linearizable_under_threads() {
    for seed in 0..100 {
        let plan = seeded_plan(seed, CLIENTS, ROUNDS);
        for _ in 0..3 {
            let h = record(&AtomicRegister::default(), &plan);
            assert!(linearizable(&h).is_some(), "seed {seed}: {h:?}");
        }
    }
}

// ANCHOR: stale_test
// Pins that the check catches a broken register, for the right reason and
// without relying on timing: B fetches 0, A writes 3 in the next round, and
// B's cached read in the round after that still returns 0. Only real time
// rules that out: ignore it, and "B, B, then A" is a sequential order.
#[test]
fn a_stale_cache_is_caught() {
    use Step::{Read, Rest, Write};
    let plan: Plan = vec![vec![Rest, Read], vec![Write, Rest], vec![Rest, Read]];
    assert!(forces_stale_read(&plan));
    for _ in 0..20 {
        let h = record(&CachedRegister::new(2, 1), &plan);
        let kinds: Vec<OpKind> = h.ops().iter().map(|op| op.kind).collect();
        assert_eq!(kinds, [OpKind::Read(0), OpKind::Write(3), OpKind::Read(0)]);
        assert!(linearizable(&h).is_none(), "{h:?}");
        assert!(sequentially_consistent(&h).is_some(), "{h:?}");
        assert!(linearizable(&record(&AtomicRegister::default(), &plan)).is_some());
    }
}
// ANCHOR_END: stale_test

// Pins the same on seeded plans: whenever the plan forces a stale read,
// the cached register's history is rejected, on each of three runs.
#[test]
fn a_stale_cache_is_caught_on_seeded_plans() {
    let mut forced = 0;
    for seed in 0..100 {
        let plan = seeded_plan(seed, CLIENTS, ROUNDS);
        if forces_stale_read(&plan) {
            forced += 1;
            for _ in 0..3 {
                let h = record(&CachedRegister::new(CLIENTS, 1), &plan);
                assert!(linearizable(&h).is_none(), "seed {seed}: {h:?}");
            }
        }
    }
    assert!(forced > 50, "only {forced} of 100 plans force a stale read");
}
