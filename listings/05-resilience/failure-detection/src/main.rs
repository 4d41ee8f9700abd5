//! `cargo run -p failure-detection`: health checks, detectors, fencing;
//! `-- health`, `-- detectors`, `-- no-pauses`, `-- failover`,
//! `-- split-brain` or `-- sweep` runs one part.

use failure_detection::detector::{self, FixedTimeout, HEARTBEATS, NOISY, PhiAccrual, QUIET};
use failure_detection::fencing::{self, Schedule, Variant};
use failure_detection::health;

fn main() {
    let part = std::env::args().nth(1);
    let run = |name: &str| part.as_deref().is_none_or(|p| p == name);
    if run("health") {
        health_checks();
    }
    if run("detectors") {
        detectors();
    }
    if run("no-pauses") {
        no_pauses();
    }
    if run("failover") {
        failover();
    }
    if run("split-brain") {
        split_brain();
    }
    if run("sweep") {
        sweep();
    }
}

fn health_checks() {
    println!("health checks: 3 instances, a request every 10 ms for 60 s, probes every 10 s;");
    println!("instance 2's disk fills up at 20 s (its process keeps running)");
    for (name, deep) in [("shallow readiness", false), ("deep readiness", true)] {
        let (failed, removed) = health::disk_full_run(deep);
        let removed = match removed {
            Some(ms) => format!("removed at {} s", ms / 1000),
            None => "never removed".to_string(),
        };
        println!("  {name:<17}: {failed:>4} of 6000 requests failed, instance 2 {removed}");
    }
}

fn detectors() {
    println!("failure detectors: heartbeats every 1 s for 10 hours per link");
    // ANCHOR: compare
    for link in [QUIET, NOISY] {
        let trace = detector::arrivals(&link, 7, HEARTBEATS);
        println!("{} link:", link.name);
        println!("  detector        false suspicions/hour  time to suspect a crash");
        for timeout in [1500.0, 2000.0, 3000.0, 5000.0] {
            let s = detector::score(&mut FixedTimeout(timeout), &trace);
            println!(
                "  timeout {:>4.1} s  {:>21.2}  {:>19.2} s",
                timeout / 1000.0,
                s.false_suspicions_per_hour,
                s.mean_detection_ms / 1000.0
            );
        }
        for threshold in [1.0, 3.0, 8.0, 12.0] {
            let mut phi = PhiAccrual::new(threshold, 1000, 100.0);
            let s = detector::score(&mut phi, &trace);
            println!(
                "  phi > {threshold:<4}      {:>21.2}  {:>19.2} s",
                s.false_suspicions_per_hour,
                s.mean_detection_ms / 1000.0
            );
        }
    }
    // ANCHOR_END: compare
}

/// The noisy link without its garbage-collection pauses: what is left is
/// the delay's exponential tail.
fn no_pauses() {
    let link = detector::Link {
        pause_chance: 0.0,
        ..NOISY
    };
    let trace = detector::arrivals(&link, 7, HEARTBEATS);
    println!("noisy link, pause_chance 0.0:");
    let s = detector::score(&mut PhiAccrual::new(8.0, 1000, 100.0), &trace);
    println!(
        "  phi > 8: {:.2} false suspicions/hour, {:.2} s to suspect a crash",
        s.false_suspicions_per_hour,
        s.mean_detection_ms / 1000.0
    );
}

// ANCHOR: failover
/// What a crash and the detector's mistakes cost each kind of failover, with
/// phi > 8 on the noisy link, 100 writes a second, three nodes. Arithmetic on
/// the detector's measured score, not a simulation of the failover.
fn failover() {
    let trace = detector::arrivals(&NOISY, 7, HEARTBEATS);
    let score = detector::score(&mut PhiAccrual::new(8.0, 1000, 100.0), &trace);
    let detect_s = score.mean_detection_ms / 1000.0;
    let per_day = score.false_suspicions_per_hour * 24.0;
    let (writes_per_s, promotion_s, nodes) = (100.0, 1.0, 3.0);
    println!(
        "failover, phi > 8 on the noisy link: {detect_s:.2} s to suspect a crash, {per_day:.0} false suspicions a day"
    );
    // Active-passive: every write fails until the standby is promoted.
    let lost_ap = (detect_s + promotion_s) * writes_per_s;
    println!(
        "  active-passive: a crash fails {lost_ap:.0} writes ({detect_s:.2} s + {promotion_s:.1} s promotion, all traffic);"
    );
    println!(
        "                  each false suspicion is a needless failover: {per_day:.0} a day, {:.0} failed writes",
        per_day * promotion_s * writes_per_s
    );
    // Active-active: only the dead node's share fails, until it leaves rotation.
    let lost_aa = detect_s * writes_per_s / nodes;
    println!(
        "  active-active:  a crash fails {lost_aa:.0} writes (one node's third of the traffic for {detect_s:.2} s);"
    );
    println!(
        "                  a false suspicion only takes a node out of rotation for a while: 0 failed writes"
    );
    println!(
        "  a crash costs active-passive {:.1} times what it costs active-active",
        lost_ap / lost_aa
    );
}
// ANCHOR_END: failover

fn split_brain() {
    println!("split brain: A holds the lock, freezes from 260 ms to 3000 ms, then writes");
    for variant in [Variant::ClientClock, Variant::Fencing] {
        let outcome = fencing::run(variant, 1, &Schedule::paused_primary());
        println!("{}:", variant.name());
        for line in &outcome.trace {
            println!("  {line}");
        }
        println!(
            "  => {} writes accepted, {} rejected, {} accepted from a stale holder",
            outcome.storage.accepted.len(),
            outcome.storage.rejected,
            outcome.stale_accepted.len()
        );
    }
}

/// The faults binary's sweep, all three variants over the same 1,000 seeds.
fn sweep() {
    println!("fencing under faults: 1000 seeded schedules per variant");
    for variant in Variant::ALL {
        let broken = (0..1000)
            .filter(|&seed| {
                !fencing::run(variant, seed, &Schedule::generate(seed))
                    .stale_accepted
                    .is_empty()
            })
            .count();
        println!(
            "  {:<12} {broken:>4} of 1000 seeds accepted a stale write",
            variant.name()
        );
    }
}
