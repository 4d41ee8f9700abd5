//! `cargo xtask`: every check of the book in one small program.
//!
//! Layout:
//! - `main.rs`: the command line (`test`, `serve`, `bless`, `install`,
//!   `preprocess`) and the list of steps `test` runs.
//! - `report.rs`: counts passed and failed checks and prints the summary line.
//! - `tools.rs`: installs the pinned mdBook tools into `.tools/`.
//! - `outputs.rs`: recorded listing outputs (`output*.txt`): run, compare, bless.
//! - `quiz.rs`: quiz files: committed ids, unique names, and answers checked
//!   against a listing's real output.
//! - `exercises.rs`: each exercise's stub is derived from its marked
//!   solution; the solution passes and the stub fails.
//! - `faults.rs`: protocol listings swept over seeded fault schedules; a
//!   fixed variant must show no violation, a broken one must be caught.
//! - `figures.rs`: recorded figures (`figure-*.svg`), rerun and compared.
//! - `services.rs`: `services up|down|status`, and the services a test run
//!   starts for the listings that declare them.
//! - `runner.rs`: the local runner behind Run and "Run the tests" in the
//!   page, and the `runner` step that attacks it.
//! - `preprocess.rs`: the book's mdBook preprocessor, and the check that a
//!   predicted output stays hidden.
//! - `browser.rs`: the Playwright suite in `e2e/`, in Debian's Chromium.
//! - `serve.rs`: the caching `rustc` that keeps `serve` fast, and its budget.
//! - `binaries.rs`: one build of the listings, then their programs and tests
//!   run directly (no `cargo run` or `cargo test` per crate).
//! - `chapter.rs`: `test --chapter <slug>`, every check of one chapter.
//! - `scale.rs`: the `scale` step: the browser suite over a generated book of
//!   100 chapters, and what a warm full run would cost at that size.
//!
//! A new check is a new `Step` arm. Every failure message names the file and
//! the command that fixes it.

mod binaries;
mod browser;
mod chapter;
mod exercises;
mod faults;
mod figures;
mod outputs;
mod preprocess;
mod quiz;
mod report;
mod runner;
mod scale;
mod serve;
mod services;
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use report::Report;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  test [--step <step>]   run every check (steps: lint, unit, outputs, answers, exercises, faults, runner, book, browser, refresh)
       [--seeds <n>]      seeds per protocol variant in the faults step (default 1000)
       [--chapter <slug>] every check of one chapter (its listings, outputs, quiz, exercise, book, its page in the browser)
       --step scale       not in the full run: the browser suite over a generated 100-chapter book, and the projection of a warm full run at 100 chapters
  bless [-p <crate>]     rewrite listings' recorded output*.txt and exercise stubs (derived from solution/lib.rs)
  serve [--port <n>]     install the pinned tools if needed, then serve the book on 127.0.0.1
  install                install the pinned tools into .tools/ and nothing else
  services up|down|status  Redis, PostgreSQL (primary + replica), PgBouncer and NATS on 127.0.0.1 for the listings (files in target/services/)
  preprocess             the book's mdBook preprocessor (mdBook runs it; see book.toml)";

/// The steps of `cargo xtask test`, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Lint,
    Unit,
    Outputs,
    Answers,
    Exercises,
    Faults,
    Runner,
    Book,
    Browser,
    Refresh,
    /// Not in `ALL`: run alone with `--step scale`.
    Scale,
}

impl Step {
    const ALL: [Step; 10] = [
        Step::Lint,
        Step::Unit,
        Step::Outputs,
        Step::Answers,
        Step::Exercises,
        Step::Faults,
        Step::Runner,
        Step::Book,
        Step::Browser,
        Step::Refresh,
    ];

    fn name(self) -> &'static str {
        match self {
            Step::Lint => "lint",
            Step::Unit => "unit",
            Step::Outputs => "outputs",
            Step::Answers => "answers",
            Step::Exercises => "exercises",
            Step::Faults => "faults",
            Step::Runner => "runner",
            Step::Book => "book",
            Step::Browser => "browser",
            Step::Refresh => "refresh",
            Step::Scale => "scale",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Step::Lint => "cargo fmt --check and cargo clippy -D warnings",
            Step::Unit => "cargo test --workspace (exercise stubs excluded)",
            Step::Outputs => "recorded listing outputs match a fresh run",
            Step::Answers => "quiz ids, quiz names, and answers checked against listings",
            Step::Exercises => "exercise solutions pass, stubs compile and fail",
            Step::Faults => {
                "protocols keep their property under seeded faults; broken variants are caught"
            }
            Step::Runner => "the local runner refuses hostile requests and runs listings",
            Step::Book => "mdbook build (validates Tracing questions) and link check",
            Step::Browser => {
                "every page in headless Chromium: errors, diagrams, quizzes, search, progress, weight"
            }
            Step::Refresh => "ci/serve shows an edit to one chapter within its budget",
            Step::Scale => {
                "the browser suite over a generated 100-chapter book; a warm full run projected to 100 chapters"
            }
        }
    }

    fn parse(name: &str) -> Option<Step> {
        Step::ALL
            .into_iter()
            .chain([Step::Scale])
            .find(|s| s.name() == name)
    }
}

