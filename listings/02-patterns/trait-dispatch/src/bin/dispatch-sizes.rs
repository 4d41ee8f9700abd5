//! Compares the sizes of the two size binaries, built next to this one:
//!
//! ```console
//! $ cargo build --release -p trait-dispatch --bins
//! $ cargo run --release -p trait-dispatch --bin dispatch-sizes
//! ```

use std::env::consts::EXE_SUFFIX;
use std::path::Path;
use std::process::ExitCode;

fn size_of_sibling(dir: &Path, name: &str) -> Result<u64, String> {
    let path = dir.join(format!("{name}{EXE_SUFFIX}"));
    std::fs::metadata(&path).map(|meta| meta.len()).map_err(|error| {
        format!(
            "cannot read {}: {error}\nbuild both binaries first, in the same profile as this one:\n  \
             cargo build --release -p trait-dispatch --bins",
            path.display()
        )
    })
}

fn main() -> ExitCode {
    let exe = std::env::current_exe().expect("the running program has a path");
    let dir = exe.parent().expect("an executable lives in a directory");
    let sizes = size_of_sibling(dir, "dispatch-size-generic")
        .and_then(|generic| Ok((generic, size_of_sibling(dir, "dispatch-size-dyn")?)));
    let (generic, dynamic) = match sizes {
        Ok(sizes) => sizes,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    if cfg!(debug_assertions) {
        println!("note: debug build; `--release` shows what ships.");
    }
    println!("32 rule types through a generic: {generic:>9} bytes");
    println!("32 rule types through &dyn Rule: {dynamic:>9} bytes");
    let extra = generic as i64 - dynamic as i64;
    println!(
        "the generic binary is {extra} bytes larger, about {} bytes a type",
        extra / 32
    );
    ExitCode::SUCCESS
}
