use cents_split::{Cents, SplitError};

fn cents(values: &[u64]) -> Vec<Cents> {
    values.iter().map(|&c| Cents::new(c)).collect()
}

/// Addition that would overflow says so instead of wrapping or panicking.
#[test]
fn checked_add_reports_overflow() {
    assert_eq!(
        Cents::new(2).checked_add(Cents::new(3)),
        Some(Cents::new(5))
    );
    assert_eq!(Cents::new(u64::MAX).checked_add(Cents::new(1)), None);
}

/// Money does not go below zero.
#[test]
fn checked_sub_refuses_to_go_negative() {
    assert_eq!(
        Cents::new(5).checked_sub(Cents::new(5)),
        Some(Cents::new(0))
    );
    assert_eq!(Cents::new(5).checked_sub(Cents::new(6)), None);
}

/// Cents print as dollars with exactly two digits after the point.
#[test]
fn display_shows_dollars_and_two_digits_of_cents() {
    assert_eq!(Cents::new(1234).to_string(), "$12.34");
    assert_eq!(Cents::new(5).to_string(), "$0.05");
    assert_eq!(Cents::new(1230).to_string(), "$12.30");
    assert_eq!(Cents::new(0).to_string(), "$0.00");
}

/// The parts add up to the whole, however the division falls.
#[test]
fn split_loses_no_cent() {
    for total in [0, 1, 2, 99, 100, 101, 9_999, 1_000_003] {
        for parts in 1..=12 {
            let split = Cents::new(total).split(parts).expect("parts > 0");
            assert_eq!(split.len(), parts);
            let sum: u64 = split.iter().map(|c| c.get()).sum();
            assert_eq!(sum, total, "{total} cents in {parts} parts");
        }
    }
}

/// The parts differ by at most a cent, and the extra cents go first.
#[test]
fn split_puts_the_extra_cents_first() {
    assert_eq!(Cents::new(100).split(3), Ok(cents(&[34, 33, 33])));
    assert_eq!(Cents::new(2).split(5), Ok(cents(&[1, 1, 0, 0, 0])));
    assert_eq!(Cents::new(1000).split(4), Ok(cents(&[250, 250, 250, 250])));
}

/// Zero parts is an error, not a division by zero.
#[test]
fn split_into_zero_parts_is_an_error() {
    assert_eq!(Cents::new(100).split(0), Err(SplitError::NoParts));
}
