//! Times the three scanners of the chapter in one process and prints how
//! much slower each is than the generic one. Timing-dependent: the ratios
//! move a little from run to run and from machine to machine. Run it with
//! `cargo run --release -p trait-dispatch --bin dispatch-ratio`.

use std::hint::black_box;
use std::time::{Duration, Instant};
use trait_dispatch::{
    BodyRule, HeaderValue, Rule, count_rejected, count_rejected_dyn, sample_body,
};

const ROUNDS: usize = 300;

fn time(scan: &dyn Fn() -> usize) -> Duration {
    let start = Instant::now();
    black_box(scan());
    start.elapsed()
}

fn main() {
    if cfg!(debug_assertions) {
        println!(
            "note: built without --release; unoptimised code inlines nothing, so these ratios mean little."
        );
    }
    let body = sample_body(64 * 1024);
    let rule = HeaderValue;
    // `black_box` hides which rule the trait objects point to, as a rule
    // read from configuration would be hidden: without it the optimiser
    // could see through the vtable and call `allows` directly.
    let as_object = black_box(&rule as &dyn Rule);
    let per_body = black_box(&rule as &dyn BodyRule);

    let scanners: [(&str, &dyn Fn() -> usize); 3] = [
        ("generic, per byte", &|| {
            count_rejected(&rule, black_box(&body))
        }),
        ("dyn, per byte", &|| {
            count_rejected_dyn(as_object, black_box(&body))
        }),
        ("dyn, per body", &|| {
            per_body.count_rejected(black_box(&body))
        }),
    ];
    // Each round times all three, one after the other, so that a slow
    // moment of the machine hits them alike; each keeps its fastest run.
    let mut best = [Duration::MAX; 3];
    for _ in 0..ROUNDS {
        for (slot, (_, scan)) in best.iter_mut().zip(&scanners) {
            *slot = (*slot).min(time(*scan));
        }
    }

    println!("{} byte body, fastest of {ROUNDS} runs each", body.len());
    for ((name, _), time) in scanners.iter().zip(best) {
        let ratio = time.as_secs_f64() / best[0].as_secs_f64();
        println!(
            "{name:<20} {:>9.1} µs   {ratio:>5.1}x the generic",
            time.as_secs_f64() * 1e6
        );
    }
}
