//! The browser suite (`e2e/`): Playwright drives Debian's Chromium over the
//! built book, served on 127.0.0.1. Installs what it needs: Chromium with
//! apt-get, the suite's one npm package with `npm ci`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::report::Report;

const CHROMIUM: &str = "/usr/bin/chromium";

fn have(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Installs Debian packages with apt-get, refreshing the package lists once
/// if the first try fails (a fresh machine may have none).
pub(crate) fn apt_install(packages: &[&str]) -> bool {
    let install = || {
        Command::new("apt-get")
            .args(["install", "-y", "-q"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .is_ok_and(|s| s.success())
    };
    install() || {
        let _ = Command::new("apt-get").args(["update", "-q"]).status();
        install()
    }
}

/// Debian's Chromium, installed with apt-get when missing. A test tool's own
/// browser download does not work on a machine without internet access.
fn ensure_chromium() -> anyhow::Result<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Ok(PathBuf::from(path));
    }
    if !Path::new(CHROMIUM).exists() {
        println!("==> installing Chromium from Debian (apt-get install chromium chromium-driver)");
        anyhow::ensure!(
            apt_install(&["chromium", "chromium-driver"]),
            "could not install Chromium: run `apt-get install chromium chromium-driver` as root, or set CHROMIUM=/path/to/chromium"
        );
    }
    Ok(CHROMIUM.into())
}

/// `npm ci` in e2e/ when node_modules is missing or older than the lock file.
fn ensure_packages(e2e: &Path) -> anyhow::Result<()> {
    if !(have("node") && have("npm")) {
        println!("==> installing Node.js and npm from Debian (apt-get install nodejs npm)");
        anyhow::ensure!(
            apt_install(&["nodejs", "npm"]) && have("node") && have("npm"),
            "the browser suite needs Node.js and npm: install them (Debian: apt-get install nodejs npm)"
        );
    }
    let lock = e2e.join("package-lock.json");
    let installed = e2e.join("node_modules/.package-lock.json");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    if modified(&installed).is_some() && modified(&installed) >= modified(&lock) {
        return Ok(());
    }
    println!("==> installing the browser suite's packages (npm ci in e2e/)");
    let ok = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(e2e)
        .status()
        .is_ok_and(|s| s.success());
    anyhow::ensure!(ok, "`npm ci` failed in e2e/; read the error above");
    Ok(())
}

/// A port that was free a moment ago, for the suite's static server.
fn free_port() -> anyhow::Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

/// The book built as `cargo xtask serve` builds it: the pages carry the
/// address of a local runner that accepts them, and the suite gets the key
/// that `serve` would print in its link (`runner` must be kept alive while
/// the suite runs).
fn build_served_book(
    root: &Path,
    tools: &crate::tools::Tools,
    port: u16,
) -> anyhow::Result<(PathBuf, crate::runner::Runner, String)> {
    let secret = crate::runner::new_secret();
    let runner = crate::runner::start(crate::runner::RunnerConfig {
        root: root.to_path_buf(),
        origins: vec![format!("http://127.0.0.1:{port}")],
        secret: secret.clone(),
        port: 0,
    })?;
    let dest = root.join("book/served");
    let mut cmd = crate::serve::cached_mdbook(root, tools)?;
    cmd.current_dir(root)
        .args(["build", "--dest-dir"])
        .arg(&dest)
        .env(
            crate::preprocess::RUNNER_URL,
            format!("http://127.0.0.1:{}", runner.port()),
        );
    println!("    $ mdbook build --dest-dir book/served (pages that talk to a local runner)");
    let out = cmd.output()?;
    anyhow::ensure!(
        out.status.success(),
        "mdbook build of the served book failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok((dest.join("html"), runner, secret))
}

/// What one run of the suite covers.
pub struct Suite<'a> {
    /// One page (`04-data/bloom-filters.md`, under src/), or every page.
    pub page: Option<&'a str>,
    /// The book as `ci/serve` serves it, for Run and the tests in the page.
    pub served: ServedBook,
}

pub enum ServedBook {
    /// Not needed: the pages under test have nothing to run.
    None,
    /// Built by the suite before it starts.
    Build,
    /// Built already (see [`prepare_served`]).
    Ready(anyhow::Result<Served>),
}

/// The served book and the runner its pages talk to (kept alive while the
/// suite runs).
pub struct Served {
    port: u16,
    dir: PathBuf,
    runner: crate::runner::Runner,
    key: String,
}

/// Starts a runner and builds the served book for it (which a caller can do
/// while something else builds the static book).
pub fn prepare_served(root: &Path, tools: &crate::tools::Tools) -> anyhow::Result<Served> {
    let port = free_port()?;
    let (dir, runner, key) = build_served_book(root, tools, port)?;
    Ok(Served {
        port,
        dir,
        runner,
        key,
    })
}

pub fn check(root: &Path, tools: &crate::tools::Tools, report: &mut Report) {
    check_suite(
        root,
        tools,
        Suite {
            page: None,
            served: ServedBook::Build,
        },
        report,
    );
}

/// Runs the suite over book/html (and book/served), for every page or one.
pub fn check_suite(root: &Path, tools: &crate::tools::Tools, suite: Suite, report: &mut Report) {
    let e2e = root.join("e2e");
    let setup = ensure_chromium().and_then(|chromium| {
        ensure_packages(&e2e)?;
        Ok((chromium, free_port()?))
    });
    let (chromium, port) = match setup {
        Ok(found) => found,
        Err(e) => {
            report.record(
                false,
                &format!("browser suite setup: {e:#}"),
                "install what the message names, then rerun",
            );
            return;
        }
    };
    let book = root.join("book/html");
    if !book.join("index.html").exists() {
        report.record(
            false,
            "browser suite: book/html is not built",
            "run `cargo xtask test --step book` first",
        );
        return;
    }
    let served = match suite.served {
        ServedBook::None => None,
        ServedBook::Build => Some(prepare_served(root, tools)),
        ServedBook::Ready(built) => Some(built),
    };
    let served = match served.transpose() {
        Ok(served) => served,
        Err(e) => {
            report.record(
                false,
                &format!("browser suite: the book with a runner: {e:#}"),
                "read the error; the runner is xtask/src/runner.rs",
            );
            return;
        }
    };
    let full = suite.page.is_none() && served.is_some();
    let artifacts = root.join("ci-artifacts");
    let weights = artifacts.join("page-weights");
    let _ = std::fs::remove_dir_all(&weights);
    let _ = std::fs::remove_file(artifacts.join("runner-speed.json"));
    let report_file = artifacts.join("browser-report.json");
    let _ = std::fs::remove_file(&report_file);
    let mut cmd = Command::new("npx");
    cmd.args(["--no-install", "playwright", "test"])
        .current_dir(&e2e)
        .env("PORT", port.to_string())
        .env("BOOK_DIR", &book)
        .env("REPORT_FILE", &report_file)
        .env("CHROMIUM", &chromium);
    if let Some(served) = &served {
        cmd.env("SERVED_PORT", served.port.to_string())
            .env("SERVED_DIR", &served.dir)
            .env("SERVED_KEY", &served.key);
    }
    if let Some(page) = suite.page {
        cmd.env("CHAPTER", page);
    }
    let started = std::time::Instant::now();
    let ok = crate::run_visible(&mut cmd);
    let wall = started.elapsed().as_secs_f64();
    // The runner stops here, with the suite done.
    drop(served.map(|s| s.runner));
    let rerun = match suite.page {
        Some(page) => format!("CHAPTER={page} npx playwright test"),
        None => "npx playwright test".to_string(),
    };
    report.record(
        ok,
        "browser suite (e2e/tests: pages, quizzes, search, progress, page weight, run and edit in the page)",
        &format!("read the failing test above; screenshots of failing pages are in ci-artifacts/browser/. Rerun with `cd e2e && BOOK_DIR=../book/html {rerun}`"),
    );
    match Costs::read(&report_file, wall) {
        Ok(costs) => {
            println!("{}", costs.describe());
            if full {
                costs.save(root);
            }
        }
        Err(e) => println!("    (no per-test times: {e})"),
    }
    if ok && suite.page.is_none() {
        match page_weights(&weights) {
            Ok(lines) => println!("{lines}"),
            Err(e) => report.record(
                false,
                &format!("page weights: {e:#}"),
                "the browser suite writes ci-artifacts/page-weights/; see e2e/tests/pages.spec.mjs",
            ),
        }
        speed_in_page(&artifacts.join("runner-speed.json"), report);
    } else if ok {
        match page_weights(&weights) {
            Ok(lines) => println!("{lines}"),
            Err(e) => report.record(
                false,
                &format!("page weights: {e:#}"),
                "see e2e/tests/pages.spec.mjs",
            ),
        }
    }
}

/// The page-level suite alone (`tests/pages.spec.mjs`) over another built
/// book: `html` built from the sources in `src`. Scratch files go to `scratch`.
pub fn run_pages_only(
    root: &Path,
    html: &Path,
    src: &Path,
    scratch: &Path,
) -> anyhow::Result<Costs> {
    let e2e = root.join("e2e");
    let chromium = ensure_chromium()?;
    ensure_packages(&e2e)?;
    let report_file = scratch.join("browser-report.json");
    let started = std::time::Instant::now();
    let ok = crate::run_visible(
        Command::new("npx")
            .args(["--no-install", "playwright", "test", "tests/pages.spec.mjs"])
            .current_dir(&e2e)
            .env("PORT", free_port()?.to_string())
            .env("BOOK_DIR", html)
            .env("BOOK_SRC", src)
            .env("WEIGHTS_DIR", scratch.join("page-weights"))
            .env("REPORT_FILE", &report_file)
            .env("CHROMIUM", &chromium),
    );
    let wall = started.elapsed().as_secs_f64();
    anyhow::ensure!(ok, "a page failed (see the test above)");
    Costs::read(&report_file, wall)
}

/// What a run of the suite cost, from Playwright's JSON report: the wall
/// time, and each kind of test's share of the workers' time.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Costs {
    pub wall_s: f64,
    pub workers: usize,
    /// Tests of pages.spec: one a page.
    pub pages: usize,
    pub pages_s: f64,
    /// runner.spec's "Run on every listing excerpt", one a chapter in the page shape.
    pub run_chapters: usize,
    pub run_chapters_s: f64,
    /// search.spec: one search a chapter.
    pub search_s: f64,
    /// figures.spec: one test a page with figures.
    #[serde(default)]
    pub figures_s: f64,
    /// Everything else (progress, the edit, the exercise, the key, playground, speed).
    pub other_s: f64,
}

