//! Recorded figures: `listings/**/figure-*.svg`.
//!
//! A figure is the stdout of a listing command, like a recorded output, so
//! it can never disagree with the numbers the listing computes. Its first
//! line is the command inside an XML processing instruction, which a
//! browser ignores when the chapter inlines the file. (Not a comment: the
//! command's `--` may not appear inside an XML comment, and a viewer that
//! opens the file on its own, as a repository browser does, would refuse
//! it.)
//!
//! ```text
//! <?command $ cargo run -p consistent-hashing --bin figures -- ring ?>
//! <svg ...>
//! ```
//!
//! `check` reruns every command and fails, naming the file, when a byte
//! differs; `bless` rewrites them. A figure must also stay light (no script,
//! under [`MAX_BYTES`]) and say what it shows (`<title>` and `<desc>`).

use std::path::{Path, PathBuf};

use crate::outputs::Recorded;
use crate::report::Report;

/// A figure heavier than this slows the page more than it helps.
pub const MAX_BYTES: usize = 60 * 1024;

/// Every `figure-*.svg` under `listings/`, sorted.
pub fn find(root: &Path) -> Vec<PathBuf> {
    crate::files_under(&root.join("listings"), |name| {
        name.starts_with("figure-") && name.ends_with(".svg")
    })
}

/// Splits a figure file into its command and its SVG.
pub fn parse(text: &str) -> Result<Recorded, String> {
    let (first, body) = text.split_once('\n').unwrap_or((text, ""));
    let command = first
        .strip_prefix("<?command ")
        .and_then(|rest| rest.strip_suffix(" ?>"))
        .ok_or("its first line must be the command in a processing instruction: `<?command $ cargo run -p <crate> ... ?>`")?;
    let mut recorded = Recorded::parse(&format!("{command}\n"))?;
    recorded.body = body.to_string();
    Ok(recorded)
}

/// What is wrong with an SVG as a figure of the book, if anything.
pub fn problems(svg: &str) -> Vec<String> {
    let mut found = Vec::new();
    if !svg.trim_start().starts_with("<svg") {
        found.push("the command's output does not start with <svg".to_string());
    }
    if svg.len() > MAX_BYTES {
        found.push(format!(
            "{} KB, over the {} KB a figure may weigh",
            svg.len() / 1024,
            MAX_BYTES / 1024
        ));
    }
    if svg.to_ascii_lowercase().contains("<script") {
        found.push("it contains a <script>".into());
    }
    for tag in ["<title", "<desc"] {
        if !svg.contains(tag) {
            found.push(format!("it has no {tag}> saying what it shows"));
        }
    }
    let comments = svg.split("<!--").skip(1);
    if comments
        .map(|c| c.split_once("-->").map_or(c, |(inside, _)| inside))
        .any(|inside| inside.contains("--"))
    {
        found.push("a comment contains `--`, which makes the file invalid XML".into());
    }
    if svg.contains("\n\n") {
        found.push("it has a blank line, which would end the chapter's HTML block".into());
    }
    found
}

/// Runs the figure's command quietly and returns its stdout.
fn draw(root: &Path, recorded: &Recorded) -> Result<String, String> {
    crate::outputs::run(root, &recorded.cargo_args)
}

/// Reruns every figure in `files` and compares it byte for byte.
pub fn check(root: &Path, files: &[PathBuf], report: &mut Report) {
    for path in files {
        let name = crate::relative(root, path);
        let recorded = match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|text| parse(&text))
        {
            Ok(recorded) => recorded,
            Err(e) => {
                report.record(
                    false,
                    &format!("{name}: {e}"),
                    "fix its first line, then `cargo xtask bless -p <crate>`",
                );
                continue;
            }
        };
        let bless = format!("cargo xtask bless -p {}", recorded.package());
        match draw(root, &recorded) {
            Ok(fresh) => {
                let drift = crate::outputs::first_difference(&recorded.body, &fresh);
                report.record(
                    drift.is_none(),
                    &format!(
                        "{name} matches a fresh `{}`{}",
                        recorded.command_line().trim_start_matches("$ "),
                        drift.map(|d| format!(": {d}")).unwrap_or_default()
                    ),
                    &format!(
                        "the figure drifted from what the listing draws now: if the change is intended, run `{bless}` and review the picture"
                    ),
                );
                let found = problems(&fresh);
                report.record(
                    found.is_empty(),
                    &format!("{name} is a light, described SVG {found:?}"),
                    "fix the figures binary that draws it (see CONTRIBUTING.md, \"Figures\")",
                );
            }
            Err(e) => report.record(
                false,
                &format!("{name}: {e}"),
                "fix the listing so the command above succeeds",
            ),
        }
    }
}

/// Rewrites every figure of `package` (or all) from a fresh run.
pub fn bless(root: &Path, package: Option<&str>) -> anyhow::Result<()> {
    for path in find(root) {
        let text = std::fs::read_to_string(&path)?;
        let recorded =
            parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", crate::relative(root, &path)))?;
        if package.is_some_and(|p| p != recorded.package()) {
            continue;
        }
        let fresh = draw(root, &recorded)
            .map_err(|e| anyhow::anyhow!("{}: {e}", crate::relative(root, &path)))?;
        let first = text.split_once('\n').map_or(text.as_str(), |(f, _)| f);
        std::fs::write(&path, format!("{first}\n{fresh}"))?;
        println!("    blessed {}", crate::relative(root, &path));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str =
        "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<title>t</title>\n<desc>d</desc>\n</svg>\n";

    // The command sits in a processing instruction on the first line;
    // anything else (the old comment form included) is
    // refused with the shape the line must have.
    #[test]
    fn first_line() {
        let text =
            format!("<?command $ cargo run -p consistent-hashing --bin figures -- ring ?>\n{GOOD}");
        let recorded = parse(&text).unwrap();
        assert_eq!(recorded.package(), "consistent-hashing");
        assert_eq!(recorded.body, GOOD);
        assert!(
            parse(&format!("$ cargo run -p x\n{GOOD}"))
                .unwrap_err()
                .contains("processing instruction")
        );
        assert!(parse(&format!("<!-- $ cargo run -p x -->\n{GOOD}")).is_err());
        assert!(parse("<?command cargo run -p x ?>\n").is_err());
        assert!(parse("<?command $ cargo run --bin figures ?>\n").is_err());
    }

    // A figure says what it shows, carries no script, no blank line, and
    // stays under the weight limit.
    #[test]
    fn figure_rules() {
        assert!(problems(GOOD).is_empty());
        assert!(!problems("<svg><title>t</title></svg>").is_empty());
        assert!(
            !problems(&GOOD.replace("<desc>d</desc>", "<desc>d</desc><script>x()</script>"))
                .is_empty()
        );
        assert!(!problems(&GOOD.replace("<title>t</title>\n", "<title>t</title>\n\n")).is_empty());
        let heavy = GOOD.replace("<desc>d</desc>", &"<g/>".repeat(20_000));
        assert!(problems(&heavy).iter().any(|p| p.contains("KB")));
        assert!(!problems("hello").is_empty());
        assert!(problems(&GOOD.replace("<title>", "<!-- a note -->\n<title>")).is_empty());
        assert!(!problems(&GOOD.replace("<title>", "<!-- a -- note -->\n<title>")).is_empty());
    }
}
