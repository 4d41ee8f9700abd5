//! Split votes: five nodes boot within 10 ms of each other and elect a
//! first leader, over 1,000 seeds, with every node's election timeout
//! fixed at 150 ms, then drawn at random from ranges of growing width.
//! `cargo run -p raft --bin raft-split`.

use raft::scenarios::split_votes;

// ANCHOR: ranges
/// Election timeouts, in ms: each node draws its timeout from
/// `shortest..=longest` every time it resets its timer.
const RANGES: &[(u64, u64)] = &[(150, 150), (150, 155), (150, 175), (150, 300)];
// ANCHOR_END: ranges

fn main() {
    let seeds = 1_000;
    println!("{seeds} seeds, 5 nodes booting within 10 ms, messages 2-10 ms");
    println!(
        "timeout (ms)   leader in term 1   no leader in 5 s  mean terms   worst   mean ms to a leader"
    );
    for &(min, max) in RANGES {
        let s = split_votes(min, max, seeds, 10, 5_000);
        let range = if min == max {
            format!("{min} fixed")
        } else {
            format!("{min}-{max}")
        };
        println!(
            "{range:<13}  {:>16}   {:>17}   {:>10.2}   {:>5}   {:>19.0}",
            s.first_term, s.no_leader, s.mean_terms, s.max_terms, s.mean_ms
        );
    }
}
