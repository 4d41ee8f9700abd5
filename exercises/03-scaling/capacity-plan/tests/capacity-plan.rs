use capacity_plan::{PlanError, Usl, workers_for};

const LINEAR: Usl = Usl {
    single: 100.0,
    sigma: 0.0,
    kappa: 0.0,
};

/// The chapter's fitted service: about 1,000 requests a second on one
/// worker, peaking near 15 workers.
const CHAPTER: Usl = Usl {
    single: 1000.0,
    sigma: 0.0038,
    kappa: 0.00416,
};

/// With no contention and no coherence, throughput is single * n.
#[test]
fn a_linear_law_needs_target_over_single_workers() {
    assert_eq!(workers_for(LINEAR, 1000.0), Ok(10));
    assert_eq!(workers_for(LINEAR, 1001.0), Ok(11));
    assert_eq!(workers_for(LINEAR, 50.0), Ok(1));
    assert_eq!(workers_for(LINEAR, 100.0), Ok(1));
}

/// The answer is the fewest workers: one fewer falls short.
#[test]
fn the_answer_is_the_fewest_workers_that_reach_the_target() {
    for target in [1500.0, 4000.0, 6000.0, 7000.0, 7500.0] {
        let n = workers_for(CHAPTER, target).expect("below the peak");
        assert!(CHAPTER.throughput(n) >= target, "{target}: {n}");
        assert!(
            n == 1 || CHAPTER.throughput(n - 1) < target,
            "{target}: {n}"
        );
    }
    assert_eq!(workers_for(CHAPTER, 6000.0), Ok(8));
}

/// Contention alone (kappa = 0) has a ceiling of single / sigma that is
/// approached but never reached.
#[test]
fn contention_alone_has_a_ceiling_it_never_reaches() {
    let law = Usl {
        single: 100.0,
        sigma: 0.05,
        kappa: 0.0,
    };
    // n / (1 + 0.05 (n - 1)) >= 19 first holds at n = 361.
    assert_eq!(workers_for(law, 1900.0), Ok(361));
    assert_eq!(
        workers_for(law, 2000.0),
        Err(PlanError::Unreachable {
            best: 2000.0,
            workers: None
        })
    );
}

/// With coherence, throughput peaks and then falls: past the peak, more
/// workers make it worse, so a target above the peak is unreachable, and
/// the error names the best count and what it gives.
#[test]
fn a_target_above_the_peak_is_unreachable_and_names_the_peak() {
    let Err(PlanError::Unreachable { best, workers }) = workers_for(CHAPTER, 9000.0) else {
        panic!("9000 is above the chapter's peak");
    };
    assert_eq!(workers, Some(15));
    assert_eq!(best, CHAPTER.throughput(15));
    assert!(CHAPTER.throughput(14) < best && CHAPTER.throughput(16) < best);
    // Exactly the peak's throughput is reachable, with the peak's count.
    assert_eq!(workers_for(CHAPTER, best), Ok(15));
}

/// The exact peak is rarely whole, and the best whole count can be the one
/// above it even when the exact peak is nearer the one below: with `k` the
/// floor, `k + 1` is better exactly when `k (k + 1) < (1 - sigma) / kappa`.
#[test]
fn the_best_whole_count_compares_both_neighbours() {
    // Exact peak 21.79: 22 beats 21.
    let above = Usl {
        single: 100.0,
        sigma: 0.05,
        kappa: 0.002,
    };
    assert!(above.throughput(22) > above.throughput(21));
    assert_eq!(
        workers_for(above, 1e6),
        Err(PlanError::Unreachable {
            best: above.throughput(22),
            workers: Some(22)
        })
    );
    // Exact peak 3.479, nearer 3, yet 4 beats 3.
    let nearer = Usl {
        single: 100.0,
        sigma: 0.032,
        kappa: 0.08,
    };
    assert!(nearer.throughput(4) > nearer.throughput(3));
    assert_eq!(
        workers_for(nearer, 1e6),
        Err(PlanError::Unreachable {
            best: nearer.throughput(4),
            workers: Some(4)
        })
    );
}

/// The answer for a reachable target is always on the rising side of the
/// curve, even where a larger count past the peak gives the same
/// throughput.
#[test]
fn the_answer_is_never_past_the_peak() {
    let target = CHAPTER.throughput(40);
    let n = workers_for(CHAPTER, target).expect("reachable");
    assert!(n < 15, "{n}");
}

/// Nonsense in, a clear error out.
#[test]
fn bad_input_is_refused() {
    for target in [0.0, -5.0, f64::NAN, f64::INFINITY] {
        assert_eq!(workers_for(LINEAR, target), Err(PlanError::InvalidTarget));
    }
    for law in [
        Usl {
            single: 0.0,
            ..LINEAR
        },
        Usl {
            single: f64::NAN,
            ..LINEAR
        },
        Usl {
            sigma: -0.1,
            ..LINEAR
        },
        Usl {
            sigma: 1.5,
            ..LINEAR
        },
        Usl {
            kappa: -0.001,
            ..LINEAR
        },
    ] {
        assert_eq!(
            workers_for(law, 10.0),
            Err(PlanError::InvalidLaw),
            "{law:?}"
        );
    }
}
