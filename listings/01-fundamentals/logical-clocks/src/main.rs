//! Prints, deterministically: a duration measured across an NTP step, the
//! last-writer-wins race under a slow clock, every stamp of the chapter's
//! three-server history, and how often each clock misorders events over
//! many seeded random histories.

use logical_clocks::history::{History, three_servers};
use logical_clocks::rng::SplitMix64;
use logical_clocks::tally::{Tally, skewed_wall_stamps, tally};
use logical_clocks::wall::{
    Machine, elapsed_by_wall_clock, newest_by_lamport, newest_by_wall_clock, rename_race,
};
use logical_clocks::{lamport_stamps, vector_stamps};

const SEED: u64 = 1978;
const HISTORIES: usize = 1_000;
const PROCESSES: usize = 4;
const EVENTS: usize = 30;
const MAX_SKEW_MS: u64 = 50;
const MAX_STEP_MS: u64 = 10;

// ANCHOR: skew
/// How far B's wall clock runs behind true time in the rename race.
const B_SLOW_MS: u64 = 80;
// ANCHOR_END: skew

fn main() {
    ntp_step();
    println!();
    last_writer_wins();
    println!();
    stamps_of_three_servers();
    println!();
    generated_histories();
}

fn ntp_step() {
    println!("Measuring a 50 ms request while NTP sets the wall clock back 200 ms:");
    let mut machine = Machine::new(1_700_000_000_000);
    let (wall_start, mono_start) = (machine.wall_now(), machine.monotonic_now());
    machine.advance(20);
    machine.step_wall_clock_back(200);
    machine.advance(30);
    let (wall_end, mono_end) = (machine.wall_now(), machine.monotonic_now());
    match elapsed_by_wall_clock(wall_start, wall_end) {
        Ok(elapsed) => println!("  wall clock:      {} ms", elapsed.as_millis()),
        Err(error) => println!(
            "  wall clock:      Err, the end is {} ms before the start",
            error.duration().as_millis()
        ),
    }
    println!(
        "  monotonic clock: {} ms",
        (mono_end - mono_start).as_millis()
    );
}

fn last_writer_wins() {
    println!("Last writer wins: a user renames herself on A, A copies the write to B,");
    println!("then she renames herself again on B, whose clock is {B_SLOW_MS} ms slow.");
    let writes = rename_race(B_SLOW_MS);
    println!(
        "  {:<10} {:>6} {:>8} {:>8} {:>8}",
        "write", "server", "true ms", "wall ms", "Lamport"
    );
    for w in &writes {
        println!(
            "  {:<10} {:>6} {:>8} {:>8} {:>8}",
            format!("{:?}", w.value),
            w.server,
            w.true_ms,
            w.wall_ms,
            w.lamport
        );
    }
    let by_wall = newest_by_wall_clock(&writes).expect("two writes");
    let by_lamport = newest_by_lamport(&writes).expect("two writes");
    println!("  kept by wall clock: {:?}", by_wall.value);
    println!("  kept by Lamport:    {:?}", by_lamport.value);
}

fn stamps_of_three_servers() {
    let history = three_servers();
    let lamport = lamport_stamps(&history);
    let vector = vector_stamps(&history);
    println!("Three servers, ten events, in real-time order:");
    println!(
        "  {:<6} {:<10} {:>7}  vector [A,B,C]",
        "event", "action", "Lamport"
    );
    for (index, event) in history.events().iter().enumerate() {
        let action = match event.action {
            logical_clocks::Action::Receive { send } => {
                format!("receive {}", history.label(send))
            }
            other => other.to_string(),
        };
        println!(
            "  {:<6} {:<10} {:>7}  {}",
            history.label(index),
            action,
            lamport[index],
            vector[index]
        );
    }
    println!("Four pairs, as each clock sees them:");
    let hb = history.happens_before();
    for (a, b) in [(0, 8), (2, 1), (4, 9), (9, 8)] {
        let relation = if hb[a][b] {
            "happened before"
        } else if hb[b][a] {
            "happened after"
        } else {
            "concurrent"
        };
        println!(
            "  {} and {}: Lamport {} vs {}, vector {:?}, truly {}",
            history.label(a),
            history.label(b),
            lamport[a],
            lamport[b],
            vector[a].compare(&vector[b]),
            relation
        );
    }
}

fn generated_histories() {
    let mut rng = SplitMix64::new(SEED);
    let mut total = Tally::default();
    for _ in 0..HISTORIES {
        let history = History::random(PROCESSES, EVENTS, &mut rng);
        let skew_ms: Vec<i64> = (0..PROCESSES)
            .map(|_| rng.below(2 * MAX_SKEW_MS + 1) as i64 - MAX_SKEW_MS as i64)
            .collect();
        let wall_ms = skewed_wall_stamps(&history, &skew_ms, MAX_STEP_MS, &mut rng);
        total += tally(&history, &wall_ms);
    }
    println!(
        "{HISTORIES} random histories, {PROCESSES} processes, {EVENTS} events each, seed {SEED};"
    );
    println!(
        "events 1 to {MAX_STEP_MS} ms apart, each wall clock off by up to {MAX_SKEW_MS} ms either way."
    );
    println!(
        "  pairs where a -> b:                        {:>7}",
        total.ordered_pairs
    );
    println!(
        "    wall clock stamps b at or before a:      {:>7}",
        total.wall_wrong
    );
    println!(
        "    Lamport stamps b at or before a:         {:>7}",
        total.lamport_wrong
    );
    println!(
        "    vector stamps say anything but a < b:    {:>7}",
        total.vector_wrong
    );
    println!(
        "  concurrent pairs:                          {:>7}",
        total.concurrent_pairs
    );
    println!(
        "    Lamport gives different stamps:          {:>7}",
        total.lamport_looks_ordered
    );
    println!(
        "    vector stamps say concurrent:            {:>7}",
        total.vector_concurrent
    );
}
