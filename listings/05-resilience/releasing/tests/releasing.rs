//! The release strategies, the judge, flags, discovery and the reconcile
//! loop, each pinned by the behaviour the chapter claims.

use releasing::discovery::{self, Exit, Registry};
use releasing::flags::{FlagStore, user};
use releasing::judge::{Counts, Judge, Verdict};
use releasing::reconcile::{
    self, Action, Desired, Instance, Schedule, State, Variant, converged, reconcile,
};
use releasing::rollout::{self, Fault, Strategy, Version};

const BAD: Fault = Fault {
    v1_permille: 10,
    v2_permille: 200,
};
const GOOD: Fault = Fault {
    v1_permille: 10,
    v2_permille: 10,
};
const JUDGE: Judge = Judge {
    min_samples: 100,
    threshold_points: 5,
    every: 10,
};

fn counts(requests: u64, failures: u64) -> Counts {
    Counts { requests, failures }
}

// The fault is a function of the seed and the request id: every strategy
// meets the same failing requests.
#[test]
fn the_fault_is_the_same_for_every_strategy() {
    for id in 0..1000 {
        assert_eq!(
            rollout::fails(7, id, Version::V2, BAD),
            rollout::fails(7, id, Version::V2, BAD)
        );
    }
    let failing = (0..100_000)
        .filter(|&id| rollout::fails(7, id, Version::V2, BAD))
        .count();
    assert!((19_000..21_000).contains(&failing), "{failing}");
}

// Below the minimum sample the judge waits, however bad the canary looks.
#[test]
fn no_verdict_on_three_requests() {
    assert_eq!(
        JUDGE.verdict(counts(10_000, 100), counts(3, 3)),
        Verdict::Wait
    );
    assert_eq!(
        JUDGE.verdict(counts(10_000, 100), counts(99, 99)),
        Verdict::Wait
    );
    assert_eq!(
        JUDGE.verdict(counts(10_000, 100), counts(100, 99)),
        Verdict::Rollback
    );
}

// Rates, not counts: the canary's 10 failures of 100 are far worse than the
// baseline's 100 of 10,000, though 10 < 100.
#[test]
fn rates_not_counts() {
    assert_eq!(
        JUDGE.verdict(counts(10_000, 100), counts(100, 10)),
        Verdict::Rollback
    );
    // 6% against 1% is exactly 5 points: not more than the threshold.
    assert_eq!(
        JUDGE.verdict(counts(10_000, 100), counts(100, 6)),
        Verdict::Pass
    );
    assert_eq!(
        JUDGE.verdict(counts(10_000, 100), counts(100, 7)),
        Verdict::Rollback
    );
}

// The four strategies on the recorded seed: all at once leaves the fleet
// without a ready instance twice for 20 s; the others never do; the canary
// fails the fewest requests and needs the fewest extra instances.
#[test]
fn four_strategies_on_one_fault() {
    let run = |s| rollout::run(s, 1, BAD, JUDGE);
    let (all, rolling, bg, canary) = (
        run(Strategy::AllAtOnce),
        run(Strategy::Rolling),
        run(Strategy::BlueGreen),
        run(Strategy::Canary),
    );
    assert_eq!(all.no_instance, 2 * 20 * 100);
    for r in [&rolling, &bg, &canary] {
        assert_eq!(r.no_instance, 0);
        assert!(r.detected_after.is_some());
    }
    assert_eq!(rolling.peak_instances, 13);
    assert_eq!(bg.peak_instances, 20);
    assert_eq!(bg.rolled_back_in, Some(0));
    assert!(canary.failed_by_release < bg.failed_by_release);
    assert!(bg.failed_by_release < rolling.failed_by_release);
    assert!(rolling.failed_by_release < all.failed_by_release);
}

// A good release goes through the canary on every seed tried, while a judge
// that decides on 3 requests rolls some of them back.
#[test]
fn a_good_release_passes_the_canary() {
    let hasty = Judge {
        min_samples: 3,
        ..JUDGE
    };
    let mut hasty_rollbacks = 0;
    for seed in 0..200 {
        let r = rollout::run(Strategy::Canary, seed, GOOD, JUDGE);
        assert_eq!(r.detected_after, None, "seed {seed}");
        assert!(r.promoted_after.is_some(), "seed {seed}");
        hasty_rollbacks += rollout::run(Strategy::Canary, seed, GOOD, hasty)
            .detected_after
            .is_some() as u32;
    }
    assert!(hasty_rollbacks > 0);
}

// Same user, same answer; raising the percentage only adds users; the
// kill switch turns the feature off for everyone.
#[test]
fn flags_are_sticky_monotone_and_killable() {
    let mut store = FlagStore::new();
    store.set_rollout("f", 10);
    let before: Vec<bool> = (0..20_000).map(|i| store.enabled("f", &user(i))).collect();
    let on = before.iter().filter(|&&b| b).count();
    assert!((1_800..2_200).contains(&on), "{on}");
    for (i, &b) in before.iter().enumerate().take(500) {
        assert_eq!(store.enabled("f", &user(i as u64)), b);
    }
    store.set_rollout("f", 20);
    for (i, &b) in before.iter().enumerate() {
        assert!(!b || store.enabled("f", &user(i as u64)));
    }
    store.kill("f");
    assert!((0..20_000).all(|i| !store.enabled("f", &user(i))));
    assert!(!store.enabled("unknown", "user-1"));
}

