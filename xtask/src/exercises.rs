//! Exercises: `exercises/<phase>/<name>/` is the stub the reader edits, and
//! `solution/` inside it is the reference answer. Both run the same test
//! files. A stub that passes its tests would mean the tests assert nothing,
//! so the stub must compile and fail, and the solution must pass.

use std::path::{Path, PathBuf};

use crate::report::Report;

pub struct Exercise {
    pub dir: PathBuf,
    pub stub: String,
    pub solution: String,
}

fn package_name(manifest: &Path) -> anyhow::Result<(String, toml::Table)> {
    let text = std::fs::read_to_string(manifest)
        .map_err(|e| anyhow::anyhow!("{}: {e}", manifest.display()))?;
    let table: toml::Table = text
        .parse()
        .map_err(|e| anyhow::anyhow!("{}: {e}", manifest.display()))?;
    let name = table
        .get("package")
        .and_then(|p| p.get("name"))
        .and_then(|n| n.as_str())
        .ok_or_else(|| anyhow::anyhow!("{}: no [package] name", manifest.display()))?
        .to_string();
    Ok((name, table))
}

/// Test files of the solution that do not come from the stub's `tests/`.
pub fn foreign_tests(solution_manifest: &toml::Table) -> Vec<String> {
    let tests = solution_manifest
        .get("test")
        .and_then(|t| t.as_array())
        .cloned()
        .unwrap_or_default();
    if tests.is_empty() {
        return vec!["(no [[test]] entries)".into()];
    }
    tests
        .iter()
        .map(|t| {
            t.get("path")
                .and_then(|p| p.as_str())
                .unwrap_or("")
                .to_string()
        })
        .filter(|p| !p.starts_with("../tests/"))
        .collect()
}

pub fn find(root: &Path) -> anyhow::Result<Vec<Exercise>> {
    let mut found = Vec::new();
    let Ok(phases) = std::fs::read_dir(root.join("exercises")) else {
        return Ok(found);
    };
    let mut dirs: Vec<PathBuf> = phases
        .flatten()
        .filter(|e| e.path().is_dir())
        .flat_map(|phase| {
            std::fs::read_dir(phase.path())
                .into_iter()
                .flatten()
                .flatten()
        })
        .map(|e| e.path())
        .filter(|p| p.join("Cargo.toml").exists())
        .collect();
    dirs.sort();
    for dir in dirs {
        let (stub, _) = package_name(&dir.join("Cargo.toml"))?;
        let (solution, _) = package_name(&dir.join("solution").join("Cargo.toml"))
            .map_err(|e| anyhow::anyhow!("exercise {stub} lacks its solution/: {e}"))?;
        found.push(Exercise {
            dir,
            stub,
            solution,
        });
    }
    Ok(found)
}

pub fn check_all(root: &Path, report: &mut Report) {
    let exercises = match find(root) {
        Ok(found) => found,
        Err(e) => {
            report.record(
                false,
                &format!("{e:#}"),
                "every exercise needs Cargo.toml and solution/Cargo.toml",
            );
            return;
        }
    };
    for ex in exercises {
        let dir = ex
            .dir
            .strip_prefix(root)
            .unwrap_or(&ex.dir)
            .display()
            .to_string();
        let manifest = ex.dir.join("solution").join("Cargo.toml");
        match package_name(&manifest).map(|(_, t)| foreign_tests(&t)) {
            Ok(foreign) if foreign.is_empty() => {}
            Ok(foreign) => report.record(
                false,
                &format!(
                    "{dir}/solution/Cargo.toml runs tests that are not the stub's: {foreign:?}"
                ),
                "point each [[test]] path at ../tests/<file>.rs so stub and solution share tests",
            ),
            Err(e) => report.record(false, &format!("{e:#}"), "fix the manifest"),
        }
        let solved =
            crate::run_visible(crate::cargo(root).args(["test", "--quiet", "-p", &ex.solution]));
        report.record(
            solved,
            &format!(
                "{dir}/solution passes its tests (cargo test -p {})",
                ex.solution
            ),
            &format!(
                "fix {dir}/solution/lib.rs until `cargo test -p {}` passes",
                ex.solution
            ),
        );
        let compiles = crate::run_visible(
            crate::cargo(root).args(["test", "--quiet", "--no-run", "-p", &ex.stub]),
        );
        report.record(
            compiles,
            &format!("{dir} stub compiles (cargo test --no-run -p {})", ex.stub),
            &format!(
                "the stub in {dir}/src must compile: keep the signatures, put todo!() in the bodies"
            ),
        );
        if compiles {
            println!("    (the stub's tests are expected to fail below)");
            let stub_passes = crate::run_visible(
                crate::cargo(root)
                    .args(["test", "--quiet", "-p", &ex.stub])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null()),
            );
            report.record(
                !stub_passes,
                &format!("{dir} stub fails its tests (cargo test -p {})", ex.stub),
                &format!("the tests in {dir}/tests pass without a solution: make them assert the behaviour (or restore the stub in {dir}/src)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The solution must run the stub's own test files and nothing else.
    #[test]
    fn solution_tests_come_from_the_stub() {
        let good: toml::Table = "[[test]]\nname = \"a\"\npath = \"../tests/a.rs\"\n"
            .parse()
            .unwrap();
        assert!(foreign_tests(&good).is_empty());
        let own: toml::Table = "[[test]]\nname = \"a\"\npath = \"tests/a.rs\"\n"
            .parse()
            .unwrap();
        assert_eq!(foreign_tests(&own), ["tests/a.rs"]);
        let none: toml::Table = "[package]\nname = \"x\"\n".parse().unwrap();
        assert_eq!(foreign_tests(&none).len(), 1);
    }
}
