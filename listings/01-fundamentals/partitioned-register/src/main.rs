//! Runs the chapter's experiments and prints what every client and replica
//! saw. Deterministic: turmoil's seed is fixed and time is virtual.
//!
//! `cargo run -p partitioned-register -- partition` runs the partition
//! under CP and AP, `-- unknown` the refused write that still lands,
//! `-- latency` the cost of waiting for acknowledgements; no argument runs
//! the partition and the latency experiments.

use partitioned_register::replica::Protocol;
use partitioned_register::scenarios::{
    AP, CLIENT_LATENCY, CP, REPLICA_LINKS, partition_then_heal, replies_cut_after_the_write,
    write_cost,
};

fn main() {
    match std::env::args().nth(1).as_deref() {
        None => {
            partition();
            println!();
            latency();
        }
        Some("partition") => partition(),
        Some("unknown") => unknown(),
        Some("latency") => latency(),
        Some(other) => {
            eprintln!("unknown experiment {other:?}: try partition, unknown or latency");
            std::process::exit(2);
        }
    }
}

fn partition() {
    println!("CP: writes and reads need 2 of 3 replicas");
    for line in partition_then_heal(CP) {
        println!("  {line}");
    }
    println!();
    println!("AP: writes and reads need 1 of 3 replicas");
    for line in partition_then_heal(AP) {
        println!("  {line}");
    }
}

fn unknown() {
    println!("CP: writes and reads need 2 of 3 replicas");
    for line in replies_cut_after_the_write() {
        println!("  {line}");
    }
}

fn latency() {
    let links: Vec<String> = REPLICA_LINKS
        .iter()
        .map(|(a, b, latency)| format!("{a}-{b} {} ms", latency.as_millis()))
        .collect();
    println!("No partition. One-way latency {}", links.join(", "));
    println!(
        "and {} ms from the client to any replica",
        CLIENT_LATENCY.as_millis()
    );
    println!(
        "  {:<28} {:>16}   read at r3 right after",
        "write waits for", "write latency"
    );
    for (label, acks, protocol) in [
        ("r1 only (async)", 1, Protocol::Naive),
        ("r1 + 1 peer (majority)", 2, Protocol::Naive),
        ("r1 + both peers (all)", 3, Protocol::Naive),
        ("majority, stamp asked first", 2, Protocol::Abd),
    ] {
        let cost = write_cost(acks, protocol);
        println!(
            "  {label:<28} {:>13} ms   {}",
            cost.latency.as_millis(),
            cost.read_at_r3
        );
    }
}
