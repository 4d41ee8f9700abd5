//! `cargo run -p proxies`: the same backends behind an L4 and an L7 proxy.
//! `cargo run -p proxies -- sql`: read/write splitting in front of the
//! course's PostgreSQL primary and replica (`cargo xtask services up`).

use std::process::ExitCode;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [] => proxies::story::http().await,
        [s] if s == "sql" => proxies::story::sql().await,
        _ => {
            eprintln!("usage: cargo run -p proxies [-- sql]");
            return ExitCode::from(2);
        }
    };
    match result {
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
