//! Recorded listing outputs: `listings/**/output*.txt`.
//!
//! The first line is the command the reader types (`$ cargo run -p crate`);
//! the rest is exactly what that command prints on stdout. `check_all` reruns
//! each command and compares; `bless` rewrites the files. Nothing else writes
//! them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::report::Report;

/// One recorded output file, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// The arguments after `cargo`, e.g. `["run", "-p", "lost-update"]`.
    pub cargo_args: Vec<String>,
    /// Everything after the first line.
    pub body: String,
}

impl Recorded {
    pub fn parse(text: &str) -> Result<Recorded, String> {
        let (first, body) = text.split_once('\n').unwrap_or((text, ""));
        let command = first
            .strip_prefix("$ cargo ")
            .ok_or("its first line must be the command, starting with `$ cargo run`")?;
        let cargo_args: Vec<String> = command.split_whitespace().map(String::from).collect();
        if cargo_args.first().map(String::as_str) != Some("run") {
            return Err("its first line must be a `$ cargo run ...` command".into());
        }
        if package_of(&cargo_args).is_none() {
            return Err("its command must name the listing with `-p <crate>`".into());
        }
        Ok(Recorded {
            cargo_args,
            body: body.to_string(),
        })
    }

    pub fn command_line(&self) -> String {
        format!("$ cargo {}", self.cargo_args.join(" "))
    }

    pub fn package(&self) -> &str {
        package_of(&self.cargo_args).expect("checked in parse")
    }
}

fn package_of(args: &[String]) -> Option<&str> {
    let i = args.iter().position(|a| a == "-p" || a == "--package")?;
    args.get(i + 1).map(String::as_str)
}

/// Every `output*.txt` under `listings/`, sorted so that runs are in a stable order.
pub fn find(root: &Path) -> Vec<PathBuf> {
    crate::files_under(&root.join("listings"), |name| {
        name.starts_with("output") && name.ends_with(".txt")
    })
}

/// How a recorded command maps onto a program built once:
/// `cargo run -p <package> [--bin <name>] [-- <args>]`. Any other flag
/// (`--release`, `--features`, ...) leaves the command to `cargo run`.
#[derive(Debug, PartialEq, Eq)]
struct Direct {
    package: String,
    bin: Option<String>,
    args: Vec<String>,
}

fn direct(cargo_args: &[String]) -> Option<Direct> {
    let mut rest = cargo_args.iter();
    if rest.next().map(String::as_str) != Some("run") {
        return None;
    }
    let (mut package, mut bin, mut args) = (None, None, Vec::new());
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "-p" | "--package" => package = Some(rest.next()?.clone()),
            "--bin" => bin = Some(rest.next()?.clone()),
            "-q" | "--quiet" => {}
            "--" => {
                args = rest.cloned().collect();
                break;
            }
            _ => return None,
        }
    }
    Some(Direct {
        package: package?,
        bin,
        args,
    })
}

/// `cargo run <flags> -- <args>` as `cargo build <flags>`, which compiles
/// what the run will start without starting it. `None` for other commands.
fn build_args(cargo_args: &[String]) -> Option<Vec<String>> {
    let (first, flags) = cargo_args.split_first()?;
    (first == "run").then(|| {
        std::iter::once("build".to_string())
            .chain(flags.iter().take_while(|a| *a != "--").cloned())
            .collect()
    })
}

/// The programs of the packages built so far, by package and binary name.
#[derive(Default)]
struct Programs {
    built: std::collections::HashSet<String>,
    bins: HashMap<String, Vec<crate::binaries::Artifact>>,
}

impl Programs {
    /// The executable `cargo run` would start for `d`, as cargo picks it:
    /// `--bin`, else `default-run`, else the package's only binary.
    fn executable(&self, d: &Direct) -> Option<&crate::binaries::Artifact> {
        let bins = self.bins.get(&d.package)?;
        let name = match &d.bin {
            Some(name) => name.clone(),
            None => match bins.as_slice() {
                [only] => only.target.clone(),
                _ => default_run(bins.first()?)?,
            },
        };
        bins.iter().find(|a| a.target == name)
    }
}

