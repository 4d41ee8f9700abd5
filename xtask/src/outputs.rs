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
#[derive(Debug, PartialEq, Eq)]
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

/// Fresh stdout of each listing command, so a command runs once per `test`
/// even when both the outputs step and a quiz answer need it.
#[derive(Default)]
pub struct Runs {
    stdout: HashMap<Vec<String>, Result<String, String>>,
}

impl Runs {
    pub fn stdout(&mut self, root: &Path, recorded: &Recorded) -> Result<String, String> {
        self.stdout
            .entry(recorded.cargo_args.clone())
            .or_insert_with(|| run(root, &recorded.cargo_args))
            .clone()
    }
}

/// Runs `cargo <args>` quietly (build chatter goes away) and returns stdout.
fn run(root: &Path, args: &[String]) -> Result<String, String> {
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
    if expected == actual {
        return None;
    }
    let (exp, act): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    for i in 0..exp.len().max(act.len()) {
        let (e, a) = (exp.get(i), act.get(i));
        if e != a {
            return Some(format!(
                "output line {}: recorded {:?}, now {:?}",
                i + 1,
                e.copied().unwrap_or("<none>"),
                a.copied().unwrap_or("<none>")
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
    let files = find(root);
    if files.is_empty() {
        report.record(
            false,
            "recorded outputs",
            "no listings/**/output*.txt found",
        );
    }
    for path in files {
        let name = crate::relative(root, &path);
        let recorded = match read(root, &path) {
            Ok(r) => r,
            Err(e) => {
                report.record(false, &e, "make the first line `$ cargo run -p <crate>`, then run `cargo xtask bless -p <crate>`");
                continue;
            }
        };
        let fix = format!("cargo xtask bless -p {}", recorded.package());
        match runs.stdout(root, &recorded) {
            Ok(actual) => match first_difference(&recorded.body, &actual) {
                None => report.record(true, &name, ""),
                Some(diff) => report.record(
                    false,
                    &format!("{name} drifted from `{}`: {diff}", recorded.command_line()),
                    &format!("if the change is intended, run `{fix}`; otherwise fix the listing"),
                ),
            },
            Err(e) => report.record(
                false,
                &format!("{name}: `{}` failed: {e}", recorded.command_line()),
                "fix the listing so that the command succeeds",
            ),
        }
    }
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
}
