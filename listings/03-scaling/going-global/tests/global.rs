// The round trips are a matrix, read most plainly by index.
#![allow(clippy::needless_range_loop)]

use going_global::cold::{cold_share, cold_share_simulated};
use going_global::deploy::{DEPLOYMENTS, Deployment, Op};
use going_global::world::{REGIONS, RTT_MS, region};

const LOCAL: f64 = 10.0;

/// The round trips are a distance: symmetric, and smallest within a region.
#[test]
fn the_round_trips_are_symmetric() {
    for a in 0..3 {
        for b in 0..3 {
            assert_eq!(RTT_MS[a][b], RTT_MS[b][a]);
            assert!(RTT_MS[a][a] <= RTT_MS[a][b]);
        }
    }
    assert_eq!(region("eu"), Some(1));
    assert_eq!(region("mars"), None);
}

/// One region: everyone pays the trip to us-east, for everything.
#[test]
fn one_region_charges_the_distance_to_everyone() {
    for at in 0..3 {
        for op in [Op::Read, Op::Write] {
            let ms = Deployment::OneRegion.latency_ms(op, at, at);
            assert_eq!(ms, LOCAL + RTT_MS[at][0]);
        }
    }
}

/// Replicas make reads local, not writes; geo-partitioning makes both
/// local for users at home, and a traveller pays the trip home. A read
/// from a copy in the user's own region costs the same in both.
#[test]
fn replicas_help_reads_and_homes_help_both() {
    for at in 0..3 {
        let replica_read = Deployment::ReadReplicas.latency_ms(Op::Read, at, at);
        assert_eq!(replica_read, LOCAL + RTT_MS[at][at]);
        assert_eq!(
            replica_read,
            Deployment::GeoPartitioned.latency_ms(Op::Read, at, at)
        );
        assert_eq!(
            Deployment::ReadReplicas.latency_ms(Op::Write, at, at),
            LOCAL + RTT_MS[at][0]
        );
        for op in [Op::Read, Op::Write] {
            assert_eq!(
                Deployment::GeoPartitioned.latency_ms(op, at, at),
                LOCAL + RTT_MS[at][at]
            );
        }
    }
    let (eu, ap) = (1, 2);
    assert_eq!(
        Deployment::GeoPartitioned.latency_ms(Op::Read, ap, eu),
        LOCAL + 160.0
    );
}

/// A write replicated to a majority costs at least the round trip from the
/// leader to the nearest other region, for every user, even in us-east.
#[test]
fn a_quorum_write_always_crosses_a_region() {
    for at in 0..3 {
        let write = Deployment::Quorum.latency_ms(Op::Write, at, at);
        assert_eq!(write, LOCAL + RTT_MS[at][0] + 75.0);
        assert!(write > Deployment::OneRegion.latency_ms(Op::Write, at, at));
    }
}

/// A read that must see the latest write asks the leader first, so the
/// copy in every region does not make it cheaper than one region's read.
#[test]
fn a_fresh_quorum_read_asks_the_leader() {
    for at in 0..3 {
        let read = Deployment::Quorum.latency_ms(Op::Read, at, at);
        assert_eq!(read, LOCAL + RTT_MS[at][0]);
        assert_eq!(read, Deployment::OneRegion.latency_ms(Op::Read, at, at));
    }
    assert!(!Deployment::Quorum.stale_reads_possible());
}

/// Only geo-partitioning keeps an EU user's data in the EU; only
/// asynchronous replicas can show a user a read without their own write.
#[test]
fn residency_and_staleness() {
    let eu = 1;
    let kept_in_eu: Vec<&str> = DEPLOYMENTS
        .iter()
        .filter(|d| d.copies_of(eu) == [eu])
        .map(|d| d.name())
        .collect();
    assert_eq!(kept_in_eu, ["geo-partitioned"]);
    let stale: Vec<&str> = DEPLOYMENTS
        .iter()
        .filter(|d| d.stale_reads_possible())
        .map(|d| d.name())
        .collect();
    assert_eq!(stale, ["read replicas"]);
    assert_eq!(REGIONS.len(), 3);
}

/// The cold-start formula agrees with counting seeded random arrivals.
#[test]
fn the_cold_start_formula_matches_a_simulation() {
    for per_minute in [100.0, 1.0, 0.1, 0.5] {
        let formula = cold_share(per_minute, 300.0);
        let counted = cold_share_simulated(per_minute, 300.0, 200_000, 9);
        assert!(
            (formula - counted).abs() < 0.01,
            "{per_minute}: {formula} vs {counted}"
        );
    }
    assert!(cold_share(0.1, 300.0) > 0.6 && cold_share(1.0, 300.0) < 0.01);
}