impl Costs {
    pub fn read(report: &Path, wall_s: f64) -> anyhow::Result<Costs> {
        let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(report)?)?;
        let mut costs = Costs {
            wall_s,
            workers: json["config"]["metadata"]["actualWorkers"]
                .as_u64()
                .or_else(|| json["config"]["workers"].as_u64())
                .unwrap_or(1) as usize,
            ..Costs::default()
        };
        fn walk(suite: &serde_json::Value, file: &str, costs: &mut Costs) {
            let file = suite["file"].as_str().unwrap_or(file);
            for spec in suite["specs"].as_array().into_iter().flatten() {
                let title = spec["title"].as_str().unwrap_or_default();
                for test in spec["tests"].as_array().into_iter().flatten() {
                    let results = test["results"].as_array();
                    if results.is_none_or(|r| r.is_empty()) {
                        continue;
                    }
                    let took: f64 = results
                        .into_iter()
                        .flatten()
                        .filter_map(|r| r["duration"].as_f64())
                        .sum::<f64>()
                        / 1000.0;
                    if test["status"] == "skipped" {
                        continue;
                    }
                    if file.ends_with("pages.spec.mjs") {
                        costs.pages += 1;
                        costs.pages_s += took;
                    } else if file.ends_with("runner.spec.mjs")
                        && title.contains("Run on every listing excerpt")
                    {
                        costs.run_chapters += 1;
                        costs.run_chapters_s += took;
                    } else if file.ends_with("search.spec.mjs") {
                        costs.search_s += took;
                    } else if file.ends_with("figures.spec.mjs") {
                        costs.figures_s += took;
                    } else {
                        costs.other_s += took;
                    }
                }
            }
            for child in suite["suites"].as_array().into_iter().flatten() {
                walk(child, file, costs);
            }
        }
        for suite in json["suites"].as_array().into_iter().flatten() {
            walk(suite, "", &mut costs);
        }
        Ok(costs)
    }

    /// Seconds of a worker's time a page costs.
    pub fn per_page_s(&self) -> f64 {
        self.pages_s / self.pages.max(1) as f64
    }

    pub fn describe(&self) -> String {
        let mut lines = vec![format!(
            "    browser suite: {:.1} s wall with {} workers",
            self.wall_s, self.workers
        )];
        if self.pages > 0 {
            lines.push(format!(
                "      per page (pages.spec, one test a page): {:.2} s of a worker's time, about {:.2} s of wall time ({} pages, {:.1} s in all)",
                self.per_page_s(),
                self.per_page_s() / self.workers.max(1) as f64,
                self.pages,
                self.pages_s
            ));
        }
        if self.run_chapters > 0 {
            lines.push(format!(
                "      Run on every excerpt: {:.2} s a chapter in the page shape ({} chapters, {:.1} s)",
                self.run_chapters_s / self.run_chapters as f64,
                self.run_chapters,
                self.run_chapters_s
            ));
        }
        lines.push(format!(
            "      search {:.1} s, figures {:.1} s, every other test {:.1} s (workers' time)",
            self.search_s, self.figures_s, self.other_s
        ));
        lines.join("\n")
    }

    fn save(&self, root: &Path) {
        let path = crate::scale::timings_dir(root).join("browser-full.json");
        if let Ok(text) = serde_json::to_string_pretty(self) {
            let _ = std::fs::create_dir_all(path.parent().unwrap_or(root));
            let _ = std::fs::write(path, text);
        }
    }

    pub fn load(root: &Path) -> Option<Costs> {
        let path = crate::scale::timings_dir(root).join("browser-full.json");
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
    }
}