/// The package's `default-run`, read from its manifest.
fn default_run(any: &crate::binaries::Artifact) -> Option<String> {
    let manifest = std::fs::read_to_string(any.package_dir.join("Cargo.toml")).ok()?;
    let table: toml::Table = manifest.parse().ok()?;
    table
        .get("package")?
        .get("default-run")?
        .as_str()
        .map(String::from)
}

/// Fresh stdout of each listing command, so a command runs once per `test`
/// even when both the outputs step and a quiz answer need it. Programs are
/// built with one `cargo build --bins` for all the packages asked for, then
/// started directly (see `binaries.rs`).
#[derive(Default)]
pub struct Runs {
    stdout: HashMap<Vec<String>, Result<String, String>>,
    programs: Programs,
    /// Packages that do not build, with the compiler's messages.
    broken: HashMap<String, String>,
    /// The slowest run of each command started by `run_all`.
    took: HashMap<Vec<String>, std::time::Duration>,
}

impl Runs {
    pub fn stdout(&mut self, root: &Path, recorded: &Recorded) -> Result<String, String> {
        if let Some(found) = self.stdout.get(&recorded.cargo_args) {
            return found.clone();
        }
        self.build(root, std::slice::from_ref(recorded));
        let result = self.run_once(root, &recorded.cargo_args);
        self.stdout
            .insert(recorded.cargo_args.clone(), result.clone());
        result
    }

    /// Whether `recorded`'s command has run already.
    pub fn has(&self, recorded: &Recorded) -> bool {
        self.stdout.contains_key(&recorded.cargo_args)
    }

    /// Builds, in one cargo call, the programs of every package among
    /// `recorded` not built yet.
    fn build(&mut self, root: &Path, recorded: &[Recorded]) {
        let mut packages: Vec<String> = recorded
            .iter()
            .filter_map(|r| direct(&r.cargo_args))
            .map(|d| d.package)
            .filter(|p| !self.programs.built.contains(p))
            .collect();
        packages.sort();
        packages.dedup();
        if packages.is_empty() {
            return;
        }
        match crate::binaries::build_bins(root, &crate::binaries::Packages::Only(&packages)) {
            Ok(artifacts) => self.add(packages, artifacts),
            Err(_) => {
                // One listing that does not compile fails the batch: build
                // each alone, so that only its own outputs fail, once each.
                println!("    one build of the listings failed; building each alone to find which");
                for package in packages {
                    let one = std::slice::from_ref(&package);
                    match crate::binaries::build_bins(root, &crate::binaries::Packages::Only(one)) {
                        Ok(artifacts) => self.add(vec![package], artifacts),
                        Err(e) => {
                            self.broken.insert(package, e);
                        }
                    }
                }
            }
        }
    }

    fn add(&mut self, packages: Vec<String>, artifacts: Vec<crate::binaries::Artifact>) {
        for artifact in artifacts {
            self.programs
                .bins
                .entry(artifact.package.clone())
                .or_default()
                .push(artifact);
        }
        for package in packages {
            self.broken.remove(&package);
            self.programs.built.insert(package);
        }
    }

    fn run_once(&self, root: &Path, cargo_args: &[String]) -> Result<String, String> {
        let Some(d) = direct(cargo_args) else {
            return run(root, cargo_args);
        };
        if let Some(e) = self.broken.get(&d.package) {
            return Err(format!("the listing does not build: {e}"));
        }
        match self.programs.executable(&d) {
            Some(program) => run_program(root, program, &d.args),
            // Not one cargo can pick without more flags: let cargo say why.
            None => run(root, cargo_args),
        }
    }

