//! Exercises: `exercises/<phase>/<name>/` is the stub the reader edits, and
//! `solution/` inside it is the reference answer. Both run the same test
//! files. A stub that passes its tests would mean the tests assert nothing,
//! so the stub must compile and fail, and the solution must pass.
//!
//! `solution/lib.rs` is the one source of an exercise: it marks the regions
//! the reader writes, and the stub `src/lib.rs` is derived from it
//! ([`derive_stub`], written by `cargo xtask bless`, checked by
//! `cargo xtask test`). The book shows the solution through
//! [`solution_for_display`].
//!
//! # Markers
//!
//! A marker is a line that is exactly `// --- solution ---`,
//! `// --- stub ---` or `// --- end ---` after its indentation. A region is
//! `solution`, optionally `stub`, then `end`; or `stub` then `end` alone.
//!
//! - Lines outside regions belong to both files, unchanged.
//! - Lines between `solution` and `stub` (or `end`) belong to the solution
//!   only: the stub drops them.
//! - Lines between `stub` and `end` belong to the stub only and are written
//!   as comments. Each one is the `stub` marker's indentation, then `// `,
//!   then the stub's line; the derivation removes that indentation and the
//!   `// `, and puts the indentation back. `//` alone (or `// ` with nothing
//!   after it) is an empty line of the stub.
//!
//! So, with the markers 8 spaces in:
//!
//! ```text
//!         // --- solution ---
//!         self.outcomes.len()
//!         // --- stub ---
//!         // let _ = self;
//!         //
//!         // todo!("count")
//!         // --- end ---
//! ```
//!
//! the stub gets `        let _ = self;`, an empty line, and
//! `        todo!("count")` (8 spaces each), and the solution as the book
//! shows it keeps `        self.outcomes.len()` alone. A stub line's own
//! indentation beyond the marker's is kept: `        //     x` becomes
//! `            x`.
//!
//! Malformed input is an error naming its line: an `end` that closes no
//! region, a `solution` or a second `stub` inside a region, a region still
//! open at the end of the file, a stub line that does not start with the
//! marker's indentation and `//`, a line that looks like a marker but is not
//! exactly one, and a solution with no region at all.
//!
//! `cargo xtask bless` lives here too, because it blesses both kinds of
//! derived file: listings' recorded outputs (through `outputs::bless`) and
//! exercise stubs.

use std::path::{Path, PathBuf};

use crate::report::Report;

pub struct Exercise {
    pub dir: PathBuf,
    pub stub: String,
    pub solution: String,
}

const SOLUTION_MARKER: &str = "// --- solution ---";
const STUB_MARKER: &str = "// --- stub ---";
const END_MARKER: &str = "// --- end ---";

/// Where the parser is: outside any region, or in a part of the region
/// opened at line `opened` (1-based).
#[derive(Clone, Copy)]
enum Part<'a> {
    Outside,
    Solution { opened: usize },
    Stub { opened: usize, indent: &'a str },
}

/// The two files one marked solution stands for.
struct Split {
    stub: String,
    display: String,
}