/// Budgets of Run in the page, as the browser suite timed them.
const RUN_BUILT_BUDGET_MS: f64 = 2_000.0;
const RUN_EDITED_BUDGET_MS: f64 = 15_000.0;

#[derive(serde::Deserialize)]
struct Speed {
    /// The median of five unedited runs.
    run_built_ms: f64,
    runs: usize,
    slowest_ms: f64,
    run_edited_ms: f64,
}

fn speed_in_page(path: &Path, report: &mut Report) {
    let speed = std::fs::read_to_string(path)
        .map_err(|e| e.to_string())
        .and_then(|t| serde_json::from_str::<Speed>(&t).map_err(|e| e.to_string()));
    let fix = "see e2e/tests/speed.spec.mjs, which writes ci-artifacts/runner-speed.json";
    match speed {
        Ok(s) => {
            report.record(
                s.run_built_ms <= RUN_BUILT_BUDGET_MS,
                &format!(
                    "Run on a built listing (circuit-breaker): output in the page in {:.2} s, the median of {} runs, slowest {:.2} s (budget {:.0} s)",
                    s.run_built_ms / 1000.0,
                    s.runs,
                    s.slowest_ms / 1000.0,
                    RUN_BUILT_BUDGET_MS / 1000.0,
                ),
                "find what the runner waits for before it starts the program (xtask/src/runner.rs)",
            );
            report.record(
                s.run_edited_ms <= RUN_EDITED_BUDGET_MS,
                &format!(
                    "Run after a one-line edit (circuit-breaker, tokio): output in the page in {:.2} s (budget {:.0} s)",
                    s.run_edited_ms / 1000.0,
                    RUN_EDITED_BUDGET_MS / 1000.0
                ),
                "check that the scratch build reuses the workspace's compiled dependencies (xtask/src/runner.rs)",
            );
        }
        Err(e) => report.record(false, &format!("run-in-page figures: {e}"), fix),
    }
}