    /// Runs every command of `recorded` `times` times, two programs at a
    /// time, after one build; remembers each command's first run.
    pub fn run_all(
        &mut self,
        root: &Path,
        recorded: &[Recorded],
        times: usize,
    ) -> Vec<Vec<Result<String, String>>> {
        self.build(root, recorded);
        // A command that cargo must run itself (`--release`, say) is built
        // first, untimed, so its time is the run's, as for every other.
        for r in recorded.iter().filter(|r| direct(&r.cargo_args).is_none()) {
            if let Some(build) = build_args(&r.cargo_args) {
                let _ = run(root, &build);
            }
        }
        let jobs: Vec<(usize, usize)> = (0..recorded.len())
            .flat_map(|i| (0..times).map(move |t| (i, t)))
            .collect();
        let this = &*self;
        let outcomes = crate::binaries::parallel(&jobs, crate::binaries::jobs(), |(i, _)| {
            let started = std::time::Instant::now();
            let outcome = this.run_once(root, &recorded[*i].cargo_args);
            (outcome, started.elapsed())
        });
        let mut by_listing: Vec<Vec<Result<String, String>>> = vec![Vec::new(); recorded.len()];
        for ((i, _), (outcome, took)) in jobs.iter().zip(outcomes) {
            by_listing[*i].push(outcome);
            let slowest = self
                .took
                .entry(recorded[*i].cargo_args.clone())
                .or_default();
            *slowest = (*slowest).max(took);
        }
        for (r, runs) in recorded.iter().zip(&by_listing) {
            if let Some(first) = runs.first() {
                self.stdout
                    .entry(r.cargo_args.clone())
                    .or_insert_with(|| first.clone());
            }
        }
        by_listing
    }
}

