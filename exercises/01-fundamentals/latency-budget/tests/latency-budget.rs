//! Tests for the latency-budget exercise.

use latency_budget::{Budget, BudgetError, Call, least_time};

/// Jeff Dean's 2009 figures (LADIS keynote), in nanoseconds.
const DEAN_2009: [(&str, u64); 5] = [
    ("main memory reference", 100),
    ("read 1 MB from memory", 250_000),
    ("datacenter round trip", 500_000),
    ("disk seek", 10_000_000),
    ("packet CA-NL-CA", 150_000_000),
];

const MEMORY: &str = "main memory reference";
const ROUND_TRIP: &str = "datacenter round trip";
const SEEK: &str = "disk seek";

fn budget(least_ns: u64, dominant: &'static str) -> Result<Budget, BudgetError> {
    Ok(Budget {
        least_ns,
        dominant: Some(dominant),
    })
}

// Calls made one after another, in separate stages, add up.
#[test]
fn sequential_stages_add() {
    let stages = vec![
        vec![Call::new(ROUND_TRIP, 1)],
        vec![Call::new(ROUND_TRIP, 1)],
        vec![Call::new(ROUND_TRIP, 1)],
    ];
    assert_eq!(
        least_time(&stages, &DEAN_2009),
        budget(1_500_000, ROUND_TRIP)
    );
}

// A call done several times in a row costs that many times its operation.
#[test]
fn repeated_calls_multiply() {
    let stages = vec![vec![Call::new(ROUND_TRIP, 4)]];
    assert_eq!(
        least_time(&stages, &DEAN_2009),
        budget(2_000_000, ROUND_TRIP)
    );
}

// Calls made at the same time overlap: the stage waits for the slowest only.
#[test]
fn parallel_calls_cost_the_slowest() {
    let stages = vec![vec![
        Call::new(ROUND_TRIP, 1),
        Call::new(SEEK, 1),
        Call::new(ROUND_TRIP, 3),
    ]];
    assert_eq!(least_time(&stages, &DEAN_2009), budget(10_000_000, SEEK));
}

// The dominant call is the one that takes longest, not the dearest operation:
// 10,000 memory references (1 ms) outweigh one round trip (0.5 ms).
#[test]
fn many_cheap_calls_can_dominate() {
    let stages = vec![
        vec![Call::new(ROUND_TRIP, 1)],
        vec![Call::new(MEMORY, 10_000)],
    ];
    assert_eq!(least_time(&stages, &DEAN_2009), budget(1_500_000, MEMORY));
}

// On a tie the earlier call is named, in its stage and across stages.
#[test]
fn ties_name_the_earlier_call() {
    let same_stage = vec![vec![Call::new(MEMORY, 5_000), Call::new(ROUND_TRIP, 1)]];
    assert_eq!(least_time(&same_stage, &DEAN_2009), budget(500_000, MEMORY));
    let two_stages = vec![
        vec![Call::new(ROUND_TRIP, 1)],
        vec![Call::new(MEMORY, 5_000)],
    ];
    assert_eq!(
        least_time(&two_stages, &DEAN_2009),
        budget(1_000_000, ROUND_TRIP)
    );
}

// A request with no calls, or with empty stages, takes no time and has no
// dominant call.
#[test]
fn nothing_to_wait_for() {
    let none = Ok(Budget {
        least_ns: 0,
        dominant: None,
    });
    assert_eq!(least_time(&[], &DEAN_2009), none);
    assert_eq!(least_time(&[vec![], vec![]], &DEAN_2009), none);
    let with_empty = vec![vec![], vec![Call::new(SEEK, 1)], vec![]];
    assert_eq!(
        least_time(&with_empty, &DEAN_2009),
        budget(10_000_000, SEEK)
    );
}

// An operation missing from the table is an error even where a faster call
// would not change the answer.
#[test]
fn unknown_operations_are_errors() {
    let stages = vec![vec![Call::new(SEEK, 1), Call::new("L1 cache reference", 1)]];
    assert_eq!(
        least_time(&stages, &DEAN_2009),
        Err(BudgetError::UnknownOperation("L1 cache reference"))
    );
}

// A product or a total past u64::MAX is an error, never a wrapped number.
#[test]
fn overflow_is_an_error() {
    let product = vec![vec![Call::new(ROUND_TRIP, u64::MAX / 100)]];
    assert_eq!(least_time(&product, &DEAN_2009), Err(BudgetError::Overflow));
    let big = u64::MAX / 2 / 100 + 1;
    let sum = vec![vec![Call::new(MEMORY, big)], vec![Call::new(MEMORY, big)]];
    assert_eq!(least_time(&sum, &DEAN_2009), Err(BudgetError::Overflow));
}
