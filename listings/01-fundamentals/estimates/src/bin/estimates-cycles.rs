//! Why the pointer chase needs Sattolo's shuffle: the same seeds, shuffled
//! with the ordinary Fisher-Yates shuffle and with Sattolo's, and how much of
//! the array a chase from slot 0 visits in each. Deterministic (seeded).
//!
//! `cargo run -p estimates --bin estimates-cycles`

use estimates::latency::{cycle_lengths, random_cycle, shuffled, slots_visited_from_zero};
use estimates::units::group;

/// Slots in the small example, small enough to list its cycles.
const SMALL: usize = 16;
/// The small example's seed.
const SMALL_SEED: u64 = 7;
/// Slots in each array of the sweep: 32 KiB of `usize`, an L1-sized chase.
const SLOTS: usize = 4_096;
/// Seeds in the sweep.
const SEEDS: u64 = 1_000;

/// A shuffle: the number of slots and a seed give a permutation.
type Shuffle = fn(usize, u64) -> Vec<usize>;

fn main() {
    println!("A chase from slot 0 through {SMALL} slots, seed {SMALL_SEED}:");
    let shuffles: [(&str, Shuffle); 2] = [("Fisher-Yates", shuffled), ("Sattolo", random_cycle)];
    for (name, shuffle) in shuffles {
        let next = shuffle(SMALL, SMALL_SEED);
        let lengths: Vec<String> = cycle_lengths(&next)
            .iter()
            .map(ToString::to_string)
            .collect();
        let cycles = match lengths.as_slice() {
            [one] => format!("one cycle of {one} slots"),
            _ => format!("cycles of {} slots", lengths.join(", ")),
        };
        println!(
            "  {name:<13} {cycles}; the chase visits {} of {SMALL}",
            slots_visited_from_zero(&next)
        );
    }
    println!();
    let eighth = SLOTS / 8;
    println!(
        "{} seeds, {} slots each: seeds whose chase visits fewer than {} slots (an eighth)",
        group(SEEDS),
        group(SLOTS as u64),
        eighth
    );
    for (name, shuffle) in shuffles {
        let visits: Vec<usize> = (0..SEEDS)
            .map(|seed| slots_visited_from_zero(&shuffle(SLOTS, seed)))
            .collect();
        let stranded = visits.iter().filter(|&&v| v < eighth).count();
        let shortest = visits.iter().min().copied().unwrap_or(0);
        println!(
            "  {name:<13} {stranded} of {}; the shortest chase visits {} slots",
            group(SEEDS),
            group(shortest as u64)
        );
    }
}