/// Starts a built program as `cargo run` does: from the project root, with
/// the variables cargo sets; returns its stdout.
fn run_program(
    root: &Path,
    program: &crate::binaries::Artifact,
    args: &[String],
) -> Result<String, String> {
    let out = std::process::Command::new(&program.path)
        .args(args)
        .current_dir(root)
        .env("CARGO_MANIFEST_DIR", &program.package_dir)
        .env("CARGO_PKG_NAME", &program.package)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| format!("could not start {}: {e}", program.path.display()))?;
    if !out.status.success() {
        return Err(format!(
            "the command exited with {}; stderr:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|_| "the command printed bytes that are not UTF-8".into())
}

/// Runs `cargo <args>` quietly (build chatter goes away) and returns stdout.
pub(crate) fn run(root: &Path, args: &[String]) -> Result<String, String> {
    let mut cmd = crate::cargo(root);
    cmd.arg(&args[0]).arg("--quiet").args(&args[1..]);
    cmd.env("CARGO_TERM_COLOR", "never");
    println!("    $ {}", crate::describe(&cmd));
    let out = cmd
        .output()
        .map_err(|e| format!("could not start cargo: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "the command exited with {}; stderr:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|_| "the command printed bytes that are not UTF-8".into())
}

/// Where `expected` and `actual` first differ, as a short human message.
pub fn first_difference(expected: &str, actual: &str) -> Option<String> {
    difference(expected, actual, "recorded", "now")
}

/// Where two texts first differ, naming them `a_name` and `b_name`.
fn difference(a: &str, b: &str, a_name: &str, b_name: &str) -> Option<String> {
    if a == b {
        return None;
    }
    let (a_lines, b_lines): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    for i in 0..a_lines.len().max(b_lines.len()) {
        let (x, y) = (a_lines.get(i), b_lines.get(i));
        if x != y {
            return Some(format!(
                "output line {}: {a_name} {:?}, {b_name} {:?}",
                i + 1,
                x.copied().unwrap_or("<none>"),
                y.copied().unwrap_or("<none>")
            ));
        }
    }
    Some("the outputs differ only in trailing newlines".into())
}

pub fn read(root: &Path, path: &Path) -> Result<Recorded, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", crate::relative(root, path)))?;
    Recorded::parse(&text).map_err(|e| format!("{}: {e}", crate::relative(root, path)))
}

pub fn check_all(root: &Path, runs: &mut Runs, report: &mut Report) {
    check(root, &find(root), runs, report);
}

/// Checks the recorded outputs `files`: each command runs twice (its
/// program built once, started directly), the two runs must agree, and the
/// first must equal the recording. Prints what a listing costs.
pub fn check(root: &Path, files: &[PathBuf], runs: &mut Runs, report: &mut Report) {
    if files.is_empty() {
        report.record(
            false,
            "recorded outputs",
            "no listings/**/output*.txt found",
        );
        return;
    }
    let started = std::time::Instant::now();
    let mut parsed = Vec::new();
    for path in files {
        match read(root, path) {
            Ok(r) => parsed.push((path, r)),
            Err(e) => report.record(false, &e, "make the first line `$ cargo run -p <crate>`, then run `cargo xtask bless -p <crate>`"),
        }
    }
    let recorded: Vec<Recorded> = parsed.iter().map(|(_, r)| r.clone()).collect();
    let outcomes = runs.run_all(root, &recorded, 2);
    for ((path, recorded), outcome) in parsed.iter().zip(outcomes) {
        let name = crate::relative(root, path);
        let fix = format!("cargo xtask bless -p {}", recorded.package());
        let command = recorded.command_line();
        match (&outcome[0], &outcome[1]) {
            (Err(e), _) | (_, Err(e)) => report.record(
                false,
                &format!("{name}: `{command}` failed: {e}"),
                "fix the listing so that the command succeeds",
            ),
            (Ok(first), Ok(second)) => {
                if let Some(diff) = difference(first, second, "first run", "second run") {
                    report.record(
                        false,
                        &format!(
                            "{name}: listing {} is not deterministic: two runs of `{command}` differ at {diff}",
                            recorded.package()
                        ),
                        "take the wall clock, thread timing, unseeded randomness or hash-map order out of what it prints (CONTRIBUTING.md, \"Listings\")",
                    );
                    continue;
                }
                if let Some(slow) = too_slow_for_the_page(path, recorded, runs) {
                    report.record(
                        false,
                        &format!("{name}: {slow}"),
                        "make the listing faster, or give Run a longer limit with `[package.metadata.course] run-timeout-s = <n>` in its Cargo.toml (CONTRIBUTING.md, \"The page\")",
                    );
                    continue;
                }
                match first_difference(&recorded.body, first) {
                    None => report.record(true, &name, ""),
                    Some(diff) => report.record(
                        false,
                        &format!("{name} drifted from `{command}`: {diff}"),
                        &format!(
                            "if the change is intended, run `{fix}`; otherwise fix the listing"
                        ),
                    ),
                }
            }
        }
    }
    let took = started.elapsed().as_secs_f64();
    println!(
        "    cost: {} recorded outputs, each run twice, in {took:.1} s (one build included): {:.2} s per listing",
        files.len(),
        took / files.len() as f64
    );
    let mut slowest: Vec<(std::time::Duration, String)> = parsed
        .iter()
        .filter_map(|(_, r)| Some((*runs.took.get(&r.cargo_args)?, r.command_line())))
        .collect();
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    slowest.dedup_by(|a, b| a.1 == b.1);
    println!("    the slowest runs:");
    for (t, command) in slowest.iter().take(5) {
        println!("      {:>5.1} s  {command}", t.as_secs_f64());
    }
    crate::scale::project_line(root, "listing outputs", files.len(), took, find(root).len());
}

/// Run in the page starts the same command through cargo under the
/// runner's limit for the listing; a run that took more than half of it
/// here would fail there on a busier machine. `None` when it fits.
fn too_slow_for_the_page(output: &Path, recorded: &Recorded, runs: &Runs) -> Option<String> {
    let took = *runs.took.get(&recorded.cargo_args)?;
    let limit = crate::runner::run_timeout(output.parent()?);
    (took * 2 > limit).then(|| {
        format!(
            "`{}` took {:.1} s, more than half of the {} s that Run in the page allows it",
            recorded.command_line(),
            took.as_secs_f64(),
            limit.as_secs()
        )
    })
}

/// Rewrites recorded outputs: all of them, or those of one package.
pub fn bless(root: &Path, package: Option<&str>) -> anyhow::Result<()> {
    let mut runs = Runs::default();
    let mut blessed = 0;
    for path in find(root) {
        let recorded = read(root, &path).map_err(anyhow::Error::msg)?;
        if package.is_some_and(|p| p != recorded.package()) {
            continue;
        }
        let stdout = runs.stdout(root, &recorded).map_err(|e| {
            anyhow::anyhow!(
                "{}: `{}` failed: {e}",
                crate::relative(root, &path),
                recorded.command_line()
            )
        })?;
        let text = format!("{}\n{stdout}", recorded.command_line());
        let changed = std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str());
        std::fs::write(&path, text)?;
        println!(
            "    {} {}",
            if changed { "blessed" } else { "unchanged" },
            crate::relative(root, &path)
        );
        blessed += 1;
    }
    if blessed == 0 {
        let what = package.map_or("any listing".to_string(), |p| format!("`{p}`"));
        anyhow::bail!(
            "no recorded output for {what}: create listings/<phase>/<crate>/output.txt whose only line is `$ cargo run -p <crate>`, then bless again"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    // The command line and the body are split at the first newline.
    #[test]
    fn parses_command_and_body() {
        let r = Recorded::parse("$ cargo run -p lost-update --bin racy\n1\n2\n").unwrap();
        assert_eq!(r.cargo_args, ["run", "-p", "lost-update", "--bin", "racy"]);
        assert_eq!(r.package(), "lost-update");
        assert_eq!(r.body, "1\n2\n");
        assert_eq!(r.command_line(), "$ cargo run -p lost-update --bin racy");
    }

    // A file without a runnable command, or without a package, is rejected with a reason.
    #[test]
    fn rejects_bad_first_lines() {
        assert!(Recorded::parse("hello\n").is_err());
        assert!(Recorded::parse("$ cargo test -p x\n").is_err());
        assert!(Recorded::parse("$ cargo run\n").is_err());
        assert!(Recorded::parse("").is_err());
    }

    // `cargo run -p x [--bin y] [-- args]` maps onto a built program; any
    // other flag leaves the command to cargo.
    #[test]
    fn direct_runs() {
        let args = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        assert_eq!(
            direct(&args("run -p worker-pool --bin what-if -- 1 2 1")),
            Some(Direct {
                package: "worker-pool".into(),
                bin: Some("what-if".into()),
                args: args("1 2 1"),
            })
        );
        let plain = direct(&args("run -p lost-update")).unwrap();
        assert_eq!((plain.bin, plain.args.len()), (None, 0));
        assert_eq!(direct(&args("run -p x --release")), None);
        assert_eq!(
            build_args(&args("run --release -p raft --bin f -- v --seed 3")),
            Some(args("build --release -p raft --bin f"))
        );
        assert_eq!(build_args(&args("test -p x")), None);
        assert_eq!(direct(&args("run --bin y")), None);
        assert_eq!(direct(&args("test -p x")), None);
    }

    // Two runs that differ are told apart by their names.
    #[test]
    fn names_the_runs_that_differ() {
        let diff = difference("a\nt=1\n", "a\nt=2\n", "first run", "second run").unwrap();
        assert_eq!(diff, "output line 2: first run \"t=1\", second run \"t=2\"");
    }

    // One changed byte is found and located by line.
    #[test]
    fn finds_the_first_difference() {
        assert_eq!(first_difference("a\nb\n", "a\nb\n"), None);
        let diff = first_difference("a\nb\n", "a\nc\n").unwrap();
        assert!(diff.contains("line 2"), "{diff}");
        assert!(
            first_difference("a\n", "a\nb\n")
                .unwrap()
                .contains("<none>")
        );
        assert!(first_difference("a\n", "a").is_some());
    }

    // A listing that needs more than half of Run's limit fails the step;
    // `run-timeout-s` in its manifest gives it room.
    #[test]
    fn a_slow_listing_fails_unless_its_manifest_allows_it() {
        let dir = std::env::temp_dir().join(format!("outputs-slow-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let output = dir.join("output.txt");
        let recorded = Recorded::parse("$ cargo run -p slow\nhello\n").unwrap();
        let mut runs = Runs::default();
        runs.took
            .insert(recorded.cargo_args.clone(), Duration::from_secs(6));
        let slow = too_slow_for_the_page(&output, &recorded, &runs).expect("6 s of a 10 s limit");
        assert!(slow.contains("6.0 s") && slow.contains("10 s"), "{slow}");
        runs.took
            .insert(recorded.cargo_args.clone(), Duration::from_secs(4));
        assert_eq!(too_slow_for_the_page(&output, &recorded, &runs), None);
        std::fs::write(
            dir.join("Cargo.toml"),
            "[package]\nname = \"slow\"\n[package.metadata.course]\nrun-timeout-s = 8\n",
        )
        .unwrap();
        assert!(too_slow_for_the_page(&output, &recorded, &runs).is_none());
        runs.took
            .insert(recorded.cargo_args.clone(), Duration::from_secs(5));
        assert!(too_slow_for_the_page(&output, &recorded, &runs).is_some());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
