//! `cargo run -p sketches`: count-min and HyperLogLog against their bounds
//! and exact counts, and merged across shards.
//! `cargo run -p sketches -- redis`: the same stream through Redis's
//! PFADD and PFCOUNT. Needs Redis: `cargo xtask services up`.

use std::collections::HashSet;
use std::process::ExitCode;

use bloom_filter::{KeyHash, splitmix64};
use service_smoke::{Failure, Service};
use sketches::stream::{DRAWS, exact_counts, map_bytes, zipf_stream};
use sketches::{CountMin, HyperLogLog};

const SEED: u64 = 13;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => {
            local();
            ExitCode::SUCCESS
        }
        [s] if s == "redis" => match redis_section() {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("usage: cargo run -p sketches [-- redis]");
            ExitCode::from(2)
        }
    }
}

fn kib(bytes: usize) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

fn local() {
    let stream = zipf_stream(SEED);
    let exact = exact_counts(&stream);
    let n = DRAWS as f64;
    println!(
        "== {} draws, Zipf over 200,000 keys: {} distinct; exact HashMap {} ==",
        DRAWS,
        exact.len(),
        kib(map_bytes(&exact))
    );

    // ANCHOR: countmin
    println!(
        "-- count-min, delta = 0.01: keys over by more than eps*N, of {}: expected at most 1% --",
        exact.len()
    );
    println!(
        "{:>7} {:>11} {:>10} {:>9} | {:>9} {:>9} {:>8} | {:>9} {:>9}",
        "eps",
        "width x d",
        "memory",
        "eps*N",
        "max over",
        "mean over",
        "> eps*N",
        "cons. max",
        "cons. mean"
    );
    let mut summary = Vec::new();
    let mut heavy = None;
    let mut whole_cm = None;
    for eps in [0.01, 0.001, 0.0001] {
        let mut plain = CountMin::with_error(eps, 0.01);
        let mut conservative = plain.clone();
        // Plain update only adds, so the order does not matter: each key's
        // total at once gives the same counters as the stream one by one.
        for (key, &count) in &exact {
            plain.add(key, count);
        }
        for key in &stream {
            conservative.add_conservative(key, 1);
        }
        let (mut max, mut sum, mut over_bound) = (0, 0, 0);
        let (mut cmax, mut csum) = (0, 0);
        for (key, &truth) in &exact {
            let (p, c) = (plain.estimate(key), conservative.estimate(key));
            assert!(p >= truth && c >= truth, "a count-min sketch under-counted");
            max = max.max(p - truth);
            sum += p - truth;
            over_bound += usize::from((p - truth) as f64 > eps * n);
            cmax = cmax.max(c - truth);
            csum += c - truth;
        }
        let keys = exact.len() as f64;
        println!(
            "{eps:>7} {:>11} {:>10} {:>9.0} | {max:>9} {:>9.1} {over_bound:>8} | {cmax:>9} {:>9.1}",
            format!("{} x {}", plain.width(), plain.depth()),
            kib(plain.memory_bytes()),
            eps * n,
            sum as f64 / keys,
            csum as f64 / keys,
        );
        if eps == 0.001 {
            heavy = Some(conservative.clone());
            whole_cm = Some(plain.clone());
        }
        summary.push(format!(
            "eps {eps}: worst key over by {max} (conservative {cmax}), bound {:.0}",
            eps * n
        ));
    }
    summary.iter().for_each(|line| println!("{line}"));
    // ANCHOR_END: countmin

    // Heavy hitters: keys above 1% of the stream, by sketch and exactly.
    let sketch = heavy.expect("eps 0.001 was measured");
    let threshold = (0.01 * n) as u64;
    let truly: HashSet<&String> = exact
        .iter()
        .filter(|(_, c)| **c >= threshold)
        .map(|(k, _)| k)
        .collect();
    let found: HashSet<&String> = exact
        .keys()
        .filter(|k| sketch.estimate(k) >= threshold)
        .collect();
    println!(
        "heavy hitters (>= 1% of draws): exact {}, sketch at eps 0.001 {}, missed {}",
        truly.len(),
        found.len(),
        truly.difference(&found).count()
    );

    // ANCHOR: hll
    let distinct: Vec<&String> = exact.keys().collect();
    let truth = distinct.len() as f64;
    let hashes: Vec<u64> = distinct
        .iter()
        .map(|k| KeyHash::of(k.as_bytes()).h1)
        .collect();
    println!(
        "-- HyperLogLog: {} distinct keys; error over 32 hash seeds --",
        distinct.len()
    );
    println!(
        "{:>3} {:>7} {:>9} {:>9} {:>7} | {:>9} {:>9}",
        "p", "m", "memory", "estimate", "error", "rms error", "1.04/vm"
    );
    let mut whole_hll = None;
    for p in [8, 10, 12, 14, 16] {
        let mut hll = HyperLogLog::new(p);
        // Each distinct key once: a repeat never changes a register.
        hashes.iter().for_each(|&h| hll.add_hash(h));
        let error = hll.estimate() / truth - 1.0;
        // The same keys under 32 other hash functions: how far estimates
        // spread around the truth.
        let mut squares = 0.0;
        for salt in 1..=32u64 {
            let mut h = HyperLogLog::new(p);
            for &hash in &hashes {
                h.add_hash(splitmix64(hash ^ salt));
            }
            squares += (h.estimate() / truth - 1.0).powi(2);
        }
        println!(
            "{p:>3} {:>7} {:>9} {:>9.0} {:>+6.2}% | {:>8.2}% {:>8.2}%",
            hll.registers(),
            kib(hll.memory_bytes()),
            hll.estimate(),
            100.0 * error,
            100.0 * (squares / 32.0).sqrt(),
            100.0 * hll.standard_error(),
        );
        if p == 14 {
            whole_hll = Some(hll);
        }
    }
    // ANCHOR_END: hll

    // ANCHOR: shards
    // Four servers each see every fourth draw, then ship their sketches.
    let mut merged_hll = HyperLogLog::new(14);
    let mut merged_cm = CountMin::with_error(0.001, 0.01);
    for shard in 0..4 {
        let mut hll = HyperLogLog::new(14);
        let mut cm = CountMin::with_error(0.001, 0.01);
        for key in stream.iter().skip(shard).step_by(4) {
            hll.add(key);
            cm.add(key, 1);
        }
        merged_hll.merge(&hll);
        merged_cm.merge(&cm);
    }
    // Compared with the sketches of the whole stream built above.
    // ANCHOR_END: shards
    println!("-- 4 shards merged (HLL by max, count-min by addition) --");
    println!(
        "HLL merged equals HLL of the whole stream: {}; estimate {:.0}",
        Some(&merged_hll) == whole_hll.as_ref(),
        merged_hll.estimate()
    );
    println!(
        "count-min merged equals count-min of the whole stream: {}",
        Some(&merged_cm) == whole_cm.as_ref()
    );
}

