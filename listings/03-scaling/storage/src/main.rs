//! `cargo run -p storage`: write and read amplification of a B-tree and an
//! LSM tree. `cargo run -p storage -- postgres`: an index and the N+1
//! query on the course's PostgreSQL (`cargo xtask services up`).

use std::process::ExitCode;

use seeded::SplitMix64;
use storage::engines::{BTree, Lsm, MEMTABLE, PAGE, RECORD};
use storage::pg::{Counted, JOIN, latest_orders, tables};

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [] => {
            engines();
            Ok(())
        }
        [s] if s == "postgres" => postgres().await,
        _ => {
            eprintln!("usage: cargo run -p storage [-- postgres]");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn engines() {
    let n = 100_000u64;
    let mut rng = SplitMix64(5);
    let keys: Vec<u64> = (0..n).map(|_| rng.next_u64()).collect();
    // The same memory for both: the LSM's memtable, or a B-tree page cache.
    let cache = MEMTABLE * RECORD / PAGE;
    let (mut btree, mut lsm) = (BTree::new(cache), Lsm::new());
    for &key in &keys {
        btree.insert(key);
        lsm.insert(key);
    }
    btree.flush();
    println!(
        "{n} records of {RECORD} bytes, random keys; memtable of {MEMTABLE} records, \
         B-tree cache of {cache} pages of {PAGE} bytes"
    );
    let btree_wa = (btree.pages_written * PAGE as u64) as f64 / (n * RECORD as u64) as f64;
    let lsm_wa = lsm.records_written as f64 / n as f64;
    println!(
        "{:<10} {:>22} {:>26}",
        "engine", "bytes written per byte", "places read per lookup"
    );
    println!(
        "{:<10} {:>22.1} {:>26}",
        "B-tree",
        btree_wa,
        format!("{} pages", btree.height())
    );
    let found: u32 = keys.iter().step_by(97).map(|&k| lsm.probes(k)).sum();
    let lookups = keys.iter().step_by(97).count() as f64;
    println!(
        "{:<10} {:>22.1} {:>26}",
        "LSM tree",
        lsm_wa,
        format!(
            "{:.1} runs, {} if absent",
            f64::from(found) / lookups,
            lsm.probes(u64::MAX)
        )
    );
}

async fn postgres() -> Result<(), String> {
    let mut db = Counted::connect().await?;
    tables(&mut db).await?;
    let lookup = "SELECT * FROM customers WHERE email = 'c7@example.com'";
    println!("{lookup}");
    println!("  without an index:");
    for line in db.explain(lookup).await? {
        println!("    {line}");
    }
    db.batch("CREATE INDEX customers_email ON customers (email); ANALYZE customers;")
        .await?;
    println!("  with an index on email:");
    for line in db.explain(lookup).await? {
        println!("    {line}");
    }
    println!("the latest 20 orders with their customers' names");
    let results = latest_orders(&mut db).await?;
    let same = results.windows(2).all(|w| w[0].2 == w[1].2);
    for (how, statements, _) in &results {
        println!("  {how:<30} {statements:>2} statements");
    }
    println!(
        "  the same 20 rows every way: {}",
        if same { "yes" } else { "no" }
    );
    println!("  the join's plan:");
    for line in db.explain(JOIN).await? {
        println!("    {line}");
    }
    Ok(())
}
