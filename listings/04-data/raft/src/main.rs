//! The first election of a five-node cluster, traced: each node's random
//! election timeout, who times out first, who votes for whom, and who
//! leads term 1; then how quiet the cluster stays while the leader's
//! heartbeats arrive. `cargo run -p raft`.
//!
//! The other runs are bins of their own: `raft-split` (fixed against
//! randomized timeouts), `raft-partition` (a leader cut off, a minority),
//! `raft-replicate`, `raft-backup`, `raft-figure8`, `raft-labs` and the
//! sweep `raft-faults`.

use raft::node::name;
use raft::scenarios::election_trace;

fn main() {
    // ANCHOR: trace
    let seed = 7;
    let run = election_trace(seed, 2_000);
    // ANCHOR_END: trace
    let timeouts: Vec<String> = run
        .timeouts
        .iter()
        .enumerate()
        .map(|(id, t)| format!("{} {t}", name(id)))
        .collect();
    println!("election timeouts (ms): {}", timeouts.join(", "));
    for line in &run.lines {
        println!("{line}");
    }
    let (leader, term, at) = run.leader.expect("a leader");
    println!(
        "leader: {} of term {term} at {at} ms; leaders elected by 2000 ms: {}; heartbeats delivered: {}",
        name(leader),
        run.elections,
        run.heartbeats
    );
}
