//! One seeded workload, crashed at every moment with every tail, recovered
//! by the correct log and by each broken variant:
//! `cargo run -p wal`.

use wal::Variant;
use wal::crash::{self, Tail, Workload};
use wal::store::Policy;

fn main() {
    // ANCHOR: workload
    let workload = Workload {
        policy: Policy::Group(3),
        ..Workload::generate(7)
    };
    // ANCHOR_END: workload
    let puts: Vec<String> = workload.puts.iter().map(|p| p.describe()).collect();
    println!(
        "seed {}: {} puts, {}",
        workload.seed,
        puts.len(),
        workload.policy
    );
    for (i, put) in puts.iter().enumerate() {
        println!("  put {}: {put}", i + 1);
    }
    let correct = crash::check(&workload, Variant::Wal, false);
    println!(
        "log: {} bytes; {} crash points, {} crash images",
        correct.log_len,
        correct.moments,
        correct.images_total()
    );
    println!();

    print!("{:<18}", "wrong images");
    for tail in Tail::ALL {
        print!("{:>11}", tail.name());
    }
    println!();
    let mut firsts = Vec::new();
    for variant in Variant::ALL {
        let report = crash::check(&workload, variant, false);
        print!("{:<18}", variant.name());
        for (wrong, images) in report.wrong.iter().zip(report.images) {
            print!("{:>11}", format!("{wrong}/{images}"));
        }
        println!();
        if let Some(first) = report.first {
            firsts.push((variant, first));
        }
    }
    println!();
    for (variant, v) in firsts {
        println!(
            "{}: crash at {} bytes ({} synced, {} acked), {} at {}: {}",
            variant.name(),
            v.moment.len,
            v.moment.synced,
            v.moment.acked,
            v.tail.name(),
            v.keep,
            v.what
        );
    }
}
