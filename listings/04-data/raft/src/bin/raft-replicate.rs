//! Log replication, traced on five nodes: n1 leads term 1 and a client
//! sends it three writes. First with n4 and n5 cut off until 200 ms, then
//! with n3 cut off as well; then a retried command, with and without the
//! session table. `cargo run -p raft --bin raft-replicate`.

use raft::scenarios::{replicate, retry};

fn main() {
    println!("== n4 and n5 cut off until 200 ms");
    let run = replicate(&[3, 4], Some(200), 320);
    for line in &run.lines {
        println!("{line}");
    }
    println!("commit indexes: {:?}", run.commits);
    println!("== n3, n4 and n5 cut off");
    let run = replicate(&[2, 3, 4], None, 300);
    // Heartbeats and their replies repeat: print each kind once.
    let mut seen = std::collections::BTreeSet::new();
    for line in &run.lines {
        if seen.insert(line[9..].to_string()) {
            println!("{line}");
        }
    }
    println!("commit indexes: {:?}", run.commits);
    println!("== incr c committed, the leader crashes before replying, the client retries");
    for dedup in [true, false] {
        let r = retry(dedup);
        println!(
            "{}: in the new leader's log {} times; c = {:?}; the client was told c = {}",
            if dedup {
                "with the session table   "
            } else {
                "without the session table"
            },
            r.entries,
            r.counters,
            r.answer.map_or("nothing".to_string(), |a| a.to_string())
        );
    }
}