fn split(solution: &str) -> Result<Split, String> {
    let mut stub = String::new();
    let mut display = String::new();
    let mut part = Part::Outside;
    let mut regions = 0;
    for (i, line) in solution.split_inclusive('\n').enumerate() {
        let number = i + 1;
        let (content, ending) = match line.strip_suffix("\r\n") {
            Some(content) => (content, "\r\n"),
            None => match line.strip_suffix('\n') {
                Some(content) => (content, "\n"),
                None => (line, ""),
            },
        };
        let rest = content.trim_start_matches([' ', '\t']);
        let indent = &content[..content.len() - rest.len()];
        match (part, rest) {
            (Part::Outside, SOLUTION_MARKER) => part = Part::Solution { opened: number },
            (Part::Outside, STUB_MARKER) => {
                part = Part::Stub {
                    opened: number,
                    indent,
                }
            }
            (Part::Solution { opened }, STUB_MARKER) => part = Part::Stub { opened, indent },
            (Part::Outside, END_MARKER) => {
                return Err(format!(
                    "line {number}: `{END_MARKER}` closes no region: no `{SOLUTION_MARKER}` or `{STUB_MARKER}` is open"
                ));
            }
            (Part::Solution { .. } | Part::Stub { .. }, END_MARKER) => {
                regions += 1;
                part = Part::Outside;
            }
            (Part::Solution { opened } | Part::Stub { opened, .. }, SOLUTION_MARKER) => {
                return Err(format!(
                    "line {number}: `{SOLUTION_MARKER}` inside the region opened at line {opened}: close that region with `{END_MARKER}` first"
                ));
            }
            (Part::Stub { opened, .. }, STUB_MARKER) => {
                return Err(format!(
                    "line {number}: a second `{STUB_MARKER}` in the region opened at line {opened}"
                ));
            }
            _ if looks_like_marker(rest) => {
                return Err(format!(
                    "line {number}: `{}` looks like a marker but is not one: a marker line is exactly `{SOLUTION_MARKER}`, `{STUB_MARKER}` or `{END_MARKER}` after its indentation",
                    content.trim()
                ));
            }
            (Part::Outside, _) => {
                stub.push_str(line);
                display.push_str(line);
            }
            (Part::Solution { .. }, _) => display.push_str(line),
            (Part::Stub { indent, .. }, _) => {
                let text = content
                    .strip_prefix(indent)
                    .and_then(|after| after.strip_prefix("//"))
                    .and_then(|after| match after {
                        "" | " " => Some(""),
                        _ => after.strip_prefix(' '),
                    })
                    .ok_or_else(|| {
                        format!(
                            "line {number}: a stub line must be the `{STUB_MARKER}` marker's indentation ({}), then `// ` and the stub's text (`//` alone for an empty line); found {content:?} (is `{END_MARKER}` missing before it?)",
                            describe_indent(indent)
                        )
                    })?;
                if !text.is_empty() {
                    stub.push_str(indent);
                    stub.push_str(text);
                }
                stub.push_str(ending);
            }
        }
    }
    match part {
        Part::Outside => {}
        Part::Solution { opened } | Part::Stub { opened, .. } => {
            return Err(format!(
                "line {opened}: the region opened here is not closed: add `{END_MARKER}` after it"
            ));
        }
    }
    if regions == 0 {
        return Err(format!(
            "no `{SOLUTION_MARKER}` or `{STUB_MARKER}` region: mark the parts the reader writes (see CONTRIBUTING.md, \"Exercises\")"
        ));
    }
    Ok(Split { stub, display })
}

/// A comment that was meant as a marker and is not quite one, so that a
/// typo fails loudly instead of being copied into both files.
fn looks_like_marker(rest: &str) -> bool {
    let Some(after) = rest.strip_prefix("//").map(str::trim) else {
        return false;
    };
    if !after.starts_with("---") && !after.ends_with("---") {
        return false;
    }
    let word = after
        .trim_matches(|c: char| c == '-' || c.is_whitespace())
        .to_ascii_lowercase();
    ["solution", "stub", "end"].contains(&word.as_str())
}

fn describe_indent(indent: &str) -> String {
    match indent.len() {
        0 => "no indentation".to_string(),
        1 => "1 character".to_string(),
        n => format!("{n} characters"),
    }
}

/// The stub `src/lib.rs` that `solution` (a marked `solution/lib.rs`)
/// stands for. The error names the line that is malformed.
pub fn derive_stub(solution: &str) -> Result<String, String> {
    split(solution).map(|s| s.stub)
}

/// The solution as the book shows it: marker lines and stub parts removed,
/// the solution's own lines kept.
pub fn solution_for_display(solution: &str) -> Result<String, String> {
    split(solution).map(|s| s.display)
}

/// Where `committed` and `derived` first differ, by line, for a message.
fn first_difference(committed: &str, derived: &str) -> Option<String> {
    if committed == derived {
        return None;
    }
    let committed_lines: Vec<&str> = committed.split('\n').collect();
    let derived_lines: Vec<&str> = derived.split('\n').collect();
    for i in 0..committed_lines.len().max(derived_lines.len()) {
        let (c, d) = (committed_lines.get(i), derived_lines.get(i));
        if c != d {
            return Some(format!(
                "line {}: committed {:?}, derived {:?}",
                i + 1,
                c.copied().unwrap_or("<end of file>"),
                d.copied().unwrap_or("<end of file>")
            ));
        }
    }
    Some("the files differ".to_string())
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
    match find(root) {
        Ok(found) => check(root, &found, report),
        Err(e) => report.record(
            false,
            &format!("{e:#}"),
            "every exercise needs Cargo.toml and solution/Cargo.toml",
        ),
    }
}

fn display_dir(root: &Path, ex: &Exercise) -> String {
    ex.dir
        .strip_prefix(root)
        .unwrap_or(&ex.dir)
        .display()
        .to_string()
}

