//! The Raft paper's figure 8, scripted on five nodes, under the rule that
//! commits any entry stored on a majority and under Raft's rule.
//! `cargo run -p raft --bin raft-figure8`.

use raft::node::Variant;
use raft::scenarios::figure8;

fn main() {
    for (variant, extend) in [
        (Variant::CommitByCounting, false),
        (Variant::Raft, false),
        (Variant::Raft, true),
    ] {
        let run = figure8(variant, extend);
        println!(
            "== {}{}",
            variant.name(),
            if extend { ", with (e)" } else { "" }
        );
        for line in &run.lines {
            println!("{line}");
        }
        let applied: Vec<String> = run
            .applied_at_3
            .iter()
            .enumerate()
            .map(|(n, a)| format!("S{}: {}", n + 1, a.as_deref().unwrap_or("-")))
            .collect();
        println!("applied at index 3: {}", applied.join(", "));
        // State machine safety: every node applies the same command at
        // each index. Index 3 is where x=2 and x=3 compete.
        let first = run.applied_at_3[0].clone();
        let differ: Vec<String> = run
            .applied_at_3
            .iter()
            .enumerate()
            .filter(|(_, a)| **a != first)
            .map(|(n, _)| format!("S{}", n + 1))
            .collect();
        if differ.is_empty() && run.violations.is_empty() {
            println!("verdict: safe");
        } else {
            println!(
                "verdict: VIOLATED: S1 applied {} at index 3, {} applied {}",
                first.as_deref().unwrap_or("nothing"),
                differ.join(" "),
                run.applied_at_3[4].as_deref().unwrap_or("nothing")
            );
        }
    }
}