/// One page's weight, as the browser suite measured it.
#[derive(serde::Deserialize)]
struct Weight {
    page: String,
    bytes: u64,
    diagrams: u64,
    quiz: bool,
    budget: u64,
}

/// The figures the page-weight budget reports: the heaviest page of each kind.
fn page_weights(dir: &Path) -> anyhow::Result<String> {
    let mut weights = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let text = std::fs::read_to_string(entry?.path())?;
        weights.push(serde_json::from_str::<Weight>(&text)?);
    }
    anyhow::ensure!(!weights.is_empty(), "no page was weighed");
    Ok(summarize(&weights))
}

fn summarize(weights: &[Weight]) -> String {
    type Kind = fn(&Weight) -> bool;
    let heaviest = |keep: Kind| weights.iter().filter(|w| keep(w)).max_by_key(|w| w.bytes);
    let mut lines = vec![format!(
        "    page weight (bytes fetched, uncompressed), {} pages:",
        weights.len()
    )];
    let kinds: [(&str, Kind); 3] = [
        ("heaviest page", |_| true),
        ("heaviest page with a quiz and no diagram", |w| {
            w.quiz && w.diagrams == 0
        }),
        ("heaviest page with neither diagram nor quiz", |w| {
            !w.quiz && w.diagrams == 0
        }),
    ];
    for (label, keep) in kinds {
        if let Some(w) = heaviest(keep) {
            lines.push(format!(
                "      {label}: {} at {:.2} MB (budget {:.1} MB)",
                w.page,
                w.bytes as f64 / 1e6,
                w.budget as f64 / 1e6
            ));
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(page: &str, bytes: u64, diagrams: u64, quiz: bool) -> Weight {
        Weight {
            page: page.into(),
            bytes,
            diagrams,
            quiz,
            budget: 1_000_000,
        }
    }

    // Each kind of page reports its own heaviest member.
    #[test]
    fn summary_names_the_heaviest_of_each_kind() {
        let text = summarize(&[
            w("intro.md", 500_000, 0, false),
            w("recall.md", 1_900_000, 0, true),
            w("a.md", 4_700_000, 1, true),
        ]);
        assert!(text.contains("heaviest page: a.md at 4.70 MB"), "{text}");
        assert!(
            text.contains("quiz and no diagram: recall.md at 1.90 MB"),
            "{text}"
        );
        assert!(
            text.contains("neither diagram nor quiz: intro.md at 0.50 MB"),
            "{text}"
        );
    }
}
