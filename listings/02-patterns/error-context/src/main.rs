//! The chapter's runs: `naive`, `swallowed`, `typed` (per-file reports)
//! and `context` (the nightly job with anyhow, including a missing file).

use anyhow::Context;
use error_context::orders::import_file;
use error_context::{data_dir, naive};

const FILES: [&str; 3] = ["orders-1.csv", "orders-2.csv", "orders-3.csv"];

fn units(orders: &[error_context::Order]) -> u32 {
    orders.iter().map(|order| order.quantity).sum()
}

// ANCHOR: nightly
/// The nightly job. A rejected line is reported and skipped; a file that
/// cannot be read stops the job, with context naming where it stopped.
fn nightly(files: &[&str]) -> anyhow::Result<u32> {
    let mut imported = 0;
    for (n, file) in files.iter().enumerate() {
        let report = import_file(&data_dir(), file).with_context(|| {
            format!(
                "nightly import stopped at file {} of {}",
                n + 1,
                files.len()
            )
        })?;
        for rejected in &report.rejected {
            println!("rejected: {rejected}");
        }
        imported += report.orders.len() as u32;
    }
    Ok(imported)
}
// ANCHOR_END: nightly

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("naive") => match naive::import(&data_dir(), &FILES) {
            Ok(orders) => println!("imported {} orders", orders.len()),
            // What `fn main() -> Result<(), Box<dyn Error>>` would print
            // (on stderr) when it returns this error: `Error: ` and `{:?}`.
            Err(error) => println!("Error: {error:?}"),
        },
        Some("swallowed") => {
            let orders = naive::import_swallowing(&data_dir(), &FILES);
            println!("imported {} orders, {} units", orders.len(), units(&orders));
        }
        Some("context") => {
            // ANCHOR: context_run
            match nightly(&FILES[..2]) {
                Ok(imported) => println!("imported {imported} orders"),
                Err(error) => println!("{error:#}"),
            }
            let error = nightly(&["orders-1.csv", "orders-3.csv"])
                .expect_err("orders-3.csv does not exist");
            println!("\n{{:#}}: {error:#}");
            println!("\nthe chain, outermost first:");
            for (depth, cause) in error.chain().enumerate() {
                println!("  {depth}: {cause}");
            }
            // ANCHOR_END: context_run
        }
        _ => {
            eprintln!("usage: error-context naive|swallowed|context");
            std::process::exit(2);
        }
    }
}
