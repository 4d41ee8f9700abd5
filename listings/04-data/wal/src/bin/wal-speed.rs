//! Puts per second on a real file with fsync per write, with group commit,
//! and with no fsync, as ratios measured in one run. Timing-dependent, so
//! not recorded: `cargo run --release -p wal --bin wal-speed`.
//!
//! The log goes to a scratch folder under `WAL_DIR` (default: the system's
//! temporary folder). On tmpfs an fsync costs nothing; point `WAL_DIR` at
//! the disk you want to measure.

use std::path::PathBuf;
use std::time::Instant;

use wal::log_file::TempDir;
use wal::{KvStore, Policy, RealFile, Variant};

const PUTS: usize = 500;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    if cfg!(debug_assertions) {
        println!("note: built without --release; the fsync ratios hold, the no-fsync rate is low");
    }
    let parent = std::env::var_os("WAL_DIR").map_or_else(std::env::temp_dir, PathBuf::from);
    let dir = TempDir::new(&parent, "wal-speed")?;
    println!("{PUTS} puts of 100 bytes into {}", dir.path.display());
    let value = [b'v'; 100];
    let mut rates = Vec::new();
    for (name, policy) in [
        ("fsync per write", Policy::EveryWrite),
        ("group commit of 16", Policy::Group(16)),
        ("no fsync", Policy::NoFsync),
    ] {
        let file = RealFile::open(&dir.path.join(format!("{}.log", rates.len())))?;
        let (mut store, _) = KvStore::recover(file, policy, Variant::Wal)?;
        let start = Instant::now();
        let mut acked = 0;
        for i in 0..PUTS {
            acked += store.put(format!("key{i}").as_bytes(), &value)?.len();
        }
        acked += store.commit()?.len();
        let seconds = start.elapsed().as_secs_f64();
        assert_eq!(acked, PUTS);
        let rate = PUTS as f64 / seconds;
        rates.push(rate);
        println!(
            "{name:<20} {rate:>12.0} puts/s  {:>8.1}x fsync per write",
            rate / rates[0]
        );
    }
    Ok(())
}
