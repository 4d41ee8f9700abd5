use std::time::Duration;

use fault_sweep::{Fault, Schedule};
use simulation_testing::{Cache, Op, schedule, simulate, simulate_plans, stale_read};

fn op(client: usize, invoke: u64, ret: Option<u64>, write: bool, version: u64) -> Op {
    Op {
        client,
        key: 0,
        invoke,
        ret,
        write,
        value: version * 10,
        version,
    }
}

// The checker flags a read older than a write acknowledged before it began,
// and nothing else: not a read that overlaps the write, not a write that
// was never acknowledged, not another key.
#[test]
fn the_invariant_flags_only_stale_reads() {
    let write = op(0, 10, Some(20), true, 2);
    let stale = op(1, 25, Some(27), false, 1);
    assert_eq!(stale_read(&[write, stale]), Some((write, stale)));
    let overlapping = op(1, 15, Some(30), false, 1);
    assert_eq!(stale_read(&[write, overlapping]), None);
    let unknown = op(0, 10, None, true, 2);
    assert_eq!(stale_read(&[unknown, stale]), None);
    let other_key = Op { key: 1, ..stale };
    assert_eq!(stale_read(&[write, other_key]), None);
    let fresh = op(1, 25, Some(27), false, 2);
    assert_eq!(stale_read(&[write, fresh]), None);
}

// One seed, one run: the same operations and the same trace every time.
#[test]
fn a_seed_replays_exactly() {
    let a = simulate(Cache::Naive, 0, &schedule(0));
    let b = simulate(Cache::Naive, 0, &schedule(0));
    assert_eq!(a, b);
    let other = simulate(Cache::Naive, 1, &schedule(1));
    assert_ne!(a.1, other.1);
}

// Seed 0 catches the naive cache; tombstones alone close its race; the fixed
// cache holds over the first 20 seeds (the faults step sweeps 1,000).
#[test]
fn seed_zero_separates_the_variants() {
    assert!(stale_read(&simulate(Cache::Naive, 0, &schedule(0)).0).is_some());
    assert!(stale_read(&simulate(Cache::Tombstones, 0, &schedule(0)).0).is_none());
    for seed in 0..20 {
        assert!(stale_read(&simulate(Cache::Fixed, seed, &schedule(seed)).0).is_none());
    }
}

// A schedule the sweep almost never draws: the cache restarts while a
// stale fill is in flight. Every message takes 20 ms. c1 misses k0 and
// reads v0 from the db (at 61 ms); c2's write of k0 reaches the db at 70 ms
// (v1), whose drop reaches the cache at 90 ms; the cache crashes at 93 ms
// and is back at 97 ms, so its tombstone is gone when c1's fill of v0 lands
// at 101 ms. c2 has its answer at 130 ms; c3 reads k0 at 150 ms. Tombstones
// alone take the fill and serve v0; the restarted cache's floor refuses it.
#[test]
fn a_restart_between_drop_and_fill_needs_the_floor() {
    let every_message = Duration::from_millis(20);
    let restart = Schedule {
        min_latency: every_message,
        max_latency: every_message,
        loss: 0.0,
        events: vec![
            (Duration::from_millis(93), Fault::Crash("cache".into())),
            (Duration::from_millis(97), Fault::Restart("cache".into())),
        ],
    };
    let plans = || {
        vec![
            vec![(1, 0, false)],   // c1: read k0
            vec![(50, 0, true)],   // c2: write k0
            vec![(150, 0, false)], // c3: read k0
        ]
    };
    let run = |cache| simulate_plans(cache, 0, &restart, plans());
    let (ops, trace) = run(Cache::Tombstones);
    let stale = stale_read(&ops);
    assert!(
        stale.is_some(),
        "tombstones should serve v0:\n{}",
        trace.join("\n")
    );
    assert!(stale_read(&run(Cache::Naive).0).is_some());
    let (ops, trace) = run(Cache::Fixed);
    assert_eq!(
        ops.len(),
        3,
        "every operation answered:\n{}",
        trace.join("\n")
    );
    assert_eq!(stale_read(&ops), None, "{}", trace.join("\n"));
}
