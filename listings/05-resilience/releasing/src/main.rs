//! `cargo run -p releasing` rolls one bad release out four ways;
//! `-- good` counts false rollbacks of a good release over 1,000 seeds;
//! `-- flags`, `-- discovery` and `-- reconcile` print the other parts.

use releasing::discovery::{self, Exit};
use releasing::flags::{FlagStore, user};
use releasing::judge::Judge;
use releasing::reconcile::{self, BOUND, FAULTS_END, Schedule, Variant};
use releasing::rollout::{self, Fault, Strategy};

pub const SEED: u64 = 1;
pub const BAD: Fault = Fault {
    v1_permille: 10,
    v2_permille: 200,
};
pub const GOOD: Fault = Fault {
    v1_permille: 10,
    v2_permille: 10,
};

// ANCHOR: judge_config
pub const JUDGE: Judge = Judge {
    min_samples: 100,
    threshold_points: 5,
    every: 10,
};
// ANCHOR_END: judge_config

/// A judge that decides as soon as it has 3 requests.
pub const HASTY: Judge = Judge {
    min_samples: 3,
    ..JUDGE
};

fn secs(t: Option<u64>) -> String {
    t.map_or("never".into(), |t| format!("{t} s"))
}

fn strategies() {
    println!(
        "fleet: {} instances, {} requests/s; v1 fails {:.1}% of requests, v2 fails {:.1}%",
        rollout::DESIRED,
        rollout::RATE,
        BAD.v1_permille as f64 / 10.0,
        BAD.v2_permille as f64 / 10.0
    );
    println!(
        "release at {} s; a new instance serves {} s after it starts; seed {SEED}",
        rollout::RELEASE_AT,
        rollout::STARTUP
    );
    println!(
        "judge: every {} s, roll back when v2's error rate is more than {} points above v1's, on >= {} v2 requests",
        JUDGE.every, JUDGE.threshold_points, JUDGE.min_samples
    );
    println!();
    println!(
        "{:<24}{:>8}{:>10}{:>13}{:>7}",
        "strategy", "failed", "detected", "rolled back", "peak"
    );
    println!(
        "{:<24}{:>8}{:>10}{:>13}{:>7}",
        "", "requests", "after", "in", "size"
    );
    for s in Strategy::ALL {
        let r = rollout::run(s, SEED, BAD, JUDGE);
        println!(
            "{:<24}{:>8}{:>10}{:>13}{:>7}",
            s.name(),
            r.failed_by_release,
            secs(r.detected_after),
            secs(r.rolled_back_in),
            r.peak_instances
        );
    }
}

/// `-- good` compares `JUDGE` with `HASTY`; `-- good 20` runs `JUDGE` with
/// that minimum alone.
fn good(min_samples: Option<u64>) {
    const SEEDS: u64 = 1000;
    println!("canary 1% > 10% > 50%, {SEEDS} seeds each");
    let judges = match min_samples {
        Some(min_samples) => vec![Judge {
            min_samples,
            ..JUDGE
        }],
        None => vec![JUDGE, HASTY],
    };
    for judge in judges {
        let name = format!("judge on >= {}", judge.min_samples);
        let mut false_rollbacks = 0;
        let mut caught = 0;
        let mut detect_total = 0;
        let mut failed_total = 0;
        let (mut promoted, mut promoted_total, mut peak) = (0, 0, 0);
        // Seeds run on every core; the totals do not depend on the order.
        let runs = seeded::sweep::every_seed(SEEDS, |seed| {
            (
                rollout::decide(Strategy::Canary, seed, GOOD, judge),
                rollout::decide(Strategy::Canary, seed, BAD, judge),
            )
        });
        for (_, (g, b)) in runs {
            false_rollbacks += u64::from(g.detected_after.is_some());
            if let Some(t) = g.promoted_after {
                promoted += 1;
                promoted_total += t;
            }
            peak = peak.max(g.peak_instances);
            if let Some(t) = b.detected_after {
                caught += 1;
                detect_total += t;
            }
            failed_total += b.failed_by_release;
        }
        println!("{name}: good release rolled back in {false_rollbacks} of {SEEDS} seeds");
        println!(
            "{name}: good release promoted in {promoted} of {SEEDS}, after {} s on average, at most {peak} instances",
            promoted_total / promoted.max(1)
        );
        println!(
            "{name}: bad release caught in {caught} of {SEEDS}, after {} s and {} failed requests on average",
            detect_total / caught.max(1),
            failed_total / SEEDS
        );
    }
}