/// Checks `exercises`: each stub is derived from its solution, the solution
/// passes its tests, the stub compiles and fails them. The tests of every
/// stub and solution are built with one `cargo test --no-run` and run
/// directly, two at a time; if that build fails, each exercise is checked
/// with its own cargo calls, which name the one that does not compile.
pub fn check(root: &Path, exercises: &[Exercise], report: &mut Report) {
    let started = std::time::Instant::now();
    for ex in exercises {
        let dir = display_dir(root, ex);
        check_stub(ex, &dir, report);
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
    }
    let packages: Vec<String> = exercises
        .iter()
        .flat_map(|ex| [ex.solution.clone(), ex.stub.clone()])
        .collect();
    match crate::binaries::build_tests(root, &crate::binaries::Packages::Only(&packages)) {
        Ok(artifacts) => run_batched(root, exercises, &artifacts, report),
        Err(e) => {
            println!(
                "    one build of all exercises failed; checking each with its own cargo calls:\n{e}"
            );
            for ex in exercises {
                check_with_cargo(root, ex, &display_dir(root, ex), report);
            }
        }
    }
    if !exercises.is_empty() {
        let took = started.elapsed().as_secs_f64();
        println!(
            "    cost: {} exercises (solution and stub each) in {took:.1} s (one build included): {:.2} s per exercise",
            exercises.len(),
            took / exercises.len() as f64
        );
        let in_book = find(root).map_or(exercises.len(), |all| all.len());
        crate::scale::project_line(root, "exercises", exercises.len(), took, in_book);
    }
}

/// The batched path: every test binary of every stub and solution, run
/// directly, then judged per exercise.
fn run_batched(
    root: &Path,
    exercises: &[Exercise],
    artifacts: &[crate::binaries::Artifact],
    report: &mut Report,
) {
    let outcomes = crate::binaries::parallel(artifacts, crate::binaries::jobs(), |a| {
        crate::binaries::run_test(a)
    });
    let of = |package: &str| -> Vec<(
        &crate::binaries::Artifact,
        &std::io::Result<std::process::Output>,
    )> {
        artifacts
            .iter()
            .zip(&outcomes)
            .filter(|(a, _)| a.package == package)
            .collect()
    };
    let passed =
        |r: &std::io::Result<std::process::Output>| r.as_ref().is_ok_and(|o| o.status.success());
    for ex in exercises {
        let dir = display_dir(root, ex);
        let solution = of(&ex.solution);
        let failing: Vec<String> = solution
            .iter()
            .filter(|(_, r)| !passed(r))
            .map(|(a, r)| match r {
                Ok(out) => format!(
                    "`cargo test {}` failed:\n{}",
                    a.cargo_test_args(),
                    crate::binaries::tail(out, 15)
                ),
                Err(e) => format!("could not start {}: {e}", a.path.display()),
            })
            .collect();
        let doc_ok = !crate::binaries::has_doc_tests(&ex.dir.join("solution"))
            || crate::run_visible(crate::cargo(root).args([
                "test",
                "--quiet",
                "--doc",
                "-p",
                &ex.solution,
            ]));
        for failure in &failing {
            println!("    {failure}");
        }
        report.record(
            !solution.is_empty() && failing.is_empty() && doc_ok,
            &format!(
                "{dir}/solution passes its tests (cargo test -p {})",
                ex.solution
            ),
            &format!(
                "fix {dir}/solution/lib.rs until `cargo test -p {}` passes",
                ex.solution
            ),
        );
        let stub = of(&ex.stub);
        report.record(
            !stub.is_empty(),
            &format!("{dir} stub compiles (cargo test --no-run -p {})", ex.stub),
            &format!(
                "the stub in {dir}/src must compile: keep the signatures, put todo!() in the bodies"
            ),
        );
        if !stub.is_empty() {
            report.record(
                stub.iter().any(|(_, r)| !passed(r)),
                &format!("{dir} stub fails its tests (cargo test -p {})", ex.stub),
                &format!("the tests in {dir}/tests pass without a solution: make them assert the behaviour (or restore the stub in {dir}/src)"),
            );
        }
    }
}

