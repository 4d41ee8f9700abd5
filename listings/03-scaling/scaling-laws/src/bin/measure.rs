//! The simulated service's shape on real threads of this machine: each
//! request does some work alone and then a little under one shared `Mutex`.
//! Prints the throughput at each thread count and the USL fitted to it.
//! Timing-dependent, so nothing here is recorded; run it with `--release`.
//!
//!     cargo run --release -p scaling-laws --bin measure

use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use scaling_laws::laws::{fit_usl, usl_peak};

/// Work that needs nothing shared: a few thousand rounds of a hash mix.
fn alone(seed: u64, rounds: u32) -> u64 {
    let mut z = seed;
    for _ in 0..rounds {
        z = (z ^ (z >> 31)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    z
}

/// Requests per second that `threads` threads complete in `window`.
fn measure(threads: usize, window: Duration) -> f64 {
    // The shared state: 64 counters that every request updates under the
    // lock, so its cache lines move to whichever core holds the lock.
    let shared = Arc::new(Mutex::new([0u64; 64]));
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            let (shared, stop, done) = (shared.clone(), stop.clone(), done.clone());
            thread::spawn(move || {
                let mut request = t as u64;
                while !stop.load(Ordering::Relaxed) {
                    let value = alone(request, 9_000);
                    {
                        let mut counters = shared.lock().expect("no thread panics");
                        let mut z = value;
                        for counter in counters.iter_mut() {
                            z = alone(z, 40);
                            *counter = counter.wrapping_add(z);
                        }
                    }
                    done.fetch_add(1, Ordering::Relaxed);
                    request += threads as u64;
                }
            })
        })
        .collect();
    thread::sleep(window);
    stop.store(true, Ordering::Relaxed);
    for handle in handles {
        handle.join().expect("no thread panics");
    }
    black_box(shared.lock().expect("no thread panics")[0]);
    done.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    let counts: Vec<usize> = [1, 2, 3, 4, 6, 8, 12, 16]
        .into_iter()
        .filter(|&n| n <= 4 * cores.max(2))
        .collect();
    println!("{cores} cores; 300 ms per thread count");
    println!("threads  req/s  speedup");
    let mut points = Vec::new();
    for &n in &counts {
        let x = measure(n, Duration::from_millis(300));
        let speedup = x / points.first().map_or(x, |&(_, one)| one);
        println!("{n:>7}  {x:>5.0}  {speedup:>7.2}");
        points.push((n as u32, x));
    }
    match fit_usl(&points) {
        Ok(fit) => {
            println!("fitted: sigma = {:.4}, kappa = {:.5}", fit.sigma, fit.kappa);
            if let Some(peak) = usl_peak(fit.sigma, fit.kappa) {
                println!("the fitted USL peaks at {peak:.1} threads");
            }
        }
        Err(error) => println!("no fit: {error}"),
    }
}
