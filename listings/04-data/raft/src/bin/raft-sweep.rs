//! The fault sweep in one table: Raft and its three broken variants, each
//! over the same 200 seeded fault schedules (partitions, crashes and
//! restarts, loss, duplication, delay, five clients).
//! `cargo run --release -p raft --bin raft-sweep`; the `faults` step of
//! `cargo xtask test` runs 1,000 seeds of each with `raft-faults`.

use raft::faults;
use raft::node::Variant;

fn main() {
    let seeds = 200;
    println!("{seeds} seeds each; a seed is unsafe if any property breaks");
    println!(
        "{:<20} {:>6} {:>11} {:>12} {:>15} {:>17}",
        "variant", "unsafe", "first seed", "two leaders", "applied differ", "not linearizable"
    );
    for variant in Variant::ALL {
        let results = faults::sweep(variant, seeds);
        let broken: Vec<&(u64, faults::Outcome)> = results
            .iter()
            .filter(|(_, o)| !o.violations.is_empty())
            .collect();
        let count = |marker: &str| {
            broken
                .iter()
                .filter(|(_, o)| o.violations.iter().any(|v| v.contains(marker)))
                .count()
        };
        let first = broken
            .first()
            .map_or("-".to_string(), |(s, _)| s.to_string());
        println!(
            "{:<20} {:>6} {:>11} {:>12} {:>15} {:>17}",
            variant.name(),
            broken.len(),
            first,
            count(faults::PROPERTIES[0].1),
            count(faults::PROPERTIES[1].1),
            count(faults::PROPERTIES[2].1)
        );
    }
}
