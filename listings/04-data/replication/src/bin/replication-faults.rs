//! Replication under many seeded fault schedules:
//! `cargo run --release -p replication --bin replication-faults -- quorum-w2r2 --seeds 1000`
//! sweeps, `-- async --seed 3` replays one seed with its history.

use std::process::ExitCode;

use fault_sweep::Protocol;
use replication::sweep::{VARIANTS, run, schedule};

fn main() -> ExitCode {
    fault_sweep::main(&Protocol {
        package: "replication",
        bin: env!("CARGO_BIN_NAME"),
        variants: VARIANTS.iter().map(|(name, _)| *name).collect(),
        property: "free of stale reads and lost writes",
        run,
        schedule,
    })
}
