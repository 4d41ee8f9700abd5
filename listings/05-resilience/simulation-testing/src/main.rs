//! The chapter's run: the naive and the fixed cache swept over the same 300
//! seeds, with the seeds that break the invariant, how many seeds it takes
//! to hit the bug, and the command that replays the first one. `cargo xtask
//! test` sweeps 1,000 seeds with `simulation-testing-faults`.

use fault_sweep::replay_command;
use simulation_testing::{Cache, VARIANTS, schedule, simulate, stale_read};

const SEEDS: u64 = 300;

/// The seeds in `0..SEEDS` whose run of `cache` breaks the invariant, on
/// every core (each simulation is one thread and independent).
fn failing(cache: Cache) -> Vec<u64> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get() as u64);
    let mut found: Vec<u64> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                scope.spawn(move || {
                    (w..SEEDS)
                        .step_by(workers as usize)
                        .filter(|&seed| {
                            let (ops, _) = simulate(cache, seed, &schedule(seed));
                            stale_read(&ops).is_some()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a run panicked"))
            .collect()
    });
    found.sort_unstable();
    found
}

fn main() {
    // ANCHOR: sweep
    for (name, cache) in VARIANTS
        .into_iter()
        .filter(|(_, c)| *c != Cache::Tombstones)
    {
        let bad = failing(cache);
        let shown: Vec<String> = bad.iter().take(5).map(u64::to_string).collect();
        println!(
            "{name:<10} {SEEDS} seeds, {} stale reads; first seeds: {}",
            bad.len(),
            if shown.is_empty() {
                "none".to_string()
            } else {
                shown.join(", ")
            }
        );
        if cache == Cache::Naive {
            let mut gaps: Vec<u64> = bad.windows(2).map(|w| w[1] - w[0]).collect();
            gaps.insert(0, bad.first().map_or(SEEDS, |s| s + 1));
            gaps.sort_unstable();
            if let Some(seed) = bad.first() {
                println!(
                    "           replay: {}",
                    replay_command(
                        "simulation-testing",
                        "simulation-testing-faults",
                        name,
                        *seed
                    )
                );
            }
            println!(
                "           seeds tried until a hit: median {}, worst {} (over {} hits)",
                gaps[gaps.len() / 2],
                gaps[gaps.len() - 1],
                bad.len()
            );
        }
    }
    // ANCHOR_END: sweep
}
