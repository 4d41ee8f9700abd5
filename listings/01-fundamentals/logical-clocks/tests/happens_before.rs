//! Property tests: on random message-passing histories, each clock is
//! checked against the true happens-before relation, computed from the
//! history alone.

use logical_clocks::rng::SplitMix64;
use logical_clocks::tally::{skewed_wall_stamps, tally};
use logical_clocks::{Causality, History, lamport_stamps, vector_stamps};
use proptest::prelude::*;

/// Up to 5 processes and 40 events, as raw choices that `from_choices` turns
/// into a valid history (so shrinking always yields a valid history too).
fn histories() -> impl Strategy<Value = History> {
    (
        1usize..=5,
        prop::collection::vec(any::<(u8, u8, u8)>(), 0..40),
    )
        .prop_map(|(processes, choices)| History::from_choices(processes, &choices))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    // Pins Lamport's clock condition: a -> b implies L(a) < L(b).
    #[test]
    fn lamport_respects_happens_before(history in histories()) {
        let hb = history.happens_before();
        let stamps = lamport_stamps(&history);
        for a in 0..stamps.len() {
            for b in 0..stamps.len() {
                if hb[a][b] {
                    prop_assert!(stamps[a] < stamps[b], "{a} -> {b} but L = {} vs {}", stamps[a], stamps[b]);
                }
            }
        }
    }

    // Pins the one case where a Lamport stamp proves concurrency: two
    // different events with equal stamps, since a -> b forces L(a) < L(b).
    #[test]
    fn equal_lamport_stamps_mean_concurrent(history in histories()) {
        let hb = history.happens_before();
        let stamps = lamport_stamps(&history);
        for a in 0..stamps.len() {
            for b in 0..stamps.len() {
                if a != b && stamps[a] == stamps[b] {
                    prop_assert!(!hb[a][b] && !hb[b][a], "{a} and {b} share L = {} but are ordered", stamps[a]);
                }
            }
        }
    }

    // Pins the vector clock's stronger promise: a -> b exactly when V(a) < V(b).
    #[test]
    fn vector_order_is_exactly_happens_before(history in histories()) {
        let hb = history.happens_before();
        let stamps = vector_stamps(&history);
        for a in 0..stamps.len() {
            for b in 0..stamps.len() {
                prop_assert_eq!(hb[a][b], stamps[a] < stamps[b], "events {} and {}", a, b);
            }
        }
    }

    // Pins that concurrent events, and only they, get incomparable stamps.
    #[test]
    fn concurrent_exactly_when_incomparable(history in histories()) {
        let hb = history.happens_before();
        let stamps = vector_stamps(&history);
        for a in 0..stamps.len() {
            for b in 0..stamps.len() {
                let concurrent = a != b && !hb[a][b] && !hb[b][a];
                prop_assert_eq!(concurrent, stamps[a].partial_cmp(&stamps[b]).is_none());
                prop_assert_eq!(concurrent, stamps[a].compare(&stamps[b]) == Causality::Concurrent);
            }
        }
    }

    // Pins that happens-before is a strict partial order (irreflexive,
    // antisymmetric), which the other properties silently rely on.
    #[test]
    fn happens_before_is_a_strict_partial_order(history in histories()) {
        let hb = history.happens_before();
        for (a, row) in hb.iter().enumerate() {
            prop_assert!(!row[a]);
            for (b, &a_before_b) in row.iter().enumerate() {
                prop_assert!(!(a_before_b && hb[b][a]));
            }
        }
    }

    // Pins that with exact clocks (no skew) real time never misorders a -> b:
    // the wall clock's trouble in the demo comes from skew alone.
    #[test]
    fn exact_wall_clocks_never_misorder(history in histories(), seed in any::<u64>()) {
        let skew = vec![0; history.processes()];
        let wall = skewed_wall_stamps(&history, &skew, 10, &mut SplitMix64::new(seed));
        let t = tally(&history, &wall);
        prop_assert_eq!(t.wall_wrong, 0);
        prop_assert_eq!(t.lamport_wrong, 0);
        prop_assert_eq!(t.vector_wrong, 0);
        prop_assert_eq!(t.vector_concurrent, t.concurrent_pairs);
    }
}