fn redis_section() -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(redis_run()).map_err(|e| e.to_string())
}

// ANCHOR: redis
async fn redis_run() -> Result<(), Failure> {
    let url = Service::Redis.url();
    let failed = |e: redis::RedisError| Failure::failed(Service::Redis, &url, e);
    let mut conn = service_smoke::redis_connection(&url).await?;
    let token = service_smoke::run_token();
    let whole = format!("sketches:{token}:whole");
    let shards: Vec<String> = (0..4)
        .map(|s| format!("sketches:{token}:shard{s}"))
        .collect();

    let stream = zipf_stream(SEED);
    let distinct: HashSet<&String> = stream.iter().collect();
    let truth = distinct.len() as f64;
    let mut ours = HyperLogLog::new(14);
    distinct.iter().for_each(|k| ours.add(k));
    let result = async {
        for (i, batch) in stream.chunks(10_000).enumerate() {
            let () = redis::cmd("PFADD")
                .arg(&whole)
                .arg(batch)
                .query_async(&mut conn)
                .await?;
            let shard = &shards[i % 4];
            let () = redis::cmd("PFADD")
                .arg(shard)
                .arg(batch)
                .query_async(&mut conn)
                .await?;
        }
        let count: u64 = redis::cmd("PFCOUNT")
            .arg(&whole)
            .query_async(&mut conn)
            .await?;
        let bytes: u64 = redis::cmd("STRLEN")
            .arg(&whole)
            .query_async(&mut conn)
            .await?;
        let merged: u64 = redis::cmd("PFCOUNT")
            .arg(&shards)
            .query_async(&mut conn)
            .await?;
        Ok::<_, redis::RedisError>((count, bytes, merged))
    }
    .await;
    // Clean up even after a failure.
    let mut keys = shards.clone();
    keys.push(whole.clone());
    let cleaned: Result<(), _> = redis::cmd("DEL").arg(&keys).query_async(&mut conn).await;
    let (count, bytes, merged) = result.map_err(failed)?;
    cleaned.map_err(failed)?;

    println!("== the same {} draws: {truth:.0} distinct keys ==", DRAWS);
    println!(
        "{:<28} {:>9} {:>8} {:>10}",
        "", "estimate", "error", "bytes"
    );
    println!(
        "{:<28} {:>9.0} {:>+7.2}% {:>10}",
        "ours, p = 14 (one byte/reg)",
        ours.estimate(),
        100.0 * (ours.estimate() / truth - 1.0),
        ours.memory_bytes()
    );
    println!(
        "{:<28} {:>9} {:>+7.2}% {:>10}",
        "Redis PFADD/PFCOUNT",
        count,
        100.0 * (count as f64 / truth - 1.0),
        bytes
    );
    println!(
        "{:<28} {:>9} {:>+7.2}%",
        "Redis PFCOUNT of 4 shards",
        merged,
        100.0 * (merged as f64 / truth - 1.0)
    );
    println!(
        "standard error of m = 16384 registers: {:.2}%",
        100.0 * ours.standard_error()
    );
    Ok(())
}
// ANCHOR_END: redis
