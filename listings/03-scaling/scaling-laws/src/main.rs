//! Fits Amdahl's law and the USL to a simulated service's throughput at 1 to
//! 32 workers, then splits its lock in four. With `no-coherence`, does the
//! same for the service whose lock costs the same however many workers
//! share it. Deterministic: the service runs on a virtual clock with a
//! seeded generator, so every number is the same on every run.

use scaling_laws::laws::{UslFit, amdahl, fit_usl, usl_peak};
use scaling_laws::sim::{CHAPTER, Service, WORKERS, measure};

fn main() {
    match std::env::args().nth(1).as_deref() {
        None => chapter(),
        Some("no-coherence") => {
            let service = Service {
                handoff_us_per_worker: 0.0,
                ..CHAPTER
            };
            let measured = measure(service, &WORKERS);
            let fit = fit_usl(&measured).expect("the simulation gives a fittable curve");
            report(service, &measured, &fit);
        }
        Some(other) => {
            eprintln!("unknown argument {other:?}: run with no argument, or with `no-coherence`");
            std::process::exit(2);
        }
    }
}

fn chapter() {
    // ANCHOR: run
    let service = CHAPTER;
    let measured = measure(service, &WORKERS);
    let fit = fit_usl(&measured).expect("the simulation gives a fittable curve");
    // ANCHOR_END: run
    report(service, &measured, &fit);

    // ANCHOR: sharded
    let sharded = Service {
        shards: 4,
        ..service
    };
    // ANCHOR_END: sharded
    println!();
    println!("The same service with its shared state split over 4 locks:");
    println!("workers  one lock  4 shards");
    for (&(n, x), (_, split)) in measured.iter().zip(measure(sharded, &WORKERS)) {
        println!("{n:>7}  {x:>8.0}  {split:>8.0}");
    }
}

/// The service, its throughput at each worker count beside Amdahl's law and
/// the fitted USL, and the fitted coefficients.
fn report(service: Service, measured: &[(u32, f64)], fit: &UslFit) {
    // The serial fraction Amdahl needs: the locked part of one request.
    let serial = service.locked_us / (service.parallel_us + service.locked_us);
    println!(
        "A service: {} us of parallel work and {} us under one shared lock per request;",
        service.parallel_us, service.locked_us
    );
    println!(
        "each lock hold costs {} us more for every other worker.",
        service.handoff_us_per_worker
    );
    println!();
    println!(
        "workers  req/s (simulated)  speedup  Amdahl, {:.0}% serial  USL fit",
        serial * 100.0
    );
    for &(n, x) in measured {
        println!(
            "{n:>7}  {x:>17.0}  {:>7.2}  {:>19.2}  {:>7.2}",
            x / fit.single,
            amdahl(1.0 - serial, n),
            fit.throughput(n) / fit.single,
        );
    }
    println!();
    println!(
        "fitted: sigma (contention) = {:.4}, kappa (coherence) = {:.5}",
        fit.sigma, fit.kappa
    );
    match usl_peak(fit.sigma, fit.kappa) {
        Some(peak) => println!(
            "the USL peaks at {peak:.1} workers, {:.0} req/s; Amdahl never peaks, it approaches {:.1}x",
            fit.throughput(peak.round() as u32),
            1.0 / serial
        ),
        None => println!("kappa is 0: the USL never peaks"),
    }
}
