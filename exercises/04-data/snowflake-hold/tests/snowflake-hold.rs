//! The specification of `Generator::next_id`.

use seeded::SplitMix64;
use snowflake_hold::{ClockBehind, Generator, MAX_AHEAD_MILLIS, MAX_SEQUENCE, compose, fields};

/// Runs `clocks` through one generator: the IDs, and how many were refused.
fn run(clocks: &[u64]) -> (Vec<u64>, usize) {
    let mut g = Generator::new(7);
    let mut ids = Vec::new();
    let mut refused = 0;
    for &now in clocks {
        match g.next_id(now) {
            Ok(id) => ids.push(id),
            Err(ClockBehind(_)) => refused += 1,
        }
    }
    (ids, refused)
}

fn rising(ids: &[u64]) -> bool {
    ids.windows(2).all(|w| w[0] < w[1])
}

#[test]
fn a_steady_clock_gives_the_usual_ids() {
    let (ids, _) = run(&[5, 5, 6, 9]);
    assert_eq!(
        ids,
        vec![
            compose(5, 7, 0),
            compose(5, 7, 1),
            compose(6, 7, 0),
            compose(9, 7, 0)
        ]
    );
}

#[test]
fn the_chapters_clock_step_costs_nothing() {
    // 4 requests a millisecond for 100 ms; from 50 ms the clock reads 5 ms
    // behind.
    let clocks: Vec<u64> = (0..100u64)
        .flat_map(|t| std::iter::repeat_n(1_000 + if t < 50 { t } else { t - 5 }, 4))
        .collect();
    let (ids, refused) = run(&clocks);
    assert_eq!((ids.len(), refused), (400, 0));
    assert!(rising(&ids), "every ID larger than the one before");
    // While the clock is behind, IDs keep the last millisecond (1049) and
    // go on counting, so they do not run ahead of it for long: once the
    // clock reads 1050 again, IDs carry the clock's time.
    assert_eq!(fields(ids[199]), (1_049, 7, 3));
    assert_eq!(
        fields(ids[200]),
        (1_049, 7, 4),
        "held at 1049, sequence goes on"
    );
    assert_eq!(fields(ids[219]), (1_049, 7, 23));
    assert_eq!(fields(ids[220]), (1_050, 7, 0), "the clock caught up");
    assert_eq!(fields(*ids.last().unwrap()), (1_094, 7, 3));
}

#[test]
fn a_full_millisecond_borrows_the_next_one() {
    let clocks = vec![20; MAX_SEQUENCE as usize + 3];
    let (ids, refused) = run(&clocks);
    assert_eq!(refused, 0, "a burst is not an error");
    assert!(rising(&ids));
    assert_eq!(fields(ids[MAX_SEQUENCE as usize]), (20, 7, MAX_SEQUENCE));
    assert_eq!(fields(ids[MAX_SEQUENCE as usize + 1]), (21, 7, 0));
    assert_eq!(fields(ids[MAX_SEQUENCE as usize + 2]), (21, 7, 1));
    // When the clock then reads 21, the borrowed millisecond goes on.
    let mut g = Generator::new(7);
    for _ in 0..=MAX_SEQUENCE + 1 {
        g.next_id(20).unwrap();
    }
    assert_eq!(fields(g.next_id(21).unwrap()), (21, 7, 1));
    assert_eq!(fields(g.next_id(22).unwrap()), (22, 7, 0));
}

#[test]
fn a_clock_far_behind_is_refused_and_changes_nothing() {
    let mut g = Generator::new(7);
    g.next_id(5_000).unwrap();
    let behind = 5_000 - MAX_AHEAD_MILLIS;
    assert_eq!(
        fields(g.next_id(behind).unwrap()),
        (5_000, 7, 1),
        "exactly the limit: held"
    );
    assert_eq!(
        g.next_id(behind - 1),
        Err(ClockBehind(MAX_AHEAD_MILLIS + 1))
    );
    assert_eq!(g.next_id(0), Err(ClockBehind(5_000)));
    assert_eq!(
        fields(g.next_id(5_000).unwrap()),
        (5_000, 7, 2),
        "a refusal used no sequence"
    );
}

#[test]
fn borrowing_counts_toward_the_limit() {
    let mut g = Generator::new(7);
    for _ in 0..=MAX_SEQUENCE {
        g.next_id(5_000).unwrap();
    }
    // 5000 is full, so the next ID would carry 5001: one past the limit
    // for a clock at 4000, although the last ID's time is exactly at it.
    let behind = 5_000 - MAX_AHEAD_MILLIS;
    assert_eq!(g.next_id(behind), Err(ClockBehind(MAX_AHEAD_MILLIS + 1)));
    assert_eq!(fields(g.next_id(behind + 1).unwrap()), (5_001, 7, 0));
}

#[test]
fn unique_and_rising_over_a_thousand_misbehaving_clocks() {
    for seed in 0..1_000 {
        let mut rng = SplitMix64(seed);
        let mut now = 10_000u64;
        let mut clocks = Vec::new();
        for _ in 0..400 {
            match rng.below(10) {
                0 => now -= rng.below(40) as u64,                    // stepped back
                1 => now += rng.below(40) as u64,                    // jumped ahead
                2 => clocks.extend(std::iter::repeat_n(now, 3_000)), // a burst
                _ => now += rng.below(2) as u64,                     // ticking
            }
            clocks.push(now);
        }
        let (ids, refused) = run(&clocks);
        assert_eq!(refused, 0, "seed {seed}: nothing here is a second behind");
        assert!(
            rising(&ids),
            "seed {seed}: an ID was not larger than the one before"
        );
        for (&now, &id) in clocks.iter().zip(&ids) {
            let (millis, worker, _) = fields(id);
            assert!(
                millis >= now,
                "seed {seed}: an ID's time is behind the clock that made it"
            );
            assert_eq!(worker, 7);
        }
    }
}
