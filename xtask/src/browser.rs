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

/// Debian's Chromium, installed with apt-get when missing. A test tool's own
/// browser download does not work on a machine without internet access.
fn ensure_chromium() -> anyhow::Result<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Ok(PathBuf::from(path));
    }
    if Path::new(CHROMIUM).exists() {
        return Ok(CHROMIUM.into());
    }
    println!("==> installing Chromium from Debian (apt-get install chromium chromium-driver)");
    let install = || {
        Command::new("apt-get")
            .args(["install", "-y", "-q", "chromium", "chromium-driver"])
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .is_ok_and(|s| s.success())
    };
    if !install() {
        // A fresh machine may have empty package lists.
        let _ = Command::new("apt-get").args(["update", "-q"]).status();
        anyhow::ensure!(
            install(),
            "could not install Chromium: run `apt-get install chromium chromium-driver` as root, or set CHROMIUM=/path/to/chromium"
        );
    }
    Ok(CHROMIUM.into())
}

/// `npm ci` in e2e/ when node_modules is missing or older than the lock file.
fn ensure_packages(e2e: &Path) -> anyhow::Result<()> {
    anyhow::ensure!(
        have("node") && have("npm"),
        "the browser suite needs Node.js and npm: install them (Debian: apt-get install nodejs npm)"
    );
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

pub fn check(root: &Path, report: &mut Report) {
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
    let ok = crate::run_visible(
        Command::new("npx")
            .args(["--no-install", "playwright", "test"])
            .current_dir(&e2e)
            .env("PORT", port.to_string())
            .env("BOOK_DIR", &book)
            .env("CHROMIUM", &chromium),
    );
    report.record(
        ok,
        "browser suite (e2e/tests: pages, quizzes, search, progress, page weight)",
        "read the failing test above; screenshots of failing pages are in ci-artifacts/browser/. Rerun with `cd e2e && BOOK_DIR=../book/html npx playwright test`",
    );
}