/// One exercise with its own cargo calls, as a reader would run them.
fn check_with_cargo(root: &Path, ex: &Exercise, dir: &str, report: &mut Report) {
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

/// The committed stub equals the one derived from the solution.
fn check_stub(ex: &Exercise, dir: &str, report: &mut Report) {
    let fix_markers = format!(
        "fix the markers in {dir}/solution/lib.rs (see CONTRIBUTING.md, \"Exercises\"), then run `cargo xtask bless -p {}`",
        ex.stub
    );
    let solution = match std::fs::read_to_string(ex.dir.join("solution/lib.rs")) {
        Ok(text) => text,
        Err(e) => {
            report.record(
                false,
                &format!("{dir}/solution/lib.rs: cannot read: {e}"),
                &fix_markers,
            );
            return;
        }
    };
    let derived = match derive_stub(&solution) {
        Ok(derived) => derived,
        Err(e) => {
            report.record(false, &format!("{dir}/solution/lib.rs: {e}"), &fix_markers);
            return;
        }
    };
    let committed = std::fs::read_to_string(ex.dir.join("src/lib.rs")).unwrap_or_default();
    let difference = first_difference(&committed, &derived);
    report.record(
        difference.is_none(),
        &match &difference {
            None => format!("{dir}/src/lib.rs is derived from solution/lib.rs"),
            Some(diff) => format!(
                "{dir}/src/lib.rs is out of step with {dir}/solution/lib.rs: {diff}"
            ),
        },
        &format!(
            "run `cargo xtask bless -p {}` (the stub is written from the solution: edit solution/lib.rs, not src/lib.rs)",
            ex.stub
        ),
    );
}

/// Rewrites the stub `src/lib.rs` of every exercise, or of the one whose
/// package (stub or solution) is `package`, from its `solution/lib.rs`.
/// Returns how many exercises it matched.
pub fn bless_stubs(root: &Path, package: Option<&str>) -> anyhow::Result<usize> {
    let mut matched = 0;
    for ex in find(root)? {
        if package.is_some_and(|p| p != ex.stub && p != ex.solution) {
            continue;
        }
        matched += 1;
        let solution_path = ex.dir.join("solution/lib.rs");
        let stub_path = ex.dir.join("src/lib.rs");
        let solution = std::fs::read_to_string(&solution_path)
            .map_err(|e| anyhow::anyhow!("{}: {e}", crate::relative(root, &solution_path)))?;
        let derived = derive_stub(&solution)
            .map_err(|e| anyhow::anyhow!("{}: {e}", crate::relative(root, &solution_path)))?;
        let changed = std::fs::read_to_string(&stub_path).ok().as_deref() != Some(derived.as_str());
        if changed {
            std::fs::write(&stub_path, &derived)?;
        }
        println!(
            "    {} {}",
            if changed { "blessed" } else { "unchanged" },
            crate::relative(root, &stub_path)
        );
    }
    Ok(matched)
}

/// `cargo xtask bless [-p <name>]`: rewrites what is derived from the code,
/// the recorded outputs of listings and the stubs of exercises. Without a
/// name, all of them; with one, the listing or the exercise of that name.
pub fn bless(root: &Path, package: Option<&str>) -> anyhow::Result<()> {
    let Some(package) = package else {
        bless_stubs(root, None)?;
        return crate::outputs::bless(root, None);
    };
    let is_listing = crate::outputs::find(root).iter().any(|path| {
        crate::outputs::read(root, path).is_ok_and(|recorded| recorded.package() == package)
    });
    let exercises = bless_stubs(root, Some(package))?;
    if is_listing {
        crate::outputs::bless(root, Some(package))?;
    }
    if !is_listing && exercises == 0 {
        let names: Vec<String> = find(root)?.into_iter().map(|ex| ex.stub).collect();
        anyhow::bail!(
            "nothing to bless for `{package}`: no listing records its output and no exercise has that name\n  \
             - a listing: create listings/<phase>/{package}/output.txt whose only line is `$ cargo run -p {package}`, then bless again\n  \
             - an exercise: name its stub package (one of: {})",
            names.join(", ")
        );
    }
    Ok(())
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

    /// A solution with one region of each kind, indented as in a method.
    const MARKED: &str = "\
// --- solution ---
//! Reference solution.
// --- stub ---
// //! Your turn.
// --- end ---

pub fn len(v: &[u8]) -> usize {
    // --- solution ---
    // Counts the bytes.
    v.len()
    // --- stub ---
    // let _ = v;
    //
    //     todo!()
    // --- end ---
}
";

    // Outside lines are shared, solution lines dropped, stub lines uncommented at the marker's indentation.
    #[test]
    fn derives_the_stub() {
        assert_eq!(
            derive_stub(MARKED).unwrap(),
            "//! Your turn.\n\npub fn len(v: &[u8]) -> usize {\n    let _ = v;\n\n        todo!()\n}\n"
        );
    }

    // The book's solution keeps the solution lines and loses every marker and stub line.
    #[test]
    fn shows_the_solution_without_markers() {
        assert_eq!(
            solution_for_display(MARKED).unwrap(),
            "//! Reference solution.\n\npub fn len(v: &[u8]) -> usize {\n    // Counts the bytes.\n    v.len()\n}\n"
        );
    }

    // A solution part without a stub part is dropped, and a stub-only region adds lines.
    #[test]
    fn regions_may_lack_either_part() {
        let text =
            "a\n// --- solution ---\nb\n// --- end ---\n// --- stub ---\n// c\n// --- end ---\nd";
        assert_eq!(derive_stub(text).unwrap(), "a\nc\nd");
        assert_eq!(solution_for_display(text).unwrap(), "a\nb\nd");
    }

    // `// ` with nothing after it is an empty line too, and CRLF endings are kept.
    #[test]
    fn empty_stub_lines_and_line_endings() {
        let text = "  // --- stub ---\r\n  // \r\n  //x y\r\n  // --- end ---\r\n";
        assert!(derive_stub(text).is_err(), "`//x` lacks the space");
        let text = "  // --- stub ---\r\n  // \r\n  // x\r\n  // --- end ---\r\n";
        assert_eq!(derive_stub(text).unwrap(), "\r\n  x\r\n");
    }

    /// The error of a malformed solution, which must name `line`.
    fn error_at(text: &str, line: usize) -> String {
        let err = derive_stub(text).expect_err("malformed input is rejected");
        assert!(err.starts_with(&format!("line {line}: ")), "{err}");
        assert_eq!(solution_for_display(text), Err(err.clone()));
        err
    }

    // An `end` with no region open is rejected at its line.
    #[test]
    fn rejects_end_without_start() {
        let err = error_at(
            "a\n// --- solution ---\nb\n// --- end ---\n// --- end ---\n",
            5,
        );
        assert!(err.contains("closes no region"), "{err}");
    }

    // A `solution` marker inside a region (either part) is rejected at its line.
    #[test]
    fn rejects_solution_inside_a_region() {
        let err = error_at(
            "// --- solution ---\na\n// --- solution ---\n// --- end ---\n",
            3,
        );
        assert!(err.contains("opened at line 1"), "{err}");
        error_at(
            "// --- stub ---\n// a\n// --- solution ---\n// --- end ---\n",
            3,
        );
    }

    // A second `stub` marker in one region is rejected at its line.
    #[test]
    fn rejects_a_second_stub() {
        let err = error_at(
            "// --- solution ---\na\n// --- stub ---\n// --- stub ---\n// --- end ---\n",
            4,
        );
        assert!(err.contains("second"), "{err}");
    }

    // A region still open at the end of the file is rejected at the line that opened it.
    #[test]
    fn rejects_an_unclosed_region() {
        let err = error_at(
            "a\n    // --- solution ---\n    b\n    // --- stub ---\n    // c\n",
            2,
        );
        assert!(err.contains("not closed"), "{err}");
    }

    // A stub line that is not the marker's indentation plus `//` is rejected at its line.
    #[test]
    fn rejects_a_stub_line_that_is_not_a_comment() {
        let err = error_at("    // --- stub ---\n    todo!()\n    // --- end ---\n", 2);
        assert!(err.contains("4 characters"), "{err}");
        // Less indented than the marker.
        error_at(
            "    // --- stub ---\n    // a\n  // b\n    // --- end ---\n",
            3,
        );
        // An empty line is written `//`.
        error_at("// --- stub ---\n\n// --- end ---\n", 2);
    }

    // A near-miss marker is an error, not a comment copied into both files.
    #[test]
    fn rejects_a_misspelt_marker() {
        let err = error_at("// --- solution ---\na\n// --- End ---\n", 3);
        assert!(err.contains("looks like a marker"), "{err}");
        error_at("// --- solution ---\na\n// --- end ---  \n", 3);
        error_at("// ---stub---\n", 1);
    }

    // A solution with no region at all asks for markers.
    #[test]
    fn rejects_a_solution_without_regions() {
        let err = derive_stub("pub fn f() {}\n").unwrap_err();
        assert!(err.contains("mark the parts the reader writes"), "{err}");
        assert!(solution_for_display("").is_err());
    }

    // A mismatch is located at its first differing line, including a missing last newline.
    #[test]
    fn locates_the_first_difference() {
        assert_eq!(first_difference("a\nb\n", "a\nb\n"), None);
        let diff = first_difference("a\nb\n", "a\nc\n").unwrap();
        assert!(diff.starts_with("line 2: "), "{diff}");
        let diff = first_difference("a\n", "a").unwrap();
        assert!(diff.starts_with("line 2: "), "{diff}");
    }
}
