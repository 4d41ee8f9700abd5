//! The properties the chapter states, each able to fail.

use proptest::prelude::*;
use unique_ids::order::{self, Scheme};
use unique_ids::snowflake::{self, Generator, OnClockBack, Refused};
use unique_ids::{birthday, ulid, uuid};

#[test]
fn our_uuids_are_the_bytes_the_uuid_crate_builds() {
    let random: [u8; 16] = core::array::from_fn(|i| (i as u8).wrapping_mul(37).wrapping_add(5));
    let ten: [u8; 10] = random[..10].try_into().unwrap();
    let theirs = ::uuid::Builder::from_random_bytes(random).into_uuid();
    assert_eq!(&uuid::v4(random), theirs.as_bytes());
    assert_eq!(theirs.get_version_num(), 4);
    let theirs = ::uuid::Builder::from_unix_timestamp_millis(1_796_428_800_000, &ten).into_uuid();
    assert_eq!(&uuid::v7(1_796_428_800_000, ten), theirs.as_bytes());
    assert_eq!(theirs.get_version_num(), 7);
    assert_eq!(
        uuid::text(&uuid::v7(1_796_428_800_000, ten)),
        theirs.to_string()
    );
}

#[test]
fn a_ulid_time_prefix_matches_the_specification() {
    // The specification's example: 1469918176385 ms is 01ARYZ6S41.
    assert_eq!(
        &ulid::text(ulid::compose(1_469_918_176_385, 0))[..10],
        "01ARYZ6S41"
    );
    assert_eq!(
        ulid::parse("01ARYZ6S41TSV4RRFFQ69G5FAV").map(|u| u >> 80),
        Some(1_469_918_176_385)
    );
    assert_eq!(
        ulid::parse("81ARYZ6S41TSV4RRFFQ69G5FAV"),
        None,
        "131 bits do not fit"
    );
    assert_eq!(
        ulid::parse("01ARYZ6S41TSV4RRFFQ69G5FAU"),
        None,
        "U is not in the alphabet"
    );
}

proptest! {
    #[test]
    fn v7_byte_order_is_time_order(a in 0u64..1 << 48, b in 0u64..1 << 48, ra: [u8; 10], rb: [u8; 10]) {
        prop_assume!(a != b);
        prop_assert_eq!(uuid::v7(a, ra) < uuid::v7(b, rb), a < b);
        prop_assert_eq!(uuid::v7_millis(&uuid::v7(a, ra)), a);
        prop_assert_eq!(uuid::version(&uuid::v7(a, ra)), 7);
    }

    #[test]
    fn ulid_text_order_is_number_order(
        ta in 0u64..1 << 48, ra in 0u128..1 << 80, tb in 0u64..1 << 48, rb in 0u128..1 << 80,
    ) {
        let (a, b) = (ulid::compose(ta, ra), ulid::compose(tb, rb));
        prop_assert_eq!(ulid::text(a) < ulid::text(b), a < b);
        prop_assert_eq!(ulid::parse(&ulid::text(a)), Some(a));
        prop_assert_eq!(ulid::parse(&ulid::text(a).to_lowercase()), Some(a));
    }

    #[test]
    fn snowflake_fields_survive_a_round_trip(t in 0u64..1 << 41, w in 0u64..1024, s in 0u64..4096) {
        prop_assert_eq!(snowflake::fields(snowflake::compose(t, w, s)), (t, w, s));
    }
}

#[test]
fn monotonic_ulids_rise_within_a_millisecond_and_fail_at_the_top() {
    let mut m = ulid::Monotonic::new();
    let a = m.next(5, 10).unwrap();
    let b = m.next(5, 3).unwrap();
    assert_eq!(
        b,
        a + 1,
        "same millisecond: the last plus one, whatever the new random bits"
    );
    assert_eq!(m.next(6, 3), Some(ulid::compose(6, 3)));
    let mut m = ulid::Monotonic::new();
    m.next(9, (1 << 80) - 1).unwrap();
    assert_eq!(
        m.next(9, 0),
        None,
        "80 bits ran out: fail, never wrap into the next millisecond"
    );
}

#[test]
fn only_time_then_counter_schemes_keep_one_generators_order() {
    let share = |s| order::share_in_order(&order::make(s, 20_000, 8, 1_000, 3));
    assert_eq!(share(Scheme::Snowflake), 1.0);
    assert_eq!(share(Scheme::UlidMonotonic), 1.0);
    for s in [Scheme::UuidV4, Scheme::UuidV7, Scheme::Ulid] {
        assert!(share(s) < 0.6, "{s:?} is random within a millisecond");
    }
    // Across milliseconds v7 and ULID are ordered: 1/8 of neighbours
    // cross one, and half of the other 7/8 are in order by chance.
    assert!((share(Scheme::UuidV7) - (1.0 / 8.0 + 7.0 / 16.0)).abs() < 0.01);
}

#[test]
fn random_collisions_follow_the_birthday_bound() {
    for (n, bits) in [(10_000, 24), (3_000, 20)] {
        let seeds = 300;
        let mean = (0..seeds)
            .map(|s| birthday::colliding_pairs(n, bits, s))
            .sum::<u64>() as f64
            / seeds as f64;
        let expected = birthday::expected_pairs(n, bits);
        // The count is close to Poisson: its mean over 300 seeds has a
        // standard deviation of sqrt(expected / 300).
        let sd = (expected / seeds as f64).sqrt();
        assert!(
            (mean - expected).abs() < 4.0 * sd,
            "{n} of {bits} bits: {mean} vs {expected}"
        );
    }
    assert_eq!(birthday::colliding_pairs(1_000, 64, 1), 0);
    assert_eq!(birthday::colliding_pairs(100, 1, 1) as usize, {
        // 100 one-bit IDs: every pair within the zeros and within the ones.
        let mut rng = seeded::SplitMix64(1);
        let ones = (0..100).filter(|_| rng.next_u64() >> 63 == 1).count();
        ones * (ones - 1) / 2 + (100 - ones) * (99 - ones) / 2
    });
}

#[test]
fn a_clock_stepped_back_makes_a_trusting_generator_repeat_ids() {
    let run = |policy| {
        let mut g = Generator::new(3, policy);
        let (mut ids, mut refused) = (Vec::new(), 0);
        for clock in [10, 10, 11, 12, 9, 9, 10, 11, 12, 13] {
            match g.next_id(clock) {
                Ok(id) => ids.push(id),
                Err(Refused::ClockBehind(_)) => refused += 1,
                Err(Refused::SequenceFull) => unreachable!(),
            }
        }
        (ids, refused)
    };
    let (ids, refused) = run(OnClockBack::Trust);
    assert_eq!(refused, 0);
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(
        ids.len() - unique.len(),
        3,
        "10, 11 and 12 at sequence 0 again"
    );
    let (ids, refused) = run(OnClockBack::Refuse);
    assert_eq!(
        refused, 4,
        "9, 9, 10 and 11 are behind 12; 12 itself goes on counting"
    );
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
}
