//! The `faults` step: protocol listings under many seeded fault schedules.
//!
//! A listing opts in with a table in its `Cargo.toml`:
//!
//! ```toml
//! [package.metadata.course.faults]
//! bin = "partitioned-register-faults"  # built on the fault-sweep crate
//! holds = ["abd"]                      # must show no violation
//! breaks = ["naive"]                   # the checker must catch these
//! ```
//!
//! The step builds every such binary once in `--release`, runs
//! `<bin> <variant> --seeds N` for each variant, and reads the last line
//! the sweep prints (`summary: abd: 1000 seeds, 0 not linearizable`). A
//! variant in `holds` fails the step with the seeds and replay commands the
//! sweep printed; a variant in `breaks` fails it when no seed caught it,
//! because then the sweep no longer proves anything about the fixed one.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::report::Report;

/// Seeds per variant unless `cargo xtask test --seeds N` says otherwise.
pub const DEFAULT_SEEDS: u64 = 1000;

/// One listing's declaration.
#[derive(Debug, PartialEq, Eq)]
pub struct Declared {
    pub package: String,
    pub bin: String,
    pub holds: Vec<String>,
    pub breaks: Vec<String>,
    pub manifest: PathBuf,
}

/// Reads `[package.metadata.course.faults]` from one manifest's text.
/// `Ok(None)` when the listing declares nothing.
pub fn parse_manifest(text: &str, manifest: &Path) -> Result<Option<Declared>, String> {
    let value: toml::Table = text.parse().map_err(|e| format!("not valid TOML: {e}"))?;
    let package = value.get("package");
    let Some(table) = package
        .and_then(|p| p.get("metadata"))
        .and_then(|m| m.get("course"))
        .and_then(|c| c.get("faults"))
    else {
        return Ok(None);
    };
    let name = package
        .and_then(|p| p.get("name"))
        .and_then(|n| n.as_str())
        .ok_or("[package] has no name")?;
    let list = |key: &str| -> Result<Vec<String>, String> {
        match table.get(key) {
            None => Ok(vec![]),
            Some(toml::Value::Array(items)) => items
                .iter()
                .map(|i| {
                    i.as_str()
                        .map(String::from)
                        .ok_or(format!("`{key}` must list variant names as strings"))
                })
                .collect(),
            Some(_) => Err(format!("`{key}` must be a list of variant names")),
        }
    };
    let bin = table
        .get("bin")
        .and_then(|b| b.as_str())
        .ok_or("[package.metadata.course.faults] needs `bin = \"<binary>\"`")?;
    let declared = Declared {
        package: name.to_string(),
        bin: bin.to_string(),
        holds: list("holds")?,
        breaks: list("breaks")?,
        manifest: manifest.to_path_buf(),
    };
    if declared.holds.is_empty() {
        return Err("[package.metadata.course.faults] needs `holds`: the variants whose property the chapter claims".into());
    }
    if declared.breaks.is_empty() {
        return Err("[package.metadata.course.faults] needs `breaks`: a broken variant the checker is shown to catch".into());
    }
    Ok(Some(declared))
}

/// Every listing that declares a faults table, in path order.
pub fn find(root: &Path) -> Result<Vec<Declared>, String> {
    let manifests = crate::files_under(&root.join("listings"), |n| n == "Cargo.toml");
    let mut found = Vec::new();
    for manifest in manifests {
        let text = std::fs::read_to_string(&manifest)
            .map_err(|e| format!("{}: {e}", crate::relative(root, &manifest)))?;
        if let Some(declared) = parse_manifest(&text, &manifest)
            .map_err(|e| format!("{}: {e}", crate::relative(root, &manifest)))?
        {
            found.push(declared);
        }
    }
    Ok(found)
}

/// What a sweep's last line says.
#[derive(Debug, PartialEq, Eq)]
pub struct Summary {
    pub seeds: u64,
    pub violations: u64,
}

/// Parses `summary: <variant>: <N> seeds, <V> not <property>`.
pub fn parse_summary(stdout: &str, variant: &str) -> Option<Summary> {
    let line = stdout.lines().rev().find(|l| l.starts_with("summary: "))?;
    let rest = line.strip_prefix(&format!("summary: {variant}: "))?;
    let (seeds, rest) = rest.split_once(" seeds, ")?;
    let (violations, _) = rest.split_once(" not ")?;
    Some(Summary {
        seeds: seeds.parse().ok()?,
        violations: violations.parse().ok()?,
    })
}