fn main() -> ExitCode {
    if serve::invoked_as_rustc() {
        return serve::rustc_shim();
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = project_root();
    let result = match args.first().map(String::as_str) {
        Some("test") => {
            let steps = match flag_value(&args, "--step") {
                Some(name) => match Step::parse(&name) {
                    Some(step) => vec![step],
                    None => return usage_error(&format!("unknown step `{name}`")),
                },
                None => Step::ALL.to_vec(),
            };
            let seeds = match flag_value(&args, "--seeds").map(|n| n.parse::<u64>()) {
                None => faults::DEFAULT_SEEDS,
                Some(Ok(n)) if n > 0 => n,
                Some(_) => return usage_error("--seeds needs a positive number"),
            };
            if let Some(slug) = flag_value(&args, "--chapter") {
                return match chapter::run(&root, &slug) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(err) => {
                        eprintln!("error: {err:#}");
                        ExitCode::FAILURE
                    }
                };
            }
            run_tests(&root, &steps, seeds)
        }
        Some("bless") => {
            let package = flag_value(&args, "-p");
            exercises::bless(&root, package.as_deref())
                .and_then(|()| figures::bless(&root, package.as_deref()))
        }
        Some("serve") => {
            let port = flag_value(&args, "--port").unwrap_or_else(|| "3000".into());
            serve(&root, &port)
        }
        Some("install") => tools::ensure_installed(&root).map(|_| ()),
        Some("services") => services::main(&root, &args),
        Some("preprocess") => return preprocess::main(&args),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => return usage_error(&format!("unknown command `{other}`")),
        None => return usage_error("no command given"),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

/// The value after `flag` in `args`, as in `-p lost-update`.
fn flag_value(args: &[String], flag: &str) -> Option<String> {
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1).cloned())
}

/// The workspace root: the parent of this crate's manifest directory.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the root")
        .to_path_buf()
}

fn run_tests(root: &Path, steps: &[Step], seeds: u64) -> anyhow::Result<()> {
    let needs_tools = steps
        .iter()
        .any(|s| matches!(s, Step::Book | Step::Browser | Step::Refresh | Step::Scale));
    let tools = if needs_tools {
        Some(tools::ensure_installed(root)?)
    } else {
        None
    };
    let started = std::time::Instant::now();
    let started_at = std::time::SystemTime::now();
    let mut report = Report::default();
    let mut runs = outputs::Runs::default();
    let mut rebuilt = false;
    let mut timings = Vec::new();
    // Services start before the first step that runs listings, if a listing
    // declares any, and stop after the last one (or when this returns).
    let runs_listings = |s: &Step| matches!(s, Step::Unit | Step::Outputs | Step::Answers);
    let last_listing_step = steps.iter().rposition(runs_listings);
    let mut services: Option<services::ForTests> = None;
    for (i, step) in steps.iter().enumerate() {
        if runs_listings(step) && services.is_none() {
            let manifests = files_under(&root.join("listings"), |n| n == "Cargo.toml");
            match services::declared_by(&manifests) {
                Ok(users) if users.is_empty() => {}
                Ok(users) => {
                    println!("\n==> services for {}", users.join(", "));
                    match services::ForTests::start(root) {
                        Ok(started) => services = Some(started),
                        Err(e) => report.record(
                            false,
                            &format!("start the services {} need: {e:#}", users.join(", ")),
                            "read the log it names; `cargo xtask services status` shows what runs",
                        ),
                    }
                }
                Err(e) => report.record(
                    false,
                    &format!("{e:#}"),
                    "fix the services list in that Cargo.toml",
                ),
            }
        }
        println!(
            "\n==> step {}/{}: {} ({})",
            i + 1,
            steps.len(),
            step.name(),
            step.title()
        );
        // The runner and browser steps compile scratch copies of listings
        // into target/, so whether this run is warm is decided before them.
        if *step == Step::Runner {
            rebuilt = rebuilt_since(root, started_at);
        }
        let before = report.failed();
        let step_started = std::time::Instant::now();
        match step {
            Step::Lint => lint(root, &mut report),
            Step::Unit => unit(root, &mut report),
            Step::Outputs => {
                outputs::check_all(root, &mut runs, &mut report);
                figures::check(root, &figures::find(root), &mut report);
            }
            Step::Answers => quiz::check_all(root, &mut runs, &mut report),
            Step::Exercises => exercises::check_all(root, &mut report),
            Step::Faults => match faults::find(root) {
                Ok(declared) => faults::check(root, &declared, seeds, &mut report),
                Err(err) => report.record(
                    false,
                    &err,
                    "fix the [package.metadata.course.faults] table (see CONTRIBUTING.md)",
                ),
            },
            Step::Runner => runner::check(root, &mut report),
            Step::Book => book(root, tools.as_ref().expect("installed above"), &mut report),
            Step::Browser => {
                browser::check(root, tools.as_ref().expect("installed above"), &mut report)
            }
            Step::Refresh => {
                serve::check_refresh(root, tools.as_ref().expect("installed above"), &mut report)
            }
            Step::Scale => {
                scale::check(root, tools.as_ref().expect("installed above"), &mut report)
            }
        }
        if Some(i) == last_listing_step {
            drop(services.take());
        }
        let failed = report.failed() - before;
        timings.push((step.name(), step_started.elapsed().as_secs_f64()));
        println!(
            "<== step {}: {} ({:.1} s)",
            step.name(),
            if failed == 0 {
                "ok".to_string()
            } else {
                format!("{failed} failed")
            },
            step_started.elapsed().as_secs_f64()
        );
    }
    if steps.len() == Step::ALL.len() {
        warm_budget(started, rebuilt, &mut report);
        scale::save_timings(root, "full", !rebuilt, &timings);
    }
    report.print_summary();
    if report.failed() > 0 {
        anyhow::bail!(
            "{} check(s) failed; see the messages above",
            report.failed()
        );
    }
    Ok(())
}

