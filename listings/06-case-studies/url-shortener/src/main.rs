//! `cargo run -p url-shortener` prints the estimates and the cache
//! comparison, deterministically, and exits.
//! `cargo run -p url-shortener -- serve [ADDR]` runs the HTTP service
//! (default 127.0.0.1:3000) until you press Ctrl-C.

use std::net::SocketAddr;
use std::process::ExitCode;

use url_shortener::estimates::{self, Assumptions};
use url_shortener::shortener::{Config, RedirectKind};
use url_shortener::workload::{self, Workload};

fn print_estimates() {
    println!("== back of the envelope ==");
    for line in estimates::report(&Assumptions::BASELINE) {
        println!("{line}");
    }
    println!();
    println!("== growth ==");
    for line in estimates::growth_table(&Assumptions::BASELINE, &[1, 10, 100]) {
        println!("{line}");
    }
}

// ANCHOR: print_comparison
async fn print_comparison() {
    let w = Workload::DEFAULT;
    let (naive, cached) = workload::compare(&w).await;
    println!();
    println!(
        "== {} redirects over {} links (Zipf, seed {}), store read = {} ms ==",
        w.requests,
        w.links,
        w.seed,
        w.store_latency.as_millis()
    );
    let lru = format!("LRU {}", w.cache_capacity);
    for (name, stats) in [("no cache", &naive), (lru.as_str(), &cached)] {
        println!(
            "{name:<9} store reads {:>6}   virtual store time {:>7.1} s   mean {:.2} ms/redirect",
            stats.store_reads,
            stats.virtual_latency.as_secs_f64(),
            stats.virtual_latency.as_secs_f64() * 1000.0 / stats.requests as f64,
        );
    }
    let hit_rate = 1.0 - cached.store_reads as f64 / cached.requests as f64;
    let ideal = workload::Zipf::new(w.links).top_share(w.cache_capacity);
    println!(
        "cache hit rate: {:.1}% (a cache that always held the top {} would get {:.1}%)",
        hit_rate * 100.0,
        w.cache_capacity,
        ideal * 100.0
    );
    println!(
        "no cache / LRU: {:.2}x the store reads, {:.2}x the store time",
        naive.store_reads as f64 / cached.store_reads as f64,
        naive.virtual_latency.as_secs_f64() / cached.virtual_latency.as_secs_f64()
    );
}
// ANCHOR_END: print_comparison

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => {
            // Paused clock: the simulated store latency costs no real time
            // and the printed durations are exact.
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .start_paused(true)
                .build();
            let Ok(runtime) = runtime else {
                eprintln!("could not start the tokio runtime");
                return ExitCode::FAILURE;
            };
            print_estimates();
            runtime.block_on(print_comparison());
            ExitCode::SUCCESS
        }
        ["serve", rest @ ..] if rest.len() <= 1 => {
            let addr_text = rest.first().copied().unwrap_or("127.0.0.1:3000");
            let Ok(addr) = addr_text.parse::<SocketAddr>() else {
                eprintln!("not a socket address: {addr_text}");
                return ExitCode::from(2);
            };
            // A real server needs the real clock: a paused one would fire
            // every timeout at once.
            let Ok(runtime) = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
            else {
                eprintln!("could not start the tokio runtime");
                return ExitCode::FAILURE;
            };
            let config = Config {
                base_url: format!("http://{addr}"),
                redirect: RedirectKind::Temporary,
            };
            eprintln!("listening on http://{addr} (Ctrl-C to stop)");
            match runtime.block_on(url_shortener::http::serve(addr, config)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("server error: {err}");
                    ExitCode::FAILURE
                }
            }
        }
        _ => {
            eprintln!("usage: url-shortener [serve [ADDR]]");
            ExitCode::from(2)
        }
    }
}
