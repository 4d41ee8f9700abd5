//! `cargo run -p replicas`: a stale read on a real replica, and the ways
//! to route reads around it. Needs `cargo xtask services up`.

use std::process::ExitCode;

use replicas::cluster::Cluster;
use replicas::scenario::story;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let cluster = match Cluster::connect().await {
        Ok(cluster) => cluster,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = story(&cluster).await;
    // Whatever happened, leave the replica replaying and the table clean.
    let resumed = cluster.resume_replay().await;
    let cleaned = cluster.clean_up().await;
    match result.and_then(|lines| resumed.and(cleaned).map(|()| lines)) {
        Ok(lines) => {
            for line in lines {
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