/// Budget of a warm `ci/test`: every step, with nothing to rebuild. Most of
/// it is the browser suite, which now also clicks Run on every listing
/// excerpt of the chapters in the page shape (about 40 real runs).
const WARM_BUDGET: std::time::Duration = std::time::Duration::from_secs(240);

/// Whether any compiled artifact in target/ is newer than `since`.
fn rebuilt_since(root: &Path, since: std::time::SystemTime) -> bool {
    let deps = root.join("target/debug/deps");
    std::fs::read_dir(deps)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.metadata().ok()?.modified().ok())
        .any(|modified| modified > since)
}

/// Times the whole run. A run that rebuilt nothing is warm and must finish
/// within its budget; a cold run only reports its time.
fn warm_budget(started: std::time::Instant, rebuilt: bool, report: &mut Report) {
    let took = started.elapsed();
    if rebuilt {
        println!(
            "\n    ci/test took {:.0} s; crates were compiled, so this run was not warm and the {} s budget does not apply",
            took.as_secs_f64(),
            WARM_BUDGET.as_secs()
        );
        return;
    }
    report.record(
        took <= WARM_BUDGET,
        &format!(
            "warm ci/test took {:.0} s (budget {} s)",
            took.as_secs_f64(),
            WARM_BUDGET.as_secs()
        ),
        "find the slow step in the output above and make it faster",
    );
}

/// Runs a command with inherited output and reports whether it succeeded.
fn run_visible(cmd: &mut Command) -> bool {
    println!("    $ {}", describe(cmd));
    match cmd.status() {
        Ok(status) => status.success(),
        Err(err) => {
            eprintln!("    could not start `{}`: {err}", describe(cmd));
            false
        }
    }
}

fn describe(cmd: &Command) -> String {
    // Show `cargo`, not the toolchain's full path, so the line can be pasted.
    let program = Path::new(cmd.get_program());
    let mut text = program
        .file_name()
        .unwrap_or(program.as_os_str())
        .to_string_lossy()
        .into_owned();
    for arg in cmd.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// `path` relative to the project root, for messages.
fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Every file below `dir` (build output folders skipped) whose name passes
/// `keep`, sorted so that checks run and report in a stable order.
fn files_under(dir: &Path, keep: fn(&str) -> bool) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "target" && name != "node_modules" {
                    dirs.push(path);
                }
            } else if keep(&name) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn cargo(root: &Path) -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(root);
    cmd
}

fn lint(root: &Path, report: &mut Report) {
    let ok = run_visible(cargo(root).args(["fmt", "--all", "--check"]));
    report.record(ok, "cargo fmt --check", "run `cargo fmt --all` to format");
    let ok = run_visible(cargo(root).args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--quiet",
        "--",
        "-D",
        "warnings",
    ]));
    report.record(
        ok,
        "cargo clippy",
        "fix the warnings clippy printed above (file and line are in each message)",
    );
}

