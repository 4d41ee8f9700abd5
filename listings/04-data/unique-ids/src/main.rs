//! `cargo run -p unique-ids`: one ID of each kind, the order they sort in,
//! random collisions counted against the birthday bound, and a Snowflake
//! generator whose clock steps back. `cargo run -p unique-ids -- postgres`:
//! each kind as a primary key on the course's PostgreSQL (`cargo xtask
//! services up`), and the size of its index.

use std::collections::HashSet;
use std::process::ExitCode;

use seeded::SplitMix64;
use unique_ids::order::{self, SCHEMES};
use unique_ids::snowflake::{self, Generator, OnClockBack, Refused};
use unique_ids::{birthday, ulid, uuid};

/// 2026-12-05 00:00:00 UTC, in milliseconds since 1970.
const NOW: u64 = 1_796_428_800_000;
/// Twitter's Snowflake epoch, 2010-11-04 01:42:54.657 UTC.
const TWITTER_EPOCH: u64 = 1_288_834_974_657;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => {
            layouts();
            sort_order();
            collisions();
            clock_steps_back();
            ExitCode::SUCCESS
        }
        [s] if s == "postgres" => match postgres().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("usage: cargo run -p unique-ids [-- postgres]");
            ExitCode::from(2)
        }
    }
}

async fn postgres() -> Result<(), String> {
    let rows = 100_000;
    println!(
        "== {rows} rows inserted in the order made, 8 a millisecond: the primary key's index =="
    );
    let sizes = unique_ids::pg::index_sizes(rows).await?;
    for size in &sizes {
        println!(
            "{:<10} {:>5} pages of 8 KiB, {:>5.1} keys a page",
            size.key, size.pages, size.rows_per_page
        );
    }
    let v4 = sizes[0].pages as f64;
    println!(
        "UUID v4's index is {:.2}x the size of UUID v7's",
        v4 / sizes[1].pages as f64
    );
    Ok(())
}

fn layouts() {
    println!("== one ID of each kind, made at {NOW} ms since 1970 ==");
    let mut rng = SplitMix64(1);
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&rng.next_u64().to_be_bytes());
    bytes[8..].copy_from_slice(&rng.next_u64().to_be_bytes());
    let random10: [u8; 10] = bytes[..10].try_into().expect("10 bytes");
    let id = snowflake::compose(NOW - TWITTER_EPOCH, 7, 0);
    let (millis, worker, sequence) = snowflake::fields(id);
    println!("Snowflake {id} = time {millis} | worker {worker} | sequence {sequence}");
    println!("UUID v4   {}", uuid::text(&uuid::v4(bytes)));
    let v7 = uuid::v7(NOW, random10);
    println!(
        "UUID v7   {} (first 12 hex digits: {} ms)",
        uuid::text(&v7),
        uuid::v7_millis(&v7)
    );
    let random80 = u128::from_be_bytes(bytes) >> 48;
    println!("ULID      {}", ulid::text(ulid::compose(NOW, random80)));
}

fn sort_order() {
    let (count, per_milli) = (100_000, 8);
    println!();
    println!(
        "== {count} IDs from one generator, {per_milli} a millisecond: neighbours in the order made =="
    );
    for scheme in SCHEMES {
        let ids = order::make(scheme, count, per_milli, NOW, 42);
        println!(
            "{:<16} {:>6.2}%",
            scheme.name(),
            100.0 * order::share_in_order(&ids)
        );
    }
}

fn collisions() {
    let seeds = 300;
    println!();
    println!("== random IDs that collide: pairs of equal IDs, mean over {seeds} seeds ==");
    for (bits, n) in [(24, 10_000), (32, 100_000)] {
        let total: u64 = (0..seeds)
            .map(|seed| birthday::colliding_pairs(n, bits, seed))
            .sum();
        println!(
            "{n:>7} IDs of {bits} bits: {:.2} pairs (birthday bound predicts {:.2})",
            total as f64 / seeds as f64,
            birthday::expected_pairs(n, bits)
        );
    }
    let n = birthday::half_chance(122);
    let years = n / 1e9 / (365.25 * 24.0 * 3600.0);
    println!(
        "122 random bits (UUID v4): {n:.2e} IDs for a one-in-two chance, {years:.0} years at a billion a second"
    );
}

// ANCHOR: clock_back
fn clock_steps_back() {
    println!();
    println!("== 4 requests a millisecond for 100 ms; at 50 ms the clock is stepped back 5 ms ==");
    for policy in [OnClockBack::Trust, OnClockBack::Refuse] {
        let mut generator = Generator::new(7, policy);
        let (mut made, mut seen, mut duplicates, mut refused) = (0, HashSet::new(), 0, 0);
        for true_millis in 0..100u64 {
            let clock = if true_millis < 50 {
                true_millis
            } else {
                true_millis - 5
            };
            for _request in 0..4 {
                match generator.next_id(1_000 + clock) {
                    Ok(id) => {
                        made += 1;
                        if !seen.insert(id) {
                            duplicates += 1;
                        }
                    }
                    Err(Refused::ClockBehind(_) | Refused::SequenceFull) => refused += 1,
                }
            }
        }
        println!("{policy:?}: {made} IDs, {duplicates} duplicates, {refused} requests refused");
    }
}
// ANCHOR_END: clock_back
