//! The chapter's run: each design at a load it can serve and at twice
//! that, on tokio's paused clock.

use inventory_actor::sim::{Design, load};
use std::time::Duration;

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // ANCHOR: main
    let work = Duration::from_millis(1);
    let capacity = 16;
    for (label, every) in [
        ("1 request / 2 ms", Duration::from_millis(2)),
        ("2 requests / ms", Duration::from_micros(500)),
    ] {
        println!("{label}, 200 clients, 1 ms of work each, mailbox {capacity}:");
        println!(
            "  {:<11} {:>6} {:>7} {:>9} {:>9} {:>9}",
            "design", "served", "refused", "p50", "p99", "max"
        );
        for design in [Design::Mutex, Design::ActorWait, Design::ActorShed] {
            let r = load(design, 200, every, work, capacity).await;
            println!(
                "  {:<11} {:>6} {:>7} {:>9?} {:>9?} {:>9?}",
                format!("{design:?}"),
                r.served,
                r.refused,
                r.p50,
                r.p99,
                r.max
            );
        }
    }
    // ANCHOR_END: main
}
