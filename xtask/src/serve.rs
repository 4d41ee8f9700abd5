//! Fast rebuilds under `ci/serve`, and the check that keeps them fast.
//!
//! mdbook-quiz compiles and runs every Tracing question with `rustc` at every
//! build, so a rebuild of the whole book slows down as the book grows (about
//! 0.1 s a question). Under `serve`, the `rustc` that mdbook-quiz finds on
//! PATH is this program, which caches each compiled question by the hash of
//! its source, its arguments and the real compiler's version. A question that
//! did not change is not compiled again; it is still run and its output still
//! checked. `cargo xtask test` uses the real `rustc` for every question.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode};
use std::time::{Duration, Instant};

use crate::report::Report;
use crate::tools::Tools;

const REAL_RUSTC: &str = "SDR_REAL_RUSTC";
const RUSTC_VERSION: &str = "SDR_RUSTC_VERSION";
const CACHE_DIR: &str = "SDR_QUIZ_CACHE";

/// Edit-to-refresh budget of `ci/serve` on the whole book. A refresh is
/// mdBook's one-second watcher delay, then a full rebuild: at 96 pages about
/// 1.4 s of it is the search index (every word of prose and code), about
/// 0.6 s the preprocessors and the other pages. It was 3 s until the book
/// passed 90 pages.
pub const REFRESH_BUDGET: Duration = Duration::from_secs(4);

/// Extra Tracing questions the check adds, standing for the chapters still to
/// come, so that the budget holds for the full course and not just today's.
const EXTRA_QUESTIONS: usize = 100;

/// Whether this process was started as the `rustc` shim.
pub fn invoked_as_rustc() -> bool {
    std::env::args_os()
        .next()
        .and_then(|a| Path::new(&a).file_name().map(|n| n == "rustc"))
        .unwrap_or(false)
}

/// The cache key of one compilation.
pub fn cache_key(version: &str, args: &[String], source: &[u8]) -> String {
    let mut h = DefaultHasher::new();
    version.hash(&mut h);
    // The source path is a fresh temporary folder each time; only its name counts.
    for arg in args {
        let arg = if arg.ends_with(".rs") {
            Path::new(arg)
                .file_name()
                .map_or(arg.clone(), |n| n.to_string_lossy().into_owned())
        } else {
            arg.clone()
        };
        arg.hash(&mut h);
    }
    source.hash(&mut h);
    format!("{:016x}", h.finish())
}