// An entry lives TTL seconds after its last heartbeat; deregistering
// before stopping loses no request, a crash loses some.
#[test]
fn registrations_expire_and_deregistering_loses_nothing() {
    let mut r = Registry::new(10);
    r.heartbeat("a", 0);
    assert_eq!(r.lookup(9), vec!["a".to_string()]);
    assert!(r.lookup(10).is_empty());
    assert_eq!(discovery::lost_requests(Exit::DeregisterFirst, 10, 5), 0);
    assert!(discovery::lost_requests(Exit::Crash, 10, 5) > 0);
    assert!(
        discovery::lost_requests(Exit::Crash, 30, 5) > discovery::lost_requests(Exit::Crash, 10, 5)
    );
}

// Reconciling twice on the same world asks for nothing new: the starts of
// the first pass are in the world as Starting.
#[test]
fn reconcile_is_idempotent() {
    let desired = Desired {
        replicas: 3,
        version: 2,
    };
    let mut world = vec![Instance {
        id: 0,
        version: 2,
        state: State::Running,
    }];
    let first = reconcile(desired, &world);
    assert_eq!(first, vec![Action::Start, Action::Start]);
    for id in 1..3 {
        world.push(Instance {
            id,
            version: 2,
            state: State::Starting {
                ready_at: 5,
                will_fail: false,
            },
        });
    }
    assert_eq!(reconcile(desired, &world), vec![]);
    for i in world.iter_mut() {
        i.state = State::Running;
    }
    assert!(converged(desired, &world));
}

// Without faults both controllers converge; with seed 1's two lost events
// only the level-triggered one does.
#[test]
fn a_lost_event_strands_the_edge_controller() {
    let calm = Schedule {
        crashes: vec![],
        failed_start_permille: 0,
        lost_event_permille: 0,
        restart: None,
    };
    for v in Variant::ALL {
        assert!(reconcile::holds(&reconcile::run(v, 1, &calm)), "{v:?}");
    }
    let s = Schedule::generate(1);
    assert!(reconcile::holds(&reconcile::run(Variant::Level, 1, &s)));
    assert!(!reconcile::holds(&reconcile::run(Variant::Edge, 1, &s)));
}

// The level-triggered controller converges within the bound on every seed.
#[test]
fn level_triggered_converges_over_seeds() {
    for seed in 0..300 {
        let o = reconcile::run(Variant::Level, seed, &Schedule::generate(seed));
        assert!(reconcile::holds(&o), "seed {seed}");
    }
}

// Faults the sweep does not generate: the controller wakes every second
// (as duplicate events would wake it), acts on a view of the fleet up to
// 2 s old (an informer's cache lags), and a restart in the middle of its
// actions applies only some of them. The level-triggered step still
// converges, because each pass starts again from what it sees.
#[test]
fn level_triggered_survives_stale_views_and_cut_actions() {
    let desired = Desired {
        replicas: 5,
        version: 2,
    };
    for seed in 0..300u64 {
        let mut rng = seeded::SplitMix64(seed);
        let mut world: Vec<Instance> = (0..5)
            .map(|id| Instance {
                id,
                version: 1,
                state: State::Running,
            })
            .collect();
        let mut history: Vec<Vec<Instance>> = Vec::new();
        let mut next_id = 5;
        let mut converged_at = None;
        for now in 0..150u64 {
            let faulty = now < 60;
            for i in world.iter_mut() {
                if let State::Starting {
                    ready_at,
                    will_fail,
                } = i.state
                    && ready_at <= now
                {
                    i.state = if will_fail {
                        State::Failed
                    } else {
                        State::Running
                    };
                }
            }
            let running: Vec<usize> = (0..world.len())
                .filter(|&k| world[k].state == State::Running)
                .collect();
            if faulty && rng.below(20) == 0 && !running.is_empty() {
                world[running[rng.below(running.len())]].state = State::Failed;
            }
            history.push(world.clone());
            let lag = if faulty { rng.below(3) } else { 0 };
            let view = &history[history.len() - 1 - lag.min(history.len() - 1)];
            let mut actions = reconcile(desired, view);
            if faulty && rng.below(4) == 0 {
                actions.truncate(rng.below(actions.len() + 1));
            }
            for a in actions {
                match a {
                    Action::Start => {
                        world.push(Instance {
                            id: next_id,
                            version: desired.version,
                            state: State::Starting {
                                ready_at: now + 5,
                                will_fail: faulty && rng.below(5) == 0,
                            },
                        });
                        next_id += 1;
                    }
                    Action::Delete(id) => world.retain(|i| i.id != id),
                }
            }
            if converged(desired, &world) {
                converged_at.get_or_insert(now);
            } else {
                converged_at = None;
            }
        }
        assert!(converged_at.is_some_and(|t| t <= 90), "seed {seed}");
    }
}