fn flags() {
    const USERS: u64 = 100_000;
    let mut store = FlagStore::new();
    store.set_rollout("new-checkout", 10);
    let on = (0..USERS)
        .filter(|&i| store.enabled("new-checkout", &user(i)))
        .count();
    println!("new-checkout at 10%: {on} of {USERS} users");
    let mut per_decile = [0u64; 10];
    for i in 0..USERS {
        per_decile[(store.bucket("new-checkout", &user(i)) / 1000) as usize] += 1;
    }
    println!("users per 10% slice of buckets: {per_decile:?}");
    let changed = (0..1000u64)
        .flat_map(|_| (0..100).map(|i| store.enabled("new-checkout", &user(i))))
        .collect::<Vec<_>>()
        .chunks(100)
        .filter(|answers| {
            *answers
                != (0..100)
                    .map(|i| store.enabled("new-checkout", &user(i)))
                    .collect::<Vec<_>>()
        })
        .count();
    println!("100 users asked 1000 times: {changed} answers changed");
    let before: Vec<bool> = (0..USERS)
        .map(|i| store.enabled("new-checkout", &user(i)))
        .collect();
    store.set_rollout("new-checkout", 20);
    let lost = (0..USERS)
        .filter(|&i| before[i as usize] && !store.enabled("new-checkout", &user(i)))
        .count();
    let now_on = (0..USERS)
        .filter(|&i| store.enabled("new-checkout", &user(i)))
        .count();
    println!("raised to 20%: {now_on} users, {lost} of the first 10% lost it");
    for salted in [true, false] {
        let mut s = FlagStore::new();
        s.salt_with_flag_name = salted;
        s.set_rollout("new-checkout", 10);
        s.set_rollout("new-search", 10);
        let both = (0..USERS)
            .filter(|&i| s.enabled("new-checkout", &user(i)) && s.enabled("new-search", &user(i)))
            .count();
        println!(
            "two flags at 10%, hash {}: {both} users have both",
            if salted {
                "of flag and user"
            } else {
                "of user alone"
            }
        );
    }
    store.kill("new-checkout");
    let on = (0..USERS)
        .filter(|&i| store.enabled("new-checkout", &user(i)))
        .count();
    println!("kill switch on: {on} users");
}

fn service_discovery() {
    println!(
        "3 instances, 10 requests/s round robin; b leaves at {} s",
        discovery::STOP_AT
    );
    println!("{:<44}{:>16}", "how b leaves", "requests to b");
    println!("{:<44}{:>16}", "", "after it stopped");
    for (name, exit, ttl, cache) in [
        (
            "crash, registry TTL 10 s, client cache 5 s",
            Exit::Crash,
            10,
            5,
        ),
        (
            "crash, registry TTL 30 s, client cache 5 s",
            Exit::Crash,
            30,
            5,
        ),
        ("deregister, wait 5 s, stop", Exit::DeregisterFirst, 10, 5),
    ] {
        println!(
            "{name:<44}{:>16}",
            discovery::lost_requests(exit, ttl, cache)
        );
    }
}

fn reconciling() {
    const SEEDS: u64 = 1000;
    println!(
        "desired: 5 replicas of v2; faults for {FAULTS_END} s; {SEEDS} seeds; must converge by {} s",
        FAULTS_END + BOUND
    );
    for v in Variant::ALL {
        let mut failed = 0;
        let mut latest = 0;
        let mut lost = 0;
        for seed in 0..SEEDS {
            let o = reconcile::run(v, seed, &Schedule::generate(seed));
            lost += u64::from(o.lost_events);
            match o.converged_at {
                Some(t) if reconcile::holds(&o) => latest = latest.max(t),
                _ => failed += 1,
            }
        }
        println!(
            "{:<6} {lost:>5} events lost, {failed:>4} seeds not converged, latest convergence at {latest} s",
            v.name()
        );
    }
}

fn main() {
    match std::env::args().nth(1).as_deref() {
        None => strategies(),
        Some("good") => match std::env::args().nth(2).map(|n| n.parse()) {
            None => good(None),
            Some(Ok(n)) if n > 0 => good(Some(n)),
            Some(_) => {
                eprintln!("usage: cargo run -p releasing -- good [min_samples > 0]");
                std::process::exit(2);
            }
        },
        Some("flags") => flags(),
        Some("discovery") => service_discovery(),
        Some("reconcile") => reconciling(),
        Some(other) => {
            eprintln!("unknown part `{other}`: use good, flags, discovery or reconcile");
            std::process::exit(2);
        }
    }
}