/// Runs as `rustc` for mdbook-quiz: answers from the cache, or compiles with
/// the real compiler and fills the cache. Any trouble with the cache falls
/// back to the real compiler, so the shim can slow a build but never break it.
pub fn rustc_shim() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(real) = std::env::var(REAL_RUSTC)
        .ok()
        .filter(|r| !is_this_program(Path::new(r)))
    else {
        // Without the real compiler's path the shim would only find itself.
        eprintln!(
            "rustc shim: {REAL_RUSTC} must name the real rustc; run through `cargo xtask serve`"
        );
        return ExitCode::FAILURE;
    };
    let log = |what: &str| {
        if let Ok(dir) = std::env::var(CACHE_DIR) {
            let line = format!("{what}\n");
            let _ = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(Path::new(&dir).join("log"))
                .and_then(|mut f| f.write_all(line.as_bytes()));
        }
    };
    let cached = (|| {
        let dir = PathBuf::from(std::env::var(CACHE_DIR).ok()?);
        let version = std::env::var(RUSTC_VERSION).ok()?;
        let source = args.iter().find(|a| a.ends_with(".rs"))?;
        let key = cache_key(&version, &args, &std::fs::read(source).ok()?);
        Some(dir.join(key))
    })();
    let Some(entry) = cached else {
        return passthrough(&real, &args);
    };
    if let Ok(status) = std::fs::read_to_string(entry.join("status")) {
        let code: u8 = status.trim().parse().unwrap_or(1);
        let stderr = std::fs::read(entry.join("stderr")).unwrap_or_default();
        let binary_ok =
            code != 0 || std::os::unix::fs::symlink(entry.join("main"), Path::new("main")).is_ok();
        if binary_ok {
            log("hit");
            let _ = std::io::stderr().write_all(&stderr);
            return ExitCode::from(code);
        }
    }
    log("miss");
    let out = match Command::new(&real).args(&args).output() {
        Ok(out) => out,
        Err(e) => {
            eprintln!("rustc shim: cannot run {real}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let code = out.status.code().unwrap_or(1).clamp(0, 255) as u8;
    let _ = std::io::stdout().write_all(&out.stdout);
    let _ = std::io::stderr().write_all(&out.stderr);
    // Fill the cache through a temporary folder so a reader never sees half an entry.
    let staging = entry.with_extension(format!("tmp{}", std::process::id()));
    let filled = std::fs::create_dir_all(&staging)
        .and_then(|_| std::fs::write(staging.join("stderr"), &out.stderr))
        .and_then(|_| {
            if code == 0 {
                std::fs::copy("main", staging.join("main")).map(|_| ())
            } else {
                Ok(())
            }
        })
        .and_then(|_| std::fs::write(staging.join("status"), code.to_string()))
        .and_then(|_| std::fs::rename(&staging, &entry));
    if filled.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    ExitCode::from(code)
}

fn is_this_program(path: &Path) -> bool {
    let canonical = |p: &Path| std::fs::canonicalize(p).ok();
    std::env::current_exe().ok().and_then(|me| canonical(&me)) == canonical(path)
}

fn passthrough(real: &str, args: &[String]) -> ExitCode {
    match Command::new(real).args(args).status() {
        Ok(s) => ExitCode::from(s.code().unwrap_or(1).clamp(0, 255) as u8),
        Err(e) => {
            eprintln!("rustc shim: cannot run {real}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A `mdbook` command whose preprocessors find the caching `rustc` first.
pub fn cached_mdbook(root: &Path, tools: &Tools) -> anyhow::Result<Command> {
    let real = which("rustc").ok_or_else(|| anyhow::anyhow!("rustc is not on PATH"))?;
    let version = Command::new(&real).arg("-vV").output()?;
    anyhow::ensure!(version.status.success(), "`rustc -vV` failed");
    let shim_dir = root.join("target/quiz-rustc/bin");
    let cache = root.join("target/quiz-rustc/cache");
    std::fs::create_dir_all(&shim_dir)?;
    std::fs::create_dir_all(&cache)?;
    let shim = shim_dir.join("rustc");
    let me = std::env::current_exe()?;
    let _ = std::fs::remove_file(&shim);
    if let Err(e) = std::os::unix::fs::symlink(&me, &shim) {
        // Another build of this run (the static and the served book are
        // built side by side) made the same link a moment ago.
        anyhow::ensure!(
            std::fs::read_link(&shim).is_ok_and(|target| target == me),
            "cannot link {}: {e}",
            shim.display()
        );
    }

    let mut cmd = tools.command("mdbook");
    let path = cmd
        .get_envs()
        .find(|(k, _)| *k == "PATH")
        .and_then(|(_, v)| v.map(|v| v.to_os_string()))
        .unwrap_or_default();
    let mut dirs = vec![shim_dir];
    dirs.extend(std::env::split_paths(&path));
    cmd.env("PATH", std::env::join_paths(dirs)?)
        .env(REAL_RUSTC, real)
        .env(
            RUSTC_VERSION,
            String::from_utf8_lossy(&version.stdout).into_owned(),
        )
        .env(CACHE_DIR, cache);
    Ok(cmd)
}

/// [`cached_mdbook`] for `mdbook serve`: the same book without the link
/// checker, which `ci/test` runs on every static build and which would add
/// about a second to every refresh. mdBook replaces its whole `output` table
/// with `MDBOOK_OUTPUT`, so the variable carries book.toml's other outputs.
pub fn serving_mdbook(root: &Path, tools: &Tools) -> anyhow::Result<Command> {
    let config: toml::Table = std::fs::read_to_string(root.join("book.toml"))?.parse()?;
    let mut outputs = config
        .get("output")
        .and_then(|o| o.as_table())
        .cloned()
        .unwrap_or_default();
    outputs.remove("linkcheck2");
    let mut cmd = cached_mdbook(root, tools)?;
    cmd.env("MDBOOK_OUTPUT", serde_json::to_string(&outputs)?);
    Ok(cmd)
}

/// The first `program` on PATH that is not this program (the shim).
fn which(program: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file() && !is_this_program(p))
}

/// One GET over HTTP/1.1 to 127.0.0.1; the body, or None while the server is not up.
fn get(port: u16, path: &str) -> Option<String> {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let (head, body) = response.split_once("\r\n\r\n")?;
    head.starts_with("HTTP/1.1 200").then(|| body.to_string())
}

fn wait_for(port: u16, path: &str, needle: &str, limit: Duration) -> Option<Duration> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if get(port, path).is_some_and(|body| body.contains(needle)) {
            return Some(start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

/// Copies what the book is built from into `dest` (no build outputs).
pub fn copy_book_sources(root: &Path, dest: &Path) -> anyhow::Result<()> {
    fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                if entry.file_name() != "target" {
                    copy_tree(&path, &to.join(entry.file_name()))?;
                }
            } else {
                std::fs::copy(&path, to.join(entry.file_name()))?;
            }
        }
        Ok(())
    }
    let _ = std::fs::remove_dir_all(dest);
    std::fs::create_dir_all(dest)?;
    std::fs::copy(root.join("book.toml"), dest.join("book.toml"))?;
    for dir in ["src", "theme", "quizzes", "listings", "exercises"] {
        copy_tree(&root.join(dir), &dest.join(dir))?;
    }
    Ok(())
}

/// A quiz of `n` distinct Tracing questions, each a tiny std-only program.
pub fn synthetic_quiz(n: usize) -> String {
    let mut toml = String::new();
    for i in 0..n {
        toml.push_str(&format!(
            "[[questions]]\nid = \"synthetic-{i}\"\ntype = \"Tracing\"\nprompt.program = \"\"\"\nfn main() {{\n    let v: Vec<u32> = (0..{i}).collect();\n    println!(\"{{}}\", v.len() * 2);\n}}\n\"\"\"\nanswer.doesCompile = true\nanswer.stdout = \"{}\"\ncontext = \"Synthetic load for the serve budget.\"\n\n",
            i * 2
        ));
    }
    toml
}

struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn count_log(cache: &Path) -> (usize, usize) {
    let log = std::fs::read_to_string(cache.join("log")).unwrap_or_default();
    let hits = log.lines().filter(|l| *l == "hit").count();
    (hits, log.lines().count() - hits)
}

/// Serves a copy of the whole book (plus synthetic questions standing for the
/// chapters to come), edits one chapter, and measures until the served page
/// shows the edit.
pub fn check_refresh(root: &Path, tools: &Tools, report: &mut Report) {
    match measure_refresh(root, tools) {
        Ok(figures) => {
            println!("{figures}");
            let ok = figures.refresh <= REFRESH_BUDGET;
            report.record(
                ok,
                &format!(
                    "ci/serve shows an edit in {:.2} s (budget {} s)",
                    figures.refresh.as_secs_f64(),
                    REFRESH_BUDGET.as_secs()
                ),
                "find what makes the rebuild slow (time `mdbook build`); the rustc cache is xtask/src/serve.rs",
            );
        }
        Err(e) => report.record(
            false,
            &format!("serve refresh check: {e:#}"),
            "read the error; the check is xtask/src/serve.rs",
        ),
    }
}

pub struct Figures {
    questions: usize,
    first_build: Duration,
    first_build_compiled: usize,
    refresh: Duration,
    refresh_compiled: usize,
}

impl std::fmt::Display for Figures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "    serve budget, on the whole book plus {EXTRA_QUESTIONS} extra Tracing questions ({} in all):",
            self.questions
        )?;
        writeln!(
            f,
            "      first build: {:.2} s ({} questions compiled, the rest from the cache)",
            self.first_build.as_secs_f64(),
            self.first_build_compiled
        )?;
        write!(
            f,
            "      edit to refreshed page: {:.2} s ({} questions compiled)",
            self.refresh.as_secs_f64(),
            self.refresh_compiled
        )
    }
}

fn measure_refresh(root: &Path, tools: &Tools) -> anyhow::Result<Figures> {
    // Outside the repository: mdbook serve ignores changes to files that the
    // repository's .gitignore covers, and target/ is one of them.
    let copy = std::env::temp_dir().join(format!("sdr-serve-budget-{}", std::process::id()));
    let result = measure_refresh_in(root, tools, &copy);
    let _ = std::fs::remove_dir_all(&copy);
    result
}

fn measure_refresh_in(root: &Path, tools: &Tools, copy: &Path) -> anyhow::Result<Figures> {
    copy_book_sources(root, copy)?;
    std::fs::write(
        copy.join("quizzes/serve-budget-load.toml"),
        synthetic_quiz(EXTRA_QUESTIONS),
    )?;
    std::fs::write(
        copy.join("src/serve-budget-load.md"),
        "# Load\n\n{{#quiz ../quizzes/serve-budget-load.toml}}\n",
    )?;
    let mut summary = std::fs::read_to_string(copy.join("src/SUMMARY.md"))?;
    summary.push_str("\n---\n\n[Load](serve-budget-load.md)\n");
    std::fs::write(copy.join("src/SUMMARY.md"), summary)?;
    let questions = crate::quiz::find(copy)
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|t| t.matches("type = \"Tracing\"").count())
        .sum();

    let cache = root.join("target/quiz-rustc/cache");
    let _ = std::fs::remove_file(cache.join("log"));
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let mut cmd = serving_mdbook(root, tools)?;
    cmd.current_dir(copy)
        .args([
            "serve",
            "--hostname",
            "127.0.0.1",
            "--port",
            &port.to_string(),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let started = Instant::now();
    let _server = KillOnDrop(cmd.spawn()?);
    let page = "/00-start-here/how-to-use.html";
    wait_for(
        port,
        page,
        "How to use this course",
        Duration::from_secs(300),
    )
    .ok_or_else(|| anyhow::anyhow!("mdbook serve did not serve {page} within 5 minutes"))?;
    let first_build = started.elapsed();
    let (_, first_build_compiled) = count_log(&cache);

    // Let the watcher settle, then edit one chapter.
    std::thread::sleep(Duration::from_millis(500));
    let marker = format!("edit-marker-{}", std::process::id());
    let chapter = copy.join("src/00-start-here/how-to-use.md");
    let mut text = std::fs::read_to_string(&chapter)?;
    text.push_str(&format!("\n{marker}\n"));
    std::fs::write(&chapter, text)?;
    let refresh = wait_for(port, page, &marker, Duration::from_secs(60))
        .ok_or_else(|| anyhow::anyhow!("the edit did not appear within 60 s"))?;
    let (_, compiled_total) = count_log(&cache);
    Ok(Figures {
        questions,
        first_build,
        first_build_compiled,
        refresh,
        refresh_compiled: compiled_total - first_build_compiled,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // The key ignores the temporary folder but not the source, flags or compiler.
    #[test]
    fn cache_keys() {
        let args = |dir: &str| {
            vec![
                format!("/tmp/{dir}/main.rs"),
                "-A".into(),
                "warnings".into(),
            ]
        };
        let a = cache_key("1.95", &args("x1"), b"fn main() {}");
        assert_eq!(a, cache_key("1.95", &args("y2"), b"fn main() {}"));
        assert_ne!(a, cache_key("1.96", &args("x1"), b"fn main() {}"));
        assert_ne!(a, cache_key("1.95", &args("x1"), b"fn main() { }"));
        assert_ne!(a, cache_key("1.95", &["main.rs".into()], b"fn main() {}"));
    }

    // Synthetic questions are distinct programs with the answer each prints.
    #[test]
    fn synthetic_quiz_is_valid_toml() {
        let quiz: toml::Table = synthetic_quiz(3).parse().unwrap();
        let questions = quiz["questions"].as_array().unwrap();
        assert_eq!(questions.len(), 3);
        assert_eq!(questions[2]["answer"]["stdout"].as_str(), Some("4"));
        assert_ne!(
            questions[1]["prompt"]["program"],
            questions[2]["prompt"]["program"]
        );
    }
}
