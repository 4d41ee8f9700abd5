//! A follower with a wrong suffix (the Raft paper's figure 7, follower
//! (f)) repaired by the leader's AppendEntries, one rejection at a time.
//! `cargo run -p raft --bin raft-backup`.

use raft::scenarios::backup;

fn main() {
    // ANCHOR: logs
    // The terms of each log's entries, index 1 first.
    let leader = [1, 1, 1, 4, 4, 5, 5, 6, 6, 6];
    let follower = [1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3];
    let leader_term = 8;
    // ANCHOR_END: logs
    let run = backup(&leader, &follower, leader_term);
    for line in &run.lines {
        println!("{line}");
    }
    println!("follower's log now: {}", run.follower_after);
    println!(
        "rejections: {}, entries deleted: {}",
        run.rejections, run.deleted
    );
}