fn unit(root: &Path, report: &mut Report) {
    let stubs = match exercises::find(root) {
        Ok(found) => found,
        Err(err) => {
            report.record(false, "find exercises", &format!("{err:#}"));
            return;
        }
    };
    // `cargo test --workspace` without the stubs, batched: one build, then
    // every test binary run directly, two at a time (binaries.rs).
    let exclude: Vec<String> = stubs.into_iter().map(|e| e.stub).collect();
    binaries::check_tests(
        root,
        &binaries::Packages::Workspace { exclude: &exclude },
        "cargo test --workspace (exercise stubs excluded)",
        report,
    );
}

fn book(root: &Path, tools: &tools::Tools, report: &mut Report) {
    preprocess::check_chapters(root, report);
    build_book(root, tools, report);
}

/// `mdbook build` into book/: no error logged, no quiz file rewritten.
fn build_book(root: &Path, tools: &tools::Tools, report: &mut Report) {
    let quizzes_before = quiz::snapshot(root);
    // The caching rustc of `serve`: a Tracing question compiled before is
    // not compiled again, but it is still run and its output compared.
    let mut cmd = match serve::cached_mdbook(root, tools) {
        Ok(cmd) => cmd,
        Err(e) => {
            return report.record(
                false,
                &format!("mdbook build: {e:#}"),
                "see xtask/src/serve.rs",
            );
        }
    };
    cmd.current_dir(root).arg("build");
    println!("    $ mdbook build");
    let (ok, log) = match cmd.output() {
        Ok(out) => (
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned()
                + &String::from_utf8_lossy(&out.stdout),
        ),
        Err(e) => (false, format!("could not start mdbook: {e}")),
    };
    print!("{log}");
    report.record(
        ok,
        "mdbook build (with mdbook-quiz validation and link check)",
        "read the error above: a Tracing answer that differs names its quiz file; a broken link names its chapter",
    );
    // mdBook logs a missing {{#include}} as an error but still builds the page.
    let errors: Vec<&str> = log.lines().filter(|l| l.contains("ERROR")).collect();
    report.record(
        errors.is_empty(),
        &format!("mdbook build logged no errors {errors:?}"),
        "an {{#include}} or {{#quiz}} names a file that does not exist: fix the path in the chapter",
    );
    // mdbook-quiz writes a random id into any question that lacks one. The
    // answers step fails for that too; this catches it when run alone.
    let rewritten = quiz::changed_since(&quizzes_before);
    report.record(
        rewritten.is_empty(),
        &format!("quiz files unchanged by the build {rewritten:?}"),
        "mdbook-quiz added ids: review them with `git diff quizzes/` and commit them",
    );
}

fn serve(root: &Path, port: &str) -> anyhow::Result<()> {
    let tools = tools::ensure_installed(root)?;
    // The Run buttons' server. Only these pages' origins may call it, and
    // only with this serve's key, which the pages do not carry: any local
    // user can fetch a page from mdbook serve, so the key travels in the
    // link printed below, as Jupyter's token does.
    let secret = runner::new_secret();
    let runner = runner::start(runner::RunnerConfig {
        root: root.to_path_buf(),
        origins: vec![
            format!("http://127.0.0.1:{port}"),
            format!("http://localhost:{port}"),
        ],
        secret: secret.clone(),
        port: 0,
    })?;
    runner.stop_children_on_signals();
    let runner_url = format!("http://127.0.0.1:{}", runner.port());
    // One build folder per port: two serves never overwrite each other's
    // pages, and `ci/test`'s book/ stays its own.
    let dest = root.join("target/serve").join(port);
    println!(
        "Serving the book with live reload (Ctrl-C stops). Open this link, which carries the key of the Run buttons:"
    );
    println!("\n    http://127.0.0.1:{port}/#runner-key={secret}\n");
    println!(
        "Run buttons use the local runner at {runner_url}; only these pages, with that key, can call it."
    );
    let mut cmd = serve::serving_mdbook(root, &tools)?;
    cmd.current_dir(root)
        .args([
            "serve",
            "--hostname",
            "127.0.0.1",
            "--port",
            port,
            "--dest-dir",
        ])
        .arg(&dest)
        .env(preprocess::RUNNER_URL, &runner_url);
    let status = cmd.status()?;
    drop(runner);
    anyhow::ensure!(status.success(), "mdbook serve exited with {status}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Every step can be selected by the name the usage text gives it.
    #[test]
    fn step_names_round_trip() {
        for step in Step::ALL {
            assert_eq!(Step::parse(step.name()), Some(step));
            assert!(USAGE.contains(step.name()), "usage lacks {}", step.name());
        }
        assert_eq!(Step::parse("nope"), None);
    }

    // `-p crate` style flags are read, and a flag without a value is ignored.
    #[test]
    fn flag_values() {
        let args: Vec<String> = ["bless", "-p", "lost-update"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(flag_value(&args, "-p").as_deref(), Some("lost-update"));
        assert_eq!(flag_value(&args[..2], "-p"), None);
        assert_eq!(flag_value(&args, "--port"), None);
    }
}