/// Runs the step over `declared` (all listings, or one chapter's).
pub fn check(root: &Path, declared: &[Declared], seeds: u64, report: &mut Report) {
    if declared.is_empty() {
        println!("    no listing declares [package.metadata.course.faults]");
        return;
    }
    let mut build = crate::cargo(root);
    build.args(["build", "--release", "--quiet"]);
    for d in declared {
        build.args(["-p", &d.package, "--bin", &d.bin]);
    }
    let built = crate::run_visible(&mut build);
    report.record(
        built,
        "build the fault sweeps in --release",
        "read the compiler error above",
    );
    if !built {
        return;
    }
    for d in declared {
        let bin = root.join("target/release").join(&d.bin);
        let variants = d.holds.iter().map(|v| (v, true));
        for (variant, must_hold) in variants.chain(d.breaks.iter().map(|v| (v, false))) {
            sweep(root, d, &bin, variant, must_hold, seeds, report);
        }
    }
}

fn sweep(
    root: &Path,
    d: &Declared,
    bin: &Path,
    variant: &str,
    must_hold: bool,
    seeds: u64,
    report: &mut Report,
) {
    let started = std::time::Instant::now();
    let shown = format!(
        "cargo run --release -p {} --bin {} -- {variant} --seeds {seeds}",
        d.package, d.bin
    );
    println!("    $ {shown}");
    let out = Command::new(bin)
        .args([variant, "--seeds", &seeds.to_string()])
        .current_dir(root)
        .output();
    let manifest = crate::relative(root, &d.manifest);
    let out = match out {
        Ok(out) if out.status.success() => out,
        Ok(out) => {
            let stderr = String::from_utf8_lossy(&out.stderr);
            report.record(
                false,
                &format!(
                    "{} {variant}: the sweep exited with {}",
                    d.package, out.status
                ),
                &format!("read its error and fix the listing or {manifest}:\n{stderr}"),
            );
            return;
        }
        Err(e) => {
            report.record(false, &format!("{} {variant}: {e}", d.package), "rerun");
            return;
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    for line in stdout.lines() {
        println!("      {line}");
    }
    let Some(summary) = parse_summary(&stdout, variant) else {
        report.record(
            false,
            &format!("{} {variant}: the sweep printed no summary line", d.package),
            "its binary must end with fault_sweep::main's `summary: ...` line",
        );
        return;
    };
    let took = started.elapsed().as_secs_f64();
    let what = format!(
        "{} {variant}: {} seeds, {} violations, {}, in {took:.1} s",
        d.package,
        summary.seeds,
        summary.violations,
        if must_hold {
            "none allowed"
        } else {
            "a broken variant must be caught"
        }
    );
    let ok = summary.seeds == seeds
        && if must_hold {
            summary.violations == 0
        } else {
            summary.violations > 0
        };
    let fix = if must_hold {
        "the protocol broke its property: run the replay command printed above to see the seed's faults and history, fix the protocol, and run the sweep again".to_string()
    } else {
        format!(
            "no seed caught the broken variant, so the sweep no longer shows the checker works: make the workload or the faults harsher, or fix `breaks` in {manifest}"
        )
    };
    report.record(ok, &what, &fix);
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = r#"
[package]
name = "partitioned-register"
[package.metadata.course.faults]
bin = "partitioned-register-faults"
holds = ["abd"]
breaks = ["naive", "abd-without-write-back"]
"#;

    // The declaration is read, and a table without a broken variant, a
    // binary or a claimed one is refused with a message that says why.
    #[test]
    fn manifests() {
        let path = Path::new("Cargo.toml");
        let d = parse_manifest(MANIFEST, path).unwrap().unwrap();
        assert_eq!(d.package, "partitioned-register");
        assert_eq!(d.holds, ["abd"]);
        assert_eq!(d.breaks, ["naive", "abd-without-write-back"]);
        assert_eq!(parse_manifest("[package]\nname = \"x\"\n", path), Ok(None));
        let no_breaks = MANIFEST.replace("breaks = [\"naive\", \"abd-without-write-back\"]", "");
        assert!(
            parse_manifest(&no_breaks, path)
                .unwrap_err()
                .contains("breaks")
        );
        let no_bin = MANIFEST.replace("bin = \"partitioned-register-faults\"", "");
        assert!(parse_manifest(&no_bin, path).unwrap_err().contains("bin"));
        let bad = MANIFEST.replace("holds = [\"abd\"]", "holds = \"abd\"");
        assert!(parse_manifest(&bad, path).unwrap_err().contains("list"));
    }

    // The summary is found on the last summary line, for that variant only.
    #[test]
    fn summaries() {
        let out = "violation at seed 2: ...\n  replay: ...\nsummary: naive: 1000 seeds, 55 not linearizable\n";
        assert_eq!(
            parse_summary(out, "naive"),
            Some(Summary {
                seeds: 1000,
                violations: 55
            })
        );
        assert_eq!(parse_summary(out, "abd"), None);
        assert_eq!(parse_summary("no summary", "naive"), None);
        assert_eq!(
            parse_summary("summary: abd: many seeds, 0 not linearizable", "abd"),
            None
        );
    }
}
