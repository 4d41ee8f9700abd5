//! `cargo run -p caching`: each strategy's scenario on Redis.
//! `cargo run -p caching -- stampede`: a stampede on one process (paused
//! clock), then on many servers sharing Redis.
//! Needs Redis: `cargo xtask services up`.

use std::process::ExitCode;

use caching::cache::{CacheError, RedisCache, Ttl};
use caching::stampede::{Defence, servers_on_redis, stampede};
use caching::strategies::{all_scenarios, behind_coalescing, write_once_read_rarely};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let section = match args.as_slice() {
        [] => Section::Strategies,
        [s] if s == "stampede" => Section::Stampede,
        _ => {
            eprintln!("usage: cargo run -p caching [-- stampede]");
            return ExitCode::from(2);
        }
    };
    match run(section) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

enum Section {
    Strategies,
    Stampede,
}

fn run(section: Section) -> Result<(), String> {
    if let Section::Stampede = section {
        // Sleeps on the paused clock take no real time, and the order in
        // which the tasks run is the same every time.
        let paused = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .map_err(|e| e.to_string())?;
        paused.block_on(one_process()).map_err(|e| e.to_string())?;
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let redis = RedisCache::connect().await.map_err(|e| e.to_string())?;
        let result = match section {
            Section::Strategies => strategies(&redis).await,
            Section::Stampede => many_servers(&redis).await,
        };
        // Clean up even after a failure; report the first error.
        let cleaned = redis.clean_up().await;
        result.and(cleaned).map_err(|e| e.to_string())
    })
}

async fn strategies(redis: &RedisCache) -> Result<(), CacheError> {
    println!("Redis is the cache, a map the database; price is 10 in both at the start");
    println!(
        "{:<14} {:<36} {:>6} {:>4}  the cached copy",
        "strategy", "scenario", "cache", "db"
    );
    for o in all_scenarios(redis).await? {
        let expires = match o.ttl {
            Ttl::Missing => "-".to_string(),
            Ttl::Never => "never expires".to_string(),
            // Rounded up: a copy set with 60 s has 59.99 s left when read.
            Ttl::Left(left) => format!("expires in {} s", left.as_millis().div_ceil(1000)),
        };
        println!(
            "{:<14} {:<36} {:>6} {:>4}  {expires}",
            o.strategy,
            o.scenario,
            o.cache.as_deref().unwrap_or("(none)"),
            o.db
        );
    }
    println!();
    let db_writes = behind_coalescing(redis, 1000, 10).await?;
    println!("write-behind: 1,000 writes to 10 keys took {db_writes} database writes at the flush");
    let [through, around] = write_once_read_rarely(redis, 100, 5).await?;
    println!("100 new orders written, the first 5 read back once:");
    println!("{:<14} {:>7} {:>9}", "", "cached", "db reads");
    println!("{:<14} {:>7} {:>9}", "write-through", through.0, through.1);
    println!("{:<14} {:>7} {:>9}", "write-around", around.0, around.1);
    Ok(())
}

async fn one_process() -> Result<(), CacheError> {
    println!(
        "1,000 readers ask for a hot key the moment its 60 s TTL runs out; a load takes {} ms",
        caching::stampede::LOAD.as_millis()
    );
    println!(
        "{:<32} {:>8} {:>18}",
        "defence", "db loads", "readers who waited"
    );
    for defence in Defence::ALL {
        let cost = stampede(defence, 1000).await?;
        println!(
            "{:<32} {:>8} {:>18}",
            defence.name(),
            cost.loads,
            cost.waited
        );
    }
    println!();
    Ok(())
}

async fn many_servers(redis: &RedisCache) -> Result<(), CacheError> {
    let [per_server, leased] = servers_on_redis(redis, 8, 125).await?;
    println!("8 servers x 125 readers on Redis, all looking before the first load ends");
    println!("{:<32} {:>8}", "single-flight in each server", per_server);
    println!("{:<32} {:>8}", "a lease in Redis", leased);
    Ok(())
}
