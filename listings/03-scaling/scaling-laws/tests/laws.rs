use scaling_laws::laws::{FitError, UslFit, amdahl, fit_usl, usl, usl_peak};
use scaling_laws::sim::{Service, throughput};

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

/// Amdahl's law: one worker is 1x, and the limit is 1 / serial fraction.
#[test]
fn amdahl_is_capped_by_the_serial_fraction() {
    assert_eq!(amdahl(0.9, 1), 1.0);
    assert!(close(amdahl(0.9, 2), 1.0 / 0.55, 1e-12));
    assert!(amdahl(0.95, 1_000_000) < 20.0);
    assert!(amdahl(0.95, 1_000_000) > 19.99);
    assert_eq!(amdahl(1.0, 8), 8.0);
}

/// With no contention and no coherence the USL is linear; with kappa > 0
/// it peaks at sqrt((1 - sigma) / kappa) and then falls.
#[test]
fn usl_is_linear_without_costs_and_falls_after_its_peak() {
    assert_eq!(usl(0.0, 0.0, 16), 16.0);
    assert!(close(usl(0.05, 0.0, 1_000_000), 1.0 / 0.05, 0.01));
    let (sigma, kappa) = (0.02, 0.001);
    let peak = usl_peak(sigma, kappa).expect("kappa > 0");
    assert!(close(peak, (0.98f64 / 0.001).sqrt(), 1e-9));
    let n = peak.round() as u32;
    assert!(usl(sigma, kappa, n) > usl(sigma, kappa, n - 5));
    assert!(usl(sigma, kappa, n) > usl(sigma, kappa, n + 5));
    assert_eq!(usl_peak(0.1, 0.0), None);
}

/// Points made from the law itself give back its coefficients.
#[test]
fn the_fit_recovers_known_coefficients() {
    let (sigma, kappa, single) = (0.03, 0.0007, 1234.0);
    let points: Vec<(u32, f64)> = [1, 2, 4, 8, 16, 32, 64]
        .into_iter()
        .map(|n| (n, single * usl(sigma, kappa, n)))
        .collect();
    let fit = fit_usl(&points).expect("fittable");
    assert!(close(fit.sigma, sigma, 1e-9), "{fit:?}");
    assert!(close(fit.kappa, kappa, 1e-12), "{fit:?}");
    assert_eq!(fit.single, single);
    assert!(close(fit.throughput(8), points[3].1, 1e-6));
}

/// Input the fit cannot use is refused with a reason, never a made-up fit.
#[test]
fn bad_measurements_are_refused() {
    assert_eq!(
        fit_usl(&[(2, 10.0), (4, 18.0), (8, 30.0)]),
        Err(FitError::NoSingleWorker)
    );
    assert_eq!(
        fit_usl(&[(1, 10.0), (4, 18.0)]),
        Err(FitError::TooFewPoints(2))
    );
    assert_eq!(
        fit_usl(&[(1, 10.0), (4, 0.0), (8, 30.0)]),
        Err(FitError::NotPositive { workers: 4 })
    );
    assert_eq!(
        fit_usl(&[(1, 10.0), (0, 5.0), (8, 30.0)]),
        Err(FitError::NotPositive { workers: 0 })
    );
    assert_eq!(
        fit_usl(&[(1, 10.0), (4, 18.0), (4, 19.0)]),
        Err(FitError::Degenerate)
    );
    let fit: Result<UslFit, _> = fit_usl(&[(1, 10.0), (2, 19.0), (4, 33.0)]);
    assert!(fit.is_ok());
}

const SERVICE: Service = Service {
    parallel_us: 900.0,
    locked_us: 100.0,
    handoff_us_per_worker: 2.0,
    shards: 1,
};

/// The simulation repeats exactly for a seed, and one worker serves one
/// request per (parallel + locked) time on average.
#[test]
fn the_simulation_is_deterministic_and_one_worker_is_serial() {
    let a = throughput(SERVICE, 8, 50_000, 7);
    assert_eq!(a, throughput(SERVICE, 8, 50_000, 7));
    assert_ne!(a, throughput(SERVICE, 8, 50_000, 8));
    let one = throughput(SERVICE, 1, 200_000, 7);
    assert!(close(one, 1000.0, 10.0), "{one}");
}

/// No number of workers gets past the lock: the throughput never exceeds
/// one request per lock hold, 10,000 a second at 100 us.
#[test]
fn the_lock_caps_throughput() {
    for workers in [1, 4, 16, 64, 128] {
        let x = throughput(SERVICE, workers, 50_000, 3);
        let cap =
            1e6 / (SERVICE.locked_us + SERVICE.handoff_us_per_worker * f64::from(workers - 1));
        assert!(x < cap * 1.05, "{workers} workers: {x} > {cap}");
    }
}

