//! Leadership under partitions, on five nodes: the leader is cut off with
//! one follower, the majority elects a new leader, and the old one keeps
//! leading a term nobody else is in until the partition heals; then two
//! followers are cut off, elect no one, and come back with higher terms.
//! `cargo run -p raft --bin raft-partition`.

use raft::node::name;
use raft::scenarios::{leader_cut_off, minority};

fn main() {
    let seed = 7;
    let cut = leader_cut_off(seed);
    println!("== the leader cut off with one follower");
    for line in &cut.lines {
        println!("{line}");
    }
    let leaders: Vec<String> = cut
        .leaders_after
        .iter()
        .map(|&(n, t)| format!("{} (term {t})", name(n)))
        .collect();
    println!("leaders at 2000 ms: {}", leaders.join(", "));
    println!("logs at 2000 ms: {}", cut.logs_after.join(" "));
    let run = minority(seed);
    println!("== two followers cut off");
    for line in &run.lines {
        println!("{line}");
    }
}
