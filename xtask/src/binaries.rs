//! One build of the listings, then their programs and tests run directly.
//!
//! `cargo run` and `cargo test` each start cargo, which checks every
//! fingerprint of the crate's dependency graph before it runs anything:
//! about 0.15 s a call when nothing changed, on every one of a hundred calls.
//! The steps instead build once (`cargo build --bins` or
//! `cargo test --no-run`, with `--message-format=json` so cargo names each
//! executable it built) and start the executables themselves, two at a time
//! on a two-core machine. A program runs from the project root as
//! `cargo run` runs it; a test binary runs from its package's folder with the
//! environment `cargo test` gives it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Which packages a build covers.
pub enum Packages<'a> {
    /// The whole workspace but these packages.
    Workspace { exclude: &'a [String] },
    /// Only these packages.
    Only(&'a [String]),
}

impl Packages<'_> {
    /// The packages' names (the workspace's from `cargo metadata`).
    fn names(&self, root: &Path) -> Result<Vec<String>, String> {
        let exclude = match self {
            Packages::Only(names) => return Ok(names.to_vec()),
            Packages::Workspace { exclude } => exclude,
        };
        let out = crate::cargo(root)
            .args(["metadata", "--no-deps", "--format-version", "1"])
            .output()
            .map_err(|e| format!("could not start cargo metadata: {e}"))?;
        let json: serde_json::Value = serde_json::from_slice(&out.stdout)
            .map_err(|e| format!("cargo metadata printed no JSON: {e}"))?;
        Ok(json["packages"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p["name"].as_str())
            .filter(|name| !exclude.iter().any(|x| x == name))
            .map(String::from)
            .collect())
    }

    fn args(&self) -> Vec<String> {
        match self {
            Packages::Workspace { exclude } => {
                let mut args = vec!["--workspace".to_string()];
                for name in *exclude {
                    args.extend(["--exclude".to_string(), name.clone()]);
                }
                args
            }
            Packages::Only(names) => names
                .iter()
                .flat_map(|n| ["-p".to_string(), n.clone()])
                .collect(),
        }
    }
}

/// An executable cargo built.
#[derive(Clone, Debug)]
pub struct Artifact {
    /// The package's name, e.g. `bloom-filter`.
    pub package: String,
    /// The target's name: the binary's name, or the test file's stem.
    pub target: String,
    /// `lib`, `bin` or `test` (a file in `tests/`).
    pub kind: String,
    pub path: PathBuf,
    /// The package's folder, where `cargo test` runs its tests.
    pub package_dir: PathBuf,
}

impl Artifact {
    /// The `cargo test` arguments that run this test binary alone.
    pub fn cargo_test_args(&self) -> String {
        match self.kind.as_str() {
            "lib" => format!("-p {} --lib", self.package),
            kind => format!("-p {} --{kind} {}", self.package, self.target),
        }
    }
}

/// Package names by manifest path, read once.
#[derive(Default)]
struct Names(HashMap<PathBuf, String>);

impl Names {
    fn of(&mut self, manifest: &Path) -> String {
        self.0
            .entry(manifest.to_path_buf())
            .or_insert_with(|| {
                std::fs::read_to_string(manifest)
                    .ok()
                    .and_then(|t| t.parse::<toml::Table>().ok())
                    .and_then(|t| t.get("package")?.get("name")?.as_str().map(String::from))
                    .unwrap_or_default()
            })
            .clone()
    }
}

