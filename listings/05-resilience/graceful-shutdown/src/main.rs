//! One replica's shutdown, three ways, and one dependency outage, two ways.
//! Every count comes from a replay on a simulated clock: the same each run.
//! The real SIGTERM against the real server is in tests/sigterm.rs.

use std::sync::atomic::Ordering;

use graceful_shutdown::sim::{Degradation, Reaction, Scenario, replay};
use graceful_shutdown::{Shared, price_answer};

fn main() {
    // ANCHOR: scenario
    let sc = Scenario {
        gap_ms: 50,               // a request every 50 ms
        end_ms: 3_000,            // (had the replica stayed)
        work_ms: 400,             // each takes 400 ms
        slow: vec![(900, 8_000)], // but the one at 900 ms takes 8 s
        sigterm_ms: 1_000,        // SIGTERM at 1 s
        lb_lag_ms: 300,           // routed here until 1.3 s
    };
    // ANCHOR_END: scenario
    println!("one request every 50 ms, 400 ms each (one takes 8 s); SIGTERM at 1000 ms;");
    println!("the load balancer keeps routing here until 1300 ms\n");
    println!(
        "{:<34} {:>5} {:>9} {:>8} {:>8} {:>8}",
        "on SIGTERM", "sent", "answered", "cut off", "refused", "exit ms"
    );
    // ANCHOR: reactions
    let reactions = [
        ("exit at once", Reaction::ExitAtOnce),
        (
            "close listener, drain (5 s)",
            Reaction::CloseThenDrain { deadline_ms: 5_000 },
        ),
        (
            "unready, wait 500 ms, drain (5 s)",
            Reaction::Graceful {
                pre_drain_ms: 500,
                deadline_ms: 5_000,
            },
        ),
    ];
    // ANCHOR_END: reactions
    for (name, r) in reactions {
        let o = replay(&sc, r);
        println!(
            "{:<34} {:>5} {:>9} {:>8} {:>8} {:>8}",
            name, o.sent, o.answered, o.cut_off, o.refused, o.exit_ms
        );
    }

    println!("\n/price, 20 requests; the pricing dependency is down for 8 of them\n");
    let runs = [
        ("fail outright (503), down 8-15", false, 8..16),
        ("serve the cached price, down 8-15", true, 8..16),
        ("serve the cached price, down 0-7", true, 0..8),
    ];
    for (name, degrade, down) in runs {
        let shared = Shared {
            degrade,
            ..Shared::default()
        };
        let mut d = Degradation::default();
        for i in 0..20 {
            shared
                .dependency_down
                .store(down.contains(&i), Ordering::SeqCst);
            let (status, body) = price_answer(&shared);
            match (status.as_u16(), body.contains("cached")) {
                (200, false) => d.ok += 1,
                (200, true) => d.stale += 1,
                _ => d.errors += 1,
            }
        }
        println!(
            "{name:<34} live {:>2}, stale {:>2}, errors {:>2}",
            d.ok, d.stale, d.errors
        );
    }
}
