//! `cargo run --release -p replicas --bin lag`: how long after a write
//! returns its log position the replica has replayed that far (what
//! `Route::CaughtUp` waits for), over 200 writes, to within one poll, a
//! round trip to the replica. Timings depend on the machine and its load,
//! so this output is not recorded.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use replicas::cluster::Cluster;
use replicas::reads::{Session, write};

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let cluster = Cluster::connect().await?;
    let mut lags = Vec::new();
    for i in 0..200 {
        let lsn = write(&cluster, &mut Session::new(), i, "paid").await?;
        let committed = Instant::now();
        // Poll without sleeping: each poll is one round trip to the replica.
        while cluster.replica_lsn().await? < lsn {
            if committed.elapsed() > Duration::from_secs(5) {
                return Err("the replica fell more than 5 s behind".to_string());
            }
        }
        lags.push(committed.elapsed());
    }
    cluster.clean_up().await?;
    lags.sort();
    let at = |q: f64| lags[((lags.len() - 1) as f64 * q) as usize];
    println!("time from a write's position in hand to the replica having replayed it, 200 writes:");
    println!(
        "p50 {:?}, p99 {:?}, max {:?}",
        at(0.5),
        at(0.99),
        lags[lags.len() - 1]
    );
    Ok(())
}