/// Runs `cargo <args>` with JSON messages and returns the executables it
/// built (`test` selects the test harnesses or the plain programs). On a
/// failed build, the error carries the compiler's rendered messages.
fn build(
    root: &Path,
    args: &[&str],
    packages: &Packages,
    test: bool,
) -> Result<Vec<Artifact>, String> {
    let mut cmd = crate::cargo(root);
    cmd.args(args)
        .args(packages.args())
        .args(["--quiet", "--message-format=json-render-diagnostics"])
        .env("CARGO_TERM_COLOR", "never")
        .stdin(Stdio::null());
    println!("    $ {}", crate::describe(&cmd));
    let out = cmd
        .output()
        .map_err(|e| format!("could not start cargo: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "`{}` failed:\n{}",
            crate::describe(&cmd),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let mut names = Names::default();
    let mut found = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-artifact" || message["profile"]["test"] != test {
            continue;
        }
        let Some(path) = message["executable"].as_str() else {
            continue;
        };
        let manifest = PathBuf::from(message["manifest_path"].as_str().unwrap_or_default());
        let kind = message["target"]["kind"][0].as_str().unwrap_or_default();
        if !matches!(kind, "lib" | "bin" | "test") {
            continue;
        }
        found.push(Artifact {
            package: names.of(&manifest),
            target: message["target"]["name"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            kind: kind.to_string(),
            path: PathBuf::from(path),
            package_dir: manifest.parent().map(Path::to_path_buf).unwrap_or_default(),
        });
    }
    Ok(found)
}

/// `cargo build --bins`: every program of these packages.
pub fn build_bins(root: &Path, packages: &Packages) -> Result<Vec<Artifact>, String> {
    build(root, &["build", "--bins"], packages, false)
}

/// `cargo test --no-run`: every test harness of these packages (unit tests
/// of the library and of each binary, and each file in `tests/`).
pub fn build_tests(root: &Path, packages: &Packages) -> Result<Vec<Artifact>, String> {
    build(root, &["test", "--no-run"], packages, true)
}

/// Whether a package's sources hold a doc test (a code fence in a `///` or
/// `//!` comment), which only `cargo test --doc` runs.
pub fn has_doc_tests(package_dir: &Path) -> bool {
    let sources = crate::files_under(&package_dir.join("src"), |n| n.ends_with(".rs"));
    let lib = package_dir.join("lib.rs");
    sources
        .iter()
        .chain(lib.is_file().then_some(&lib))
        .any(|file| {
            std::fs::read_to_string(file).is_ok_and(|text| {
                text.lines().any(|l| {
                    let l = l.trim_start();
                    (l.starts_with("///") || l.starts_with("//!")) && l.contains("```")
                })
            })
        })
}

/// Runs a test binary as `cargo test` does: from its package's folder, with
/// the variables cargo sets.
pub fn run_test(artifact: &Artifact) -> std::io::Result<Output> {
    Command::new(&artifact.path)
        .current_dir(&artifact.package_dir)
        .env("CARGO_MANIFEST_DIR", &artifact.package_dir)
        .env("CARGO_PKG_NAME", &artifact.package)
        .env("CARGO_CRATE_NAME", artifact.package.replace('-', "_"))
        .stdin(Stdio::null())
        .output()
}

/// How many things run at once: one per core.
pub fn jobs() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// `f` over `items`, `jobs` at a time; results in the order of `items`.
pub fn parallel<T: Sync, R: Send>(items: &[T], jobs: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1).min(items.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let result = f(item);
                    results.lock().expect("no worker panics holding it")[i] = Some(result);
                }
            });
        }
    });
    results
        .into_inner()
        .expect("no worker panics holding it")
        .into_iter()
        .map(|r| r.expect("every item ran"))
        .collect()
}

