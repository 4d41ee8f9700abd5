//! The cached store under many seeded fault schedules:
//! `cargo run --release -p simulation-testing --bin simulation-testing-faults -- fixed --seeds 1000`
//! sweeps, `-- naive --seed 3` replays one seed with its trace.

use std::process::ExitCode;

use fault_sweep::Protocol;
use simulation_testing::{VARIANTS, run, schedule};

fn main() -> ExitCode {
    fault_sweep::main(&Protocol {
        package: "simulation-testing",
        bin: env!("CARGO_BIN_NAME"),
        variants: VARIANTS.iter().map(|(name, _)| *name).collect(),
        property: "fresh",
        run,
        schedule,
    })
}