/// The chapter's curve rises, peaks and falls, and the fitted USL has
/// positive contention and coherence with its peak between 12 and 24.
#[test]
fn the_chapter_curve_is_retrograde_and_the_fit_finds_it() {
    let points: Vec<(u32, f64)> = [1, 2, 4, 8, 12, 16, 24, 32]
        .into_iter()
        .map(|n| (n, throughput(SERVICE, n, 200_000, 7)))
        .collect();
    let best = points
        .iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .expect("points");
    assert!(best.0 == 12 || best.0 == 16, "{points:?}");
    assert!(points[7].1 < best.1 * 0.85);
    let fit = fit_usl(&points).expect("fittable");
    assert!(fit.sigma > 0.0 && fit.kappa > 0.0, "{fit:?}");
    let peak = usl_peak(fit.sigma, fit.kappa).expect("kappa > 0");
    assert!((12.0..24.0).contains(&peak), "{peak}");
}

/// Four locks instead of one: each lock sees a quarter of the requests and
/// a quarter of the other workers, so 32 workers get much further.
#[test]
fn sharding_the_lock_lifts_the_ceiling() {
    let one = throughput(SERVICE, 32, 100_000, 7);
    let four = throughput(
        Service {
            shards: 4,
            ..SERVICE
        },
        32,
        100_000,
        7,
    );
    assert!(four > 2.0 * one, "{one} vs {four}");
}

/// Without the coherence cost the curve never turns down: it levels off
/// at the lock's ceiling of about 10,000 a second, as the USL with kappa = 0
/// does. (The chapter's "set handoff_us_per_worker to 0" prediction.)
#[test]
fn without_coherence_throughput_levels_off_instead_of_falling() {
    let flat = Service {
        handoff_us_per_worker: 0.0,
        ..scaling_laws::sim::CHAPTER
    };
    let points = scaling_laws::sim::measure(flat, &scaling_laws::sim::WORKERS);
    for pair in points.windows(2) {
        assert!(pair[1].1 >= pair[0].1 * 0.99, "{points:?}");
    }
    let at_32 = points[7].1;
    assert!((9_500.0..10_500.0).contains(&at_32), "{points:?}");
    // The fit still reports a little coherence: a queue's sharp knee bends
    // the curve more than sigma alone can, and the fit spends kappa on it.
    // A fitted coefficient summarises a curve; it does not name a cause.
    let fit = fit_usl(&points).expect("fittable");
    assert!(fit.kappa > 0.001 && fit.kappa < 0.003, "{fit:?}");
}

/// The fit divides every point by `X(1)`, so a one-worker point 10% low
/// makes every other count look better than linear: the fit can only say so
/// with a negative `sigma`, while `kappa`, set by the large counts, barely
/// moves. (The end-of-chapter question on a cold-cache `X(1)`.)
#[test]
fn a_low_single_worker_point_reads_as_negative_contention() {
    let points =
        scaling_laws::sim::measure(scaling_laws::sim::CHAPTER, &scaling_laws::sim::WORKERS);
    let honest = fit_usl(&points).expect("fittable");
    let low: Vec<(u32, f64)> = points
        .iter()
        .map(|&(n, x)| (n, if n == 1 { x * 0.9 } else { x }))
        .collect();
    let fit = fit_usl(&low).expect("fittable");
    assert!(honest.sigma > 0.0, "{honest:?}");
    assert!((-0.0115..-0.0095).contains(&fit.sigma), "{fit:?}");
    assert!(
        close(fit.kappa / honest.kappa, 1.0, 0.02),
        "{fit:?} vs {honest:?}"
    );
}

/// The end-of-chapter load test (1,000 to 7,100 a second at 1 to 16
/// instances): the fitted USL peaks near 13 instances at about 7,200 a
/// second, so no count reaches 10,000 and 32 serve fewer than 16.
#[test]
fn the_quiz_load_test_never_reaches_10000() {
    let points = [
        (1, 1000.0),
        (2, 1950.0),
        (4, 3700.0),
        (8, 6400.0),
        (16, 7100.0),
    ];
    let fit = fit_usl(&points).expect("fittable");
    assert!(close(fit.kappa, 0.0055, 0.0002), "{fit:?}");
    let peak = usl_peak(fit.sigma, fit.kappa).expect("kappa > 0");
    assert!((13.0..14.0).contains(&peak), "{peak}");
    let best = (1..=1000).map(|n| fit.throughput(n)).fold(0.0, f64::max);
    assert!((7_150.0..7_250.0).contains(&best), "{best}");
    assert!(fit.throughput(32) < fit.throughput(16));
}