/// `cargo test` for `packages`, batched: one `cargo test --no-run`, every
/// test binary run directly (two at a time), then `cargo test --doc` for the
/// packages whose sources hold a doc test. `what` names the run in messages.
pub fn check_tests(
    root: &Path,
    packages: &Packages,
    what: &str,
    report: &mut crate::report::Report,
) {
    let mut failed = 0;
    let artifacts = match build_tests(root, packages) {
        Ok(found) => found,
        Err(batch) => {
            // One crate that does not compile fails the batch: build each
            // alone, so that the others are still tested and it is named.
            let names = match packages.names(root) {
                Ok(names) => names,
                Err(e) => {
                    return report.record(
                        false,
                        &format!("{what}: the tests did not build: {batch}\n({e})"),
                        "fix the compile error above",
                    );
                }
            };
            println!(
                "    one build of the tests failed; building each package alone to find which"
            );
            let mut found = Vec::new();
            for name in names {
                match build_tests(root, &Packages::Only(std::slice::from_ref(&name))) {
                    Ok(artifacts) => found.extend(artifacts),
                    Err(e) => {
                        failed += 1;
                        report.record(
                            false,
                            &format!("{what}: the tests of {name} do not build: {e}"),
                            &format!(
                                "fix the compile error above; `cargo test -p {name}` shows it"
                            ),
                        );
                    }
                }
            }
            found
        }
    };
    let started = std::time::Instant::now();
    let timed = parallel(&artifacts, jobs(), |a| {
        let t = std::time::Instant::now();
        (run_test(a), t.elapsed().as_secs_f64())
    });
    print_slowest(&artifacts, &timed, started.elapsed().as_secs_f64());
    let outcomes: Vec<std::io::Result<Output>> = timed.into_iter().map(|(o, _)| o).collect();
    for (artifact, outcome) in artifacts.iter().zip(&outcomes) {
        let message = match outcome {
            Ok(out) if out.status.success() => continue,
            Ok(out) => format!("{}:\n{}", out.status, tail(out, 30)),
            Err(e) => format!("could not start {}: {e}", artifact.path.display()),
        };
        failed += 1;
        let args = artifact.cargo_test_args();
        report.record(
            false,
            &format!("`cargo test {args}` failed: {message}"),
            &format!("run `cargo test {args}` and fix the test it names"),
        );
    }
    let mut packages: Vec<(&str, &Path)> = artifacts
        .iter()
        .map(|a| (a.package.as_str(), a.package_dir.as_path()))
        .collect();
    // Only a library has doc tests.
    let libraries: Vec<&str> = artifacts
        .iter()
        .filter(|a| a.kind == "lib")
        .map(|a| a.package.as_str())
        .collect();
    packages.sort();
    packages.dedup();
    for (package, dir) in &packages {
        if libraries.contains(package) && has_doc_tests(dir) {
            let ok = crate::run_visible(
                crate::cargo(root).args(["test", "--quiet", "--doc", "-p", package]),
            );
            if !ok {
                failed += 1;
                report.record(
                    false,
                    &format!("the doc tests of {package} failed"),
                    &format!("run `cargo test --doc -p {package}` and fix the example it names"),
                );
            }
        }
    }
    if failed == 0 {
        report.record(
            true,
            &format!(
                "{what}: {} test binaries of {} packages pass",
                artifacts.len(),
                packages.len()
            ),
            "",
        );
    }
}

/// Where the time of a batch of test binaries went: the wall time, the
/// time of all of them, and the five slowest.
fn print_slowest(artifacts: &[Artifact], timed: &[(std::io::Result<Output>, f64)], wall: f64) {
    let mut by_time: Vec<(f64, String)> = artifacts
        .iter()
        .zip(timed)
        .map(|(a, (_, t))| (*t, a.cargo_test_args()))
        .collect();
    by_time.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = by_time.iter().map(|(t, _)| t).sum();
    println!(
        "    {} test binaries ran in {wall:.1} s ({total:.1} s in all, {} at a time); the slowest:",
        artifacts.len(),
        jobs()
    );
    for (t, args) in by_time.iter().take(5) {
        println!("      {t:>5.1} s  cargo test {args}");
    }
}

/// The last `n` lines of a test's output, for a failure message.
pub fn tail(output: &Output, n: usize) -> String {
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..]
        .iter()
        .map(|l| format!("      | {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    // Results come back in the order of the items, whatever order they ran in.
    #[test]
    fn parallel_keeps_order() {
        let items: Vec<u64> = (0..20).collect();
        let out = parallel(&items, 3, |n| {
            std::thread::sleep(std::time::Duration::from_millis(20 - n));
            n * 2
        });
        assert_eq!(out, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        assert!(parallel(&[] as &[u8], 2, |_| 0).is_empty());
    }

    // The package selection becomes cargo's flags.
    #[test]
    fn package_flags() {
        let names = vec!["a".to_string(), "b".to_string()];
        assert_eq!(Packages::Only(&names).args(), ["-p", "a", "-p", "b"]);
        assert_eq!(
            Packages::Workspace { exclude: &names }.args(),
            ["--workspace", "--exclude", "a", "--exclude", "b"]
        );
    }
}
