//! The CP register under many seeded fault schedules:
//! `cargo run --release -p partitioned-register --bin partitioned-register-faults -- abd --seeds 1000`
//! sweeps, `-- naive --seed 3` replays one seed with its history.

use std::process::ExitCode;

use fault_sweep::Protocol;
use partitioned_register::sweep::{VARIANTS, run, schedule};

fn main() -> ExitCode {
    fault_sweep::main(&Protocol {
        package: "partitioned-register",
        bin: env!("CARGO_BIN_NAME"),
        variants: VARIANTS.iter().map(|(name, _)| *name).collect(),
        property: "linearizable",
        run,
        schedule,
    })
}
