//! The book's own mdBook preprocessor (`cargo xtask preprocess`), and the
//! check that a predicted output stays hidden.
//!
//! It runs before mdBook's `links` preprocessor, so it still sees each
//! `{{#include}}` and knows which listing an excerpt comes from. It does
//! four things to a chapter's Markdown:
//! - wraps every Rust excerpt from a listing in `<div class="listing">` whose
//!   data attributes name the crate, file, anchor and the command that runs
//!   it, and marks the fence `noplayground` so mdBook's own playground never
//!   asks the public playground for anything; `theme/course.js` turns the
//!   wrapper into Run, Edit and copy-the-command controls;
//! - expands `{{#exercise <dir>}}` into the exercise's stub in an editor,
//!   and `{{#solution <dir>}}` into the reference solution as the book shows
//!   it (markers removed);
//! - expands `{{#measured <output> "<start>"}}`, anywhere in a line, into
//!   the one line of a recorded output that starts so (how a cheat sheet
//!   quotes a measured number);
//! - under `cargo xtask serve`, adds the local runner's address (from
//!   `SDR_RUNNER_URL`). Never its secret: any local user can fetch a page
//!   from `mdbook serve`, so the key reaches the reader's browser only
//!   through the link `serve` prints.
//!
//! Outputs the reader predicts are marked in Markdown with a `reveal` fence
//! attribute (```` ```console,reveal ````), or wrapped, with the prose that
//! discusses them, in `<div class="reveal">`; `check_chapters` fails a
//! chapter whose "Predict first" prompt is followed by an output that is not.

use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use crate::report::Report;

pub const RUNNER_URL: &str = "SDR_RUNNER_URL";

/// Entry point when mdBook runs us: `preprocess supports <renderer>`, or
/// `preprocess` with `[context, book]` as JSON on stdin.
pub fn main(args: &[String]) -> ExitCode {
    if args.get(1).map(String::as_str) == Some("supports") {
        return ExitCode::SUCCESS;
    }
    match preprocess_stdin() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("course preprocessor: {e}");
            ExitCode::FAILURE
        }
    }
}

fn preprocess_stdin() -> Result<(), String> {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .map_err(|e| format!("cannot read stdin: {e}"))?;
    let value: serde_json::Value =
        serde_json::from_str(&input).map_err(|e| format!("stdin is not JSON: {e}"))?;
    let [context, mut book]: [serde_json::Value; 2] = serde_json::from_value(value)
        .map_err(|e| format!("expected [context, book] on stdin: {e}"))?;
    let root = PathBuf::from(
        context["root"]
            .as_str()
            .ok_or("the context has no `root`")?,
    );
    let src = root.join(context["config"]["book"]["src"].as_str().unwrap_or("src"));
    let runner = RunnerPage::from_env();
    let mut errors = Vec::new();
    visit_chapters(&mut book, &mut |chapter| {
        let Some(path) = chapter["path"].as_str().map(PathBuf::from) else {
            return;
        };
        let Some(content) = chapter["content"].as_str() else {
            return;
        };
        let dir = src.join(&path).parent().map(Path::to_path_buf);
        let dir = dir.unwrap_or_else(|| src.clone());
        match transform(content, &root, &dir, runner.as_ref()) {
            Ok(text) => chapter["content"] = serde_json::Value::String(text),
            Err(e) => errors.push(format!("{}: {e}", Path::new("src").join(&path).display())),
        }
    });
    if !errors.is_empty() {
        return Err(errors.join("\n"));
    }
    serde_json::to_writer(std::io::stdout(), &book).map_err(|e| e.to_string())
}

/// Calls `f` on every chapter object of mdBook's book JSON, nested or not.
fn visit_chapters(value: &mut serde_json::Value, f: &mut dyn FnMut(&mut serde_json::Value)) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(chapter) = map.get_mut("Chapter") {
                f(chapter);
            }
            for (_, v) in map.iter_mut() {
                visit_chapters(v, f);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| visit_chapters(v, f)),
        _ => {}
    }
}

/// Where the page finds the local runner; set only under `cargo xtask serve`.
pub struct RunnerPage {
    pub url: String,
}

impl RunnerPage {
    fn from_env() -> Option<RunnerPage> {
        Some(RunnerPage {
            url: std::env::var(RUNNER_URL).ok()?,
        })
    }
}

/// What a chapter's `{{#include}}` points at inside a listing or exercise crate.
#[derive(Debug, PartialEq, Eq)]
pub struct Target {
    /// `listing` or `exercise`.
    pub kind: &'static str,
    /// The crate's folder from the project root, e.g. `listings/04-data/bloom-filter`.
    pub crate_dir: String,
    /// The crate's name (its folder name).
    pub name: String,
    /// The file inside the crate, e.g. `src/lib.rs`.
    pub file: String,
    /// The anchor after `:`, if the include names one.
    pub anchor: Option<String>,
}

/// Resolves the argument of `{{#include path[:anchor]}}` written in a chapter
/// in `chapter_dir` to a listing or exercise crate under `root`.
pub fn resolve(root: &Path, chapter_dir: &Path, arg: &str) -> Option<Target> {
    let (path, anchor) = match arg.split_once(':') {
        Some((path, rest)) => {
            let named = !rest.is_empty() && !rest.starts_with(|c: char| c.is_ascii_digit());
            (path, named.then(|| rest.to_string()))
        }
        None => (arg, None),
    };
    let full = normalize(&chapter_dir.join(path.trim()));
    let rel = full.strip_prefix(normalize(root)).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let kind = match parts.first()?.as_str() {
        "listings" => "listing",
        "exercises" => "exercise",
        _ => return None,
    };
    if parts.len() < 4 {
        return None;
    }
    Some(Target {
        kind,
        crate_dir: parts[..3].join("/"),
        name: parts[2].clone(),
        file: parts[3..].join("/"),
        anchor,
    })
}

/// `a/b/../c` to `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The argument of a `{{#name arg}}` directive that fills the whole line.
fn directive<'a>(line: &'a str, names: &[&'static str]) -> Option<(&'static str, &'a str)> {
    let inner = line.trim().strip_prefix("{{#")?.strip_suffix("}}")?;
    let (name, arg) = inner.split_once(char::is_whitespace)?;
    names.iter().find(|n| **n == name).map(|n| (*n, arg.trim()))
}

/// One fenced code block of a chapter: its lines `open..=close`.
struct Fence<'a> {
    open: usize,
    close: usize,
    indent: &'a str,
    info: &'a str,
    body: Vec<&'a str>,
}

fn fences<'a>(lines: &[&'a str]) -> Vec<Fence<'a>> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let trimmed = lines[i].trim_start();
        if let Some(info) = trimmed.strip_prefix("```") {
            let indent = &lines[i][..lines[i].len() - trimmed.len()];
            let close = (i + 1..lines.len()).find(|&j| lines[j].trim() == "```");
            let Some(close) = close else { break };
            found.push(Fence {
                open: i,
                close,
                indent,
                info: info.trim(),
                body: lines[i + 1..close].to_vec(),
            });
            i = close + 1;
        } else {
            i += 1;
        }
    }
    found
}

/// Recorded outputs of a crate, sorted: `output.txt` first.
fn recorded_outputs(crate_dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(crate_dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("output") && n.ends_with(".txt"))
        .collect();
    names.sort_by_key(|n| (n != "output.txt", n.clone()));
    names
}

fn escape_attr(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Whether a crate is one file of std-only Rust, so the public playground can run it.
fn single_std_file(crate_dir: &Path) -> bool {
    let manifest = std::fs::read_to_string(crate_dir.join("Cargo.toml")).unwrap_or_default();
    let Ok(table) = manifest.parse::<toml::Table>() else {
        return false;
    };
    let no_deps = table
        .get("dependencies")
        .and_then(|d| d.as_table())
        .is_none_or(|d| d.is_empty());
    let files = crate::files_under(&crate_dir.join("src"), |n| n.ends_with(".rs"));
    no_deps && files.len() == 1 && files[0].ends_with("src/main.rs")
}

/// Rewrites one chapter's Markdown (see the module docs).
pub fn transform(
    content: &str,
    root: &Path,
    chapter_dir: &Path,
    runner: Option<&RunnerPage>,
) -> Result<String, String> {
    let lines: Vec<&str> = content.lines().collect();
    let fences = fences(&lines);
    // Which recorded output the chapter shows, and where: an excerpt runs the
    // command of the next output of its crate that the page shows.
    let shown_outputs: Vec<(usize, Target)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let (_, arg) = directive(l, &["include"])?;
            let t = resolve(root, chapter_dir, arg)?;
            (t.kind == "listing" && t.file.starts_with("output") && t.file.ends_with(".txt"))
                .then_some((i, t))
        })
        .collect();

    let mut out: Vec<String> = Vec::new();
    let mut next = 0;
    for fence in &fences {
        for line in &lines[next..fence.open] {
            out.push(expand_line(line, root, chapter_dir)?);
        }
        next = fence.close + 1;
        let mut info = fence.info.split([',', ' ']).filter(|w| !w.is_empty());
        let is_rust = info.next() == Some("rust");
        let target = match fence.body.as_slice() {
            [only] if is_rust => directive(only, &["include", "rustdoc_include"])
                .and_then(|(_, arg)| resolve(root, chapter_dir, arg)),
            _ => None,
        };
        let Some(target) = target else {
            out.extend(
                lines[fence.open..=fence.close]
                    .iter()
                    .map(|l| l.to_string()),
            );
            continue;
        };
        out.push(listing_block(fence, &target, root, &shown_outputs));
    }
    for line in &lines[next..] {
        out.push(expand_line(line, root, chapter_dir)?);
    }
    let mut text = out.join("\n");
    if content.ends_with('\n') {
        text.push('\n');
    }
    if let Some(runner) = runner {
        text.push_str(&format!(
            "
<div id=\"course-runner\" hidden data-url=\"{}\"></div>
",
            escape_attr(&runner.url)
        ));
    }
    Ok(text)
}

/// The wrapper `theme/course.js` turns into Run, Edit and copy controls.
fn listing_block(
    fence: &Fence,
    target: &Target,
    root: &Path,
    shown_outputs: &[(usize, Target)],
) -> String {
    let crate_path = root.join(&target.crate_dir);
    let words: Vec<&str> = fence
        .info
        .split([',', ' '])
        .filter(|w| !w.is_empty())
        .collect();
    let chosen = words.iter().find_map(|w| w.strip_prefix("output="));
    let outputs = recorded_outputs(&crate_path);
    let same_crate = |t: &Target| t.crate_dir == target.crate_dir;
    let output = chosen.map(str::to_string).or_else(|| {
        let after = shown_outputs
            .iter()
            .find(|(i, t)| *i > fence.open && same_crate(t));
        let before = shown_outputs
            .iter()
            .rev()
            .find(|(i, t)| *i < fence.open && same_crate(t));
        after
            .or(before)
            .map(|(_, t)| t.file.clone())
            .or_else(|| outputs.first().cloned())
    });
    // An excerpt of a test runs with `cargo test`, not the listing's command.
    let test_file = target
        .file
        .strip_prefix("tests/")
        .and_then(|f| f.strip_suffix(".rs"));
    let output = if test_file.is_some() { None } else { output };
    let command = match (target.kind, &output) {
        ("exercise", _) => format!("cargo test -p {}", target.name),
        (_, None) if test_file.is_some() => format!(
            "cargo test -p {} --test {}",
            target.name,
            test_file.unwrap_or_default()
        ),
        (_, Some(file)) => std::fs::read_to_string(crate_path.join(file))
            .ok()
            .and_then(|t| {
                t.lines()
                    .next()
                    .map(|l| l.trim_start_matches("$ ").to_string())
            })
            .unwrap_or_else(|| format!("cargo run -p {}", target.name)),
        (_, None) => format!("cargo test -p {}", target.name),
    };
    let editable = words.contains(&"editable");
    let mut fence_info: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !w.starts_with("output="))
        .collect();
    if !fence_info.contains(&"noplayground") {
        fence_info.insert(1, "noplayground");
    }
    let runnable = target.kind == "listing" && output.is_some();
    let mut attrs = format!(
        "class=\"listing\" data-kind=\"{}\" data-crate=\"{}\" data-dir=\"{}\" data-file=\"{}\" data-command=\"{}\"",
        target.kind,
        escape_attr(&target.name),
        escape_attr(&target.crate_dir),
        escape_attr(&target.file),
        escape_attr(&command),
    );
    if let Some(anchor) = &target.anchor {
        attrs.push_str(&format!(" data-anchor=\"{}\"", escape_attr(anchor)));
    }
    if runnable {
        let file = output.as_deref().unwrap_or_default();
        attrs.push_str(&format!(" data-output=\"{}\"", escape_attr(file)));
    }
    if editable {
        attrs.push_str(" data-editable=\"true\"");
    }
    let playground = runnable && single_std_file(&crate_path) && target.file == "src/main.rs";
    if playground {
        // The whole file travels with the page, so the public playground can
        // run it on a site without the local runner.
        let source = std::fs::read_to_string(crate_path.join(&target.file)).unwrap_or_default();
        attrs.push_str(&format!(
            " data-source=\"{}\"",
            escape_attr(&source).replace('\n', "&#10;")
        ));
    }
    let indent = fence.indent;
    let mut block = format!("{indent}<div {attrs}>\n\n");
    block.push_str(&format!("{indent}```{}\n", fence_info.join(",")));
    for line in &fence.body {
        block.push_str(line);
        block.push('\n');
    }
    block.push_str(&format!("{indent}```\n\n"));
    block.push_str(&format!("{indent}</div>"));
    block
}

/// Expands `{{#exercise dir}}` and `{{#solution dir}}`; other lines pass through.
/// The `{{#measured <output> "<start>"}}` directives of a line (anywhere in
/// it), each replaced by the one line of the recorded output that starts
/// with `<start>`, as inline code. A cheat sheet quotes a number this way:
/// it is the number the listing printed at the last check, never a copy.
/// No such line, or more than one, is an error that names the output.
fn expand_measured(line: &str, chapter_dir: &Path) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("{{#measured ") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "{{#measured ".len()..];
        let end = after
            .find("}}")
            .ok_or_else(|| format!("`{{{{#measured` without its closing braces: {line}"))?;
        let (file, start) = measured_args(&after[..end])
            .ok_or_else(|| format!("`{{{{#measured {}}}}}`: write `{{{{#measured <output file> \"<start of the line>\"}}}}`", &after[..end]))?;
        out.push_str(&format!(
            "`{}`",
            measured_line(&chapter_dir.join(file), &start)?
        ));
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// `<file> "<start>"` of a `{{#measured}}` directive.
fn measured_args(args: &str) -> Option<(&str, String)> {
    let (file, quoted) = args.trim().split_once(char::is_whitespace)?;
    let start = quoted.trim().strip_prefix('"')?.strip_suffix('"')?;
    (!start.is_empty()).then(|| (file, start.to_string()))
}

/// The one line of the recorded output `path` (its command line left out)
/// that starts with `start`, trimmed.
fn measured_line(path: &Path, start: &str) -> Result<String, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("`{{{{#measured}}}}`: cannot read {}: {e}", path.display()))?;
    let found: Vec<&str> = text
        .lines()
        .skip(1)
        .map(str::trim)
        .filter(|l| l.starts_with(start))
        .collect();
    match found.as_slice() {
        [one] => Ok(one.to_string()),
        [] => Err(format!(
            "`{{{{#measured}}}}`: no line of {} starts with {start:?}; the listing's output changed, so quote a line it prints now",
            path.display()
        )),
        more => Err(format!(
            "`{{{{#measured}}}}`: {} lines of {} start with {start:?}; quote more of the line so that one matches",
            more.len(),
            path.display()
        )),
    }
}

/// A recorded figure's first line is the command that drew it (see
/// `figures.rs`); the page includes the SVG from its second line, so the
/// HTML holds no processing instruction for a parser to trip on.
fn figure_without_command(line: &str) -> Option<String> {
    let (_, arg) = directive(line, &["include"])?;
    let file = arg.rsplit('/').next()?;
    (file.starts_with("figure-") && file.ends_with(".svg"))
        .then(|| line.replacen(arg, &format!("{arg}:2:"), 1))
}

fn expand_line(line: &str, root: &Path, chapter_dir: &Path) -> Result<String, String> {
    if let Some(figure) = figure_without_command(line) {
        return Ok(figure);
    }
    let Some((name, arg)) = directive(line, &["exercise", "solution"]) else {
        return expand_measured(line, chapter_dir);
    };
    let dir = normalize(&chapter_dir.join(arg));
    let exercise = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let rel = dir
        .strip_prefix(normalize(root))
        .map(|p| p.display().to_string())
        .map_err(|_| format!("`{{{{#{name} {arg}}}}}` points outside the book"))?;
    let solution_path = dir.join("solution/lib.rs");
    if !dir.join("Cargo.toml").is_file() || !solution_path.is_file() {
        return Err(format!(
            "`{{{{#{name} {arg}}}}}`: {rel} is not an exercise (it needs Cargo.toml and solution/lib.rs)"
        ));
    }
    if name == "exercise" {
        // The stub as the reader's editor opens it, without the anchor lines
        // that only tell the book which parts to show elsewhere.
        let stub_path = dir.join("src/lib.rs");
        let stub = std::fs::read_to_string(&stub_path)
            .map_err(|e| format!("{}: {e}", stub_path.display()))?;
        let stub: String = stub
            .lines()
            .filter(|l| !l.contains("ANCHOR:") && !l.contains("ANCHOR_END:"))
            .map(|l| format!("{l}\n"))
            .collect();
        let arg = arg.trim_end_matches('/');
        let mut tests = String::new();
        for file in crate::files_under(&dir.join("tests"), |n| n.ends_with(".rs")) {
            let name = file
                .strip_prefix(&dir)
                .unwrap_or(&file)
                .display()
                .to_string();
            tests.push_str(&format!(
                "<details class=\"exercise-tests\"><summary>The tests your code must pass ({name})</summary>\n\n```rust,noplayground\n{{{{#include {arg}/{name}}}}}\n```\n\n</details>\n\n"
            ));
        }
        Ok(format!(
            "<div class=\"exercise\" data-exercise=\"{e}\" data-dir=\"{d}\" data-command=\"cargo test -p {e}\">\n\n```rust,noplayground,editable\n{stub}```\n\n{tests}</div>",
            e = escape_attr(&exercise),
            d = escape_attr(&rel),
        ))
    } else {
        let solution = std::fs::read_to_string(&solution_path)
            .map_err(|e| format!("{}: {e}", solution_path.display()))?;
        let shown = crate::exercises::solution_for_display(&solution)
            .map_err(|e| format!("{rel}/solution/lib.rs: {e}"))?;
        Ok(format!("```rust,noplayground\n{}```", shown))
    }
}

/// What one chapter's directives name, read the way the preprocessor reads
/// them: the listing and exercise crates of its `{{#include}}` and
/// `{{#rustdoc_include}}` lines (excerpts and recorded outputs), its
/// `{{#quiz}}` files, and its `{{#exercise}}` and `{{#solution}}` folders.
/// Paths are relative to `root`, sorted, without repeats.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ChapterParts {
    pub listings: Vec<String>,
    pub quizzes: Vec<String>,
    pub exercises: Vec<String>,
}

pub fn chapter_parts(root: &Path, chapter: &Path) -> Result<ChapterParts, String> {
    let text =
        std::fs::read_to_string(chapter).map_err(|e| format!("{}: {e}", chapter.display()))?;
    let dir = chapter.parent().unwrap_or(root);
    let relative = |arg: &str| {
        normalize(&dir.join(arg.trim().trim_end_matches('/')))
            .strip_prefix(normalize(root))
            .ok()
            .map(|p| p.display().to_string())
    };
    let mut parts = ChapterParts::default();
    for line in text.lines() {
        for (at, _) in line.match_indices("{{#measured ") {
            let args = &line[at + "{{#measured ".len()..];
            let args = args.split("}}").next().unwrap_or(args);
            if let Some(t) = measured_args(args).and_then(|(file, _)| resolve(root, dir, file)) {
                parts.listings.push(t.crate_dir);
            }
        }
        let names = ["include", "rustdoc_include", "quiz", "exercise", "solution"];
        let Some((name, arg)) = directive(line, &names) else {
            continue;
        };
        match name {
            "quiz" => parts.quizzes.extend(relative(arg)),
            "exercise" | "solution" => parts.exercises.extend(relative(arg)),
            _ => match resolve(root, dir, arg) {
                Some(t) if t.kind == "listing" => parts.listings.push(t.crate_dir),
                Some(t) => parts.exercises.push(t.crate_dir),
                None => {}
            },
        }
    }
    for list in [
        &mut parts.listings,
        &mut parts.quizzes,
        &mut parts.exercises,
    ] {
        list.sort();
        list.dedup();
    }
    Ok(parts)
}

/// The "Predict first" rule over every chapter: an output after the prompt
/// is hidden (`reveal`) until the reader asks for it.
pub fn check_chapters(root: &Path, report: &mut Report) {
    let chapters = crate::files_under(&root.join("src"), |n| n.ends_with(".md"));
    check_pages(root, &chapters, report);
}

/// The "Predict first" rule over the pages `chapters`.
pub fn check_pages(root: &Path, chapters: &[PathBuf], report: &mut Report) {
    let mut bad = 0;
    let mut anchors = anchors_reader(root);
    for path in chapters {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let name = crate::relative(root, path);
        for problem in predictions_not_hidden(&text) {
            bad += 1;
            report.record(
                false,
                &format!("{name}: {problem}"),
                "hide the output: write its fence as ```console,reveal (see CONTRIBUTING.md, \"Predict, then reveal\")",
            );
        }
        for problem in answers_in_sight(path, &text) {
            bad += 1;
            report.record(
                false,
                &format!("{name}: {problem}"),
                "move the prose that discusses the output into the <div class=\"reveal\"> with it (CONTRIBUTING.md, \"Predict, then reveal\")",
            );
        }
        for problem in end_quiz_repeats(root, path, &text) {
            bad += 1;
            report.record(
                false,
                &format!("{name}: {problem}"),
                "ask it before the output instead, as an inline quiz right before the hidden output, and give the end-of-chapter quiz a question the page does not answer (see CONTRIBUTING.md, \"Quizzes\")",
            );
        }
        let page = path.strip_prefix(root.join("src")).unwrap_or(path);
        for problem in broken_anchor_links(page, &text, &mut anchors) {
            bad += 1;
            report.record(
                false,
                &format!("{name}: {problem}"),
                "point the link at a heading that exists (its id is the heading in lower case, spaces as -, punctuation dropped); for a glossary term, add it to src/glossary.md as a `### Term` heading",
            );
        }
    }
    if bad == 0 {
        report.record(
            true,
            &format!(
                "every output after a \"Predict first\" prompt is hidden, no end-of-chapter question asks for a printed line, every link to a heading finds it ({} pages)",
                chapters.len()
            ),
            "",
        );
    }
}

/// The heading of the section that holds a chapter's end-of-chapter quiz.
const QUIZ_HEADING: &str = "## Quiz";

/// Questions of the end-of-chapter quiz (every `{{#quiz}}` after the
/// `## Quiz` heading) whose answer the page has already printed: a question
/// checked against an output the page includes, or an answer that is a line
/// of one. Predicting must come before the output, so such a question
/// belongs inline, before the hidden output (CONTRIBUTING.md, "Quizzes").
pub fn end_quiz_repeats(root: &Path, page: &Path, text: &str) -> Vec<String> {
    let dir = page.parent().unwrap_or(Path::new("."));
    let resolve = |arg: &str| {
        let file = arg.split(':').next().unwrap_or(arg).trim();
        normalize(&dir.join(file))
    };
    let lines: Vec<&str> = text.lines().collect();
    let quiz_at = lines
        .iter()
        .position(|l| l.trim_end() == QUIZ_HEADING)
        .unwrap_or(lines.len());
    let shown: Vec<PathBuf> = lines
        .iter()
        .filter_map(|l| directive(l, &["include"]))
        .map(|(_, arg)| resolve(arg))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("output") && n.ends_with(".txt"))
        })
        .collect();
    let printed: Vec<(PathBuf, Vec<String>)> = shown
        .iter()
        .filter_map(|p| {
            let body = std::fs::read_to_string(p).ok()?;
            // The first line of a recorded output is the command that printed it.
            let lines = body.lines().skip(1).map(|l| l.trim().to_string());
            Some((p.clone(), lines.filter(|l| !l.is_empty()).collect()))
        })
        .collect();
    let mut problems = Vec::new();
    for quiz in lines[quiz_at..]
        .iter()
        .filter_map(|l| directive(l, &["quiz"]))
        .map(|(_, arg)| resolve(arg))
    {
        let Ok(toml) = std::fs::read_to_string(&quiz) else {
            continue; // The book step names a missing quiz file.
        };
        let Ok(parsed) = toml.parse::<toml::Table>() else {
            continue; // The answers step names a malformed one.
        };
        let questions = parsed.get("questions").and_then(|q| q.as_array());
        for (n, q) in questions.into_iter().flatten().enumerate() {
            let at = format!("question {} of {}", n + 1, crate::relative(root, &quiz));
            let checked = q
                .get("check")
                .and_then(|c| c.get("output"))
                .and_then(|o| o.as_str())
                .map(|o| normalize(&root.join(o)));
            if let Some(output) = checked.filter(|o| shown.contains(o)) {
                problems.push(format!(
                    "{at} is checked against {}, which the page shows above the quiz",
                    crate::relative(root, &output)
                ));
                continue;
            }
            for answer in crate::quiz::strings(q.get("answer").and_then(|a| a.get("answer"))) {
                let answer = crate::quiz::plain(&answer);
                if answer.is_empty() {
                    continue;
                }
                if let Some((output, _)) = printed.iter().find(|(_, lines)| {
                    lines.contains(&answer)
                        || (answer.contains('\n') && lines.join("\n").contains(&answer))
                }) {
                    problems.push(format!(
                        "{at}: its answer {:?} is printed by {}, which the page shows above the quiz",
                        answer.lines().next().unwrap_or(""),
                        crate::relative(root, output)
                    ));
                }
            }
        }
    }
    problems
}

/// mdBook's id for a heading: its text in lower case, letters, digits, `-`
/// and `_` kept, spaces turned into `-`, everything else dropped.
fn heading_id(heading: &str) -> String {
    heading
        .trim()
        .chars()
        .filter_map(|c| match c {
            c if c.is_whitespace() => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// The anchors a page's headings get from mdBook: each heading's id (its
/// rendered text, `heading_id`), a repeated id numbered `-1`, `-2`, ...; plus
/// every `id="..."` written in its HTML.
pub fn page_anchors(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let fences = fences(&lines);
    let in_fence = |i: usize| fences.iter().any(|f| f.open <= i && i <= f.close);
    let mut anchors: Vec<String> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if in_fence(i) {
            continue;
        }
        let hashes = line.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
            let id = heading_id(&link_text_only(&line[hashes..]));
            let mut unique = id.clone();
            let mut n = 0;
            while anchors.contains(&unique) {
                n += 1;
                unique = format!("{id}-{n}");
            }
            anchors.push(unique);
        }
        for (at, _) in line.match_indices("id=\"") {
            let rest = &line[at + 4..];
            if let Some(end) = rest.find('"') {
                anchors.push(rest[..end].to_string());
            }
        }
    }
    anchors
}

/// `[text](url)` as `text`, as a heading renders it.
fn link_text_only(markdown: &str) -> String {
    let mut out = String::new();
    let mut rest = markdown;
    while let Some(open) = rest.find('[') {
        let Some(mid) = rest[open..].find("](") else {
            break;
        };
        let Some(close) = rest[open + mid..].find(')') else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..open + mid]);
        rest = &rest[open + mid + close + 1..];
    }
    out.push_str(rest);
    out
}

/// Links from the page at `page` (a path under `src/`) to `other.md#anchor`
/// or `#anchor` whose anchor the target page does not have, outside code.
/// `anchors_of` reads a page's anchors (None: no such page).
pub fn broken_anchor_links(
    page: &Path,
    text: &str,
    anchors_of: &mut dyn FnMut(&Path) -> Option<Vec<String>>,
) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let fences = fences(&lines);
    let in_fence = |i: usize| fences.iter().any(|f| f.open <= i && i <= f.close);
    let mut problems = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if in_fence(i) {
            continue;
        }
        for (at, _) in line.match_indices("](") {
            let url: String = line[at + 2..]
                .chars()
                .take_while(|c| *c != ')' && !c.is_whitespace())
                .collect();
            if url.contains("://") || url.starts_with("mailto:") {
                continue;
            }
            let Some((file, anchor)) = url.split_once('#') else {
                continue;
            };
            if !(file.is_empty() || file.ends_with(".md")) {
                continue;
            }
            let target = if file.is_empty() {
                page.to_path_buf()
            } else {
                page.parent().unwrap_or(Path::new("")).join(file)
            };
            match anchors_of(&target) {
                None => problems.push(format!(
                    "line {}: a link to {url}, a page that does not exist",
                    i + 1
                )),
                Some(anchors) if !anchors.iter().any(|a| a == anchor) => problems.push(format!(
                    "line {}: a link to {url}, but {} has no heading with the id `{anchor}`",
                    i + 1,
                    if file.is_empty() { "this page" } else { file }
                )),
                Some(_) => {}
            }
        }
    }
    problems
}

/// Reads pages' anchors once each, by path under src/ (`..` resolved).
fn anchors_reader(root: &Path) -> impl FnMut(&Path) -> Option<Vec<String>> + use<> {
    let src = root.join("src");
    let mut cache: std::collections::HashMap<PathBuf, Option<Vec<String>>> = Default::default();
    move |page: &Path| {
        let mut normal = PathBuf::new();
        for part in page.components() {
            match part {
                std::path::Component::ParentDir => {
                    normal.pop();
                }
                std::path::Component::CurDir => {}
                other => normal.push(other),
            }
        }
        cache
            .entry(normal.clone())
            .or_insert_with(|| {
                std::fs::read_to_string(src.join(&normal))
                    .ok()
                    .map(|t| page_anchors(&t))
            })
            .clone()
    }
}

/// Whether a fence shows a program's output: a console or text block with
/// more than commands in it, or the include of a recorded output.
fn shows_output(fence: &Fence) -> bool {
    let kind = fence.info.split([',', ' ']).next().unwrap_or("");
    // A console block that only shows commands to type is not an output.
    let commands_only = fence
        .body
        .iter()
        .all(|l| l.trim().is_empty() || l.starts_with("$ "));
    (matches!(kind, "console" | "text") && !commands_only)
        || fence.body.iter().any(|l| {
            directive(l, &["include"]).is_some_and(|(_, a)| {
                let file = a.rsplit('/').next().unwrap_or(a);
                file.starts_with("output") && file.contains(".txt")
            })
        })
}

/// For each line, whether it is inside a `<div class="<class>">`.
fn inside_div(lines: &[&str], class: &str) -> Vec<bool> {
    let opening = format!("<div class=\"{class}\"");
    let mut inside = vec![false; lines.len()];
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        if line.trim_start().starts_with(&opening) {
            open = true;
        } else if open && line.trim() == "</div>" {
            open = false;
        }
        inside[i] = open;
    }
    inside
}

/// The numbers in `text` worth matching: two digits or more, or with a
/// decimal point; thousands separators dropped (`1,000` is `1000`).
fn numbers(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit()
            && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_'));
        if !starts {
            i += 1;
            continue;
        }
        let mut token = String::new();
        while i < chars.len() {
            let c = chars[i];
            let joins = matches!(c, ',' | '.' | '_')
                && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
            if c.is_ascii_digit() || c == '.' && joins {
                token.push(c);
            } else if !joins {
                break;
            }
            i += 1;
        }
        let letters_follow = chars.get(i).is_some_and(|c| c.is_alphabetic() || *c == '_');
        if !letters_follow && (token.len() >= 2 || token.contains('.')) {
            found.push(token);
        }
    }
    found
}

/// Visible text after a hidden output that gives the output away: a number
/// the output prints, that the page has not shown before the output, in
/// prose between the output and the next heading or prompt that is not
/// hidden with it (`<div class="reveal">`). Such prose belongs inside the
/// reveal. `page` is the page's path, for reading the files it includes.
pub fn answers_in_sight(page: &Path, text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let fences = fences(&lines);
    let in_fence = |i: usize| fences.iter().any(|f| f.open <= i && i <= f.close);
    let prompt = |i: usize| !in_fence(i) && lines[i].contains("**Predict first.**");
    let revealed = inside_div(&lines, "reveal");
    let solution = inside_div(&lines, "solution");
    let dir = page.parent().unwrap_or(Path::new("."));
    let included = |line: &str| -> String {
        directive(line, &["include"])
            .map(|(_, arg)| {
                let file = arg.split(':').next().unwrap_or(arg);
                std::fs::read_to_string(dir.join(file)).unwrap_or_default()
            })
            .unwrap_or_default()
    };
    let mut problems = Vec::new();
    for start in (0..lines.len()).filter(|&i| prompt(i)) {
        let next_prompt = (start + 1..lines.len())
            .find(|&i| prompt(i))
            .unwrap_or(lines.len());
        let Some(output) = fences
            .iter()
            .find(|f| f.open > start && f.open < next_prompt && shows_output(f))
        else {
            continue;
        };
        // What the reader has seen: the page up to the output, with the
        // code and outputs it includes.
        let mut seen = String::new();
        for line in &lines[..output.open] {
            seen.push_str(line);
            seen.push('\n');
            seen.push_str(&included(line));
        }
        // "Twelve jobs" in the prompt shows the reader 12.
        const WORDS: [&str; 19] = [
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ];
        let lower = seen.to_lowercase();
        let mut seen: std::collections::HashSet<String> = numbers(&seen).into_iter().collect();
        for (n, word) in WORDS.iter().enumerate() {
            if lower
                .split(|c: char| !c.is_alphabetic())
                .any(|w| w == *word)
            {
                seen.insert((n + 2).to_string());
            }
        }
        // What the output shows: the lines its include names (mdBook's
        // `file:start:end`, 1-based and inclusive), without the command.
        let printed: String = output
            .body
            .iter()
            .map(|l| {
                let Some((_, arg)) = directive(l, &["include"]) else {
                    return l.to_string();
                };
                let mut parts = arg.split(':');
                let file = parts.next().unwrap_or(arg);
                let text = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
                let all: Vec<&str> = text.lines().collect();
                let bound = |p: Option<&str>| p.and_then(|n| n.trim().parse::<usize>().ok());
                let from = bound(parts.next()).unwrap_or(1).max(1);
                let to = bound(parts.next()).unwrap_or(all.len()).min(all.len());
                all.iter()
                    .enumerate()
                    .filter(|(i, line)| {
                        *i + 1 >= from && *i < to && !(*i == 0 && line.starts_with("$ "))
                    })
                    .map(|(_, line)| *line)
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect::<Vec<_>>()
            .join("\n");
        let answers: Vec<String> = numbers(&printed)
            .into_iter()
            .filter(|n| !seen.contains(n))
            .collect();
        // Up to the next heading, prompt or callout ("In production" and
        // the like are about the idea, not this run).
        let end = (output.close + 1..lines.len())
            .find(|&i| {
                !in_fence(i)
                    && (lines[i].starts_with('#') || prompt(i) || lines[i].starts_with("> [!"))
            })
            .unwrap_or(lines.len());
        for i in output.close + 1..end {
            if in_fence(i) || revealed[i] || solution[i] {
                continue;
            }
            let visible: Vec<String> = numbers(lines[i])
                .into_iter()
                .filter(|n| answers.contains(n))
                .collect();
            if let Some(n) = visible.first() {
                problems.push(format!(
                    "line {}: `{n}`, printed by the output the prompt on line {} hides, is in plain sight below it",
                    i + 1,
                    start + 1
                ));
                break;
            }
        }
    }
    problems
}

/// Problems with the outputs that follow each "Predict first" prompt. The
/// first output after the prompt is its answer, wherever it is; it and every
/// other output up to the next heading must carry `reveal`. A prompt that an
/// inline quiz answers needs no hidden output.
pub fn predictions_not_hidden(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let fences = fences(&lines);
    let in_fence = |i: usize| fences.iter().any(|f| f.open < i && i < f.close);
    let prompt = |i: usize| !in_fence(i) && lines[i].contains("**Predict first.**");
    let in_reveal_div = inside_div(&lines, "reveal");
    let hidden = |fence: &Fence| {
        in_reveal_div[fence.open] || fence.info.split([',', ' ']).any(|w| w == "reveal")
    };
    let editable = |fence: &Fence| fence.info.split([',', ' ']).any(|w| w == "editable");
    let mut problems = Vec::new();
    for start in (0..lines.len()).filter(|&i| prompt(i)) {
        let next_prompt = (start + 1..lines.len())
            .find(|&i| prompt(i))
            .unwrap_or(lines.len());
        let heading = (start + 1..lines.len())
            .find(|&i| !in_fence(i) && lines[i].starts_with('#'))
            .unwrap_or(lines.len());
        let quiz = (start..next_prompt)
            .take_while(|&i| !fences.iter().any(|f| f.open == i && shows_output(f)))
            .any(|i| lines[i].contains("{{#quiz"));
        let outputs: Vec<&Fence> = fences
            .iter()
            .filter(|f| f.open > start && f.open < next_prompt && shows_output(f))
            .collect();
        // A prompt to predict what an edit changes is answered by running it.
        let answer_at = outputs.first().map_or(next_prompt, |f| f.open);
        if fences
            .iter()
            .any(|f| f.open > start && f.open < answer_at && editable(f))
        {
            continue;
        }
        let Some(first) = outputs.first() else {
            if !quiz {
                problems.push(format!(
                    "line {}: a \"Predict first\" prompt with no output after it to reveal (and no inline quiz)",
                    start + 1
                ));
            }
            continue;
        };
        for fence in outputs
            .iter()
            .filter(|f| f.open == first.open || f.open < heading)
        {
            if !hidden(fence) && !quiz {
                problems.push(format!(
                    "line {}: the output after the \"Predict first\" prompt on line {} is shown before the reader predicts",
                    fence.open + 1,
                    start + 1
                ));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> PathBuf {
        crate::project_root()
    }

    // A figure is included from its second line: the command line stays
    // in the file, out of the page.
    #[test]
    fn figures_are_included_without_their_command() {
        let line = "{{#include ../../listings/03-x/demo/figure-ring.svg}}";
        assert_eq!(
            figure_without_command(line).as_deref(),
            Some("{{#include ../../listings/03-x/demo/figure-ring.svg:2:}}")
        );
        assert_eq!(
            figure_without_command("{{#include ../../listings/03-x/demo/output.txt}}"),
            None
        );
        assert_eq!(
            figure_without_command("{{#include ../../listings/03-x/demo/ring.svg}}"),
            None
        );
    }

    // A page whose end-of-chapter quiz asks for a line the page printed is
    // caught, by the question's check and by its answer alone; the same
    // question placed before the output (inline) is not.
    #[test]
    fn end_quiz_may_not_ask_for_printed_lines() {
        let root = std::env::temp_dir().join(format!("sdr-endquiz-{}", std::process::id()));
        let src = root.join("src/01-x");
        std::fs::create_dir_all(&src).unwrap();
        std::fs::create_dir_all(root.join("quizzes/01-x")).unwrap();
        std::fs::create_dir_all(root.join("listings/01-x/demo")).unwrap();
        std::fs::write(
            root.join("listings/01-x/demo/output.txt"),
            "$ cargo run -p demo\ncounter: 41\ndone\n",
        )
        .unwrap();
        let checked = "[[questions]]\ntype = \"MultipleChoice\"\nanswer.answer = \"`counter: 41`\"\ncheck.output = \"listings/01-x/demo/output.txt\"\n";
        let by_answer = "[[questions]]\ntype = \"ShortAnswer\"\nanswer.answer = \"done\"\n";
        let fresh = "[[questions]]\ntype = \"ShortAnswer\"\nanswer.answer = \"counter: 40\"\n";
        std::fs::write(root.join("quizzes/01-x/checked.toml"), checked).unwrap();
        std::fs::write(root.join("quizzes/01-x/by-answer.toml"), by_answer).unwrap();
        std::fs::write(root.join("quizzes/01-x/fresh.toml"), fresh).unwrap();
        let page = src.join("x.md");
        let output = "```console,reveal\n{{#include ../../listings/01-x/demo/output.txt}}\n```\n";
        let at_end = |quiz: &str| {
            format!("{output}\n## Quiz\n\n{{{{#quiz ../../quizzes/01-x/{quiz}.toml}}}}\n")
        };
        let inline =
            format!("{{{{#quiz ../../quizzes/01-x/checked.toml}}}}\n\n{output}\n## Quiz\n");

        let found = end_quiz_repeats(&root, &page, &at_end("checked"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("question 1 of quizzes/01-x/checked.toml is checked against listings/01-x/demo/output.txt"), "{found:?}");
        let found = end_quiz_repeats(&root, &page, &at_end("by-answer"));
        assert!(
            found.len() == 1 && found[0].contains("its answer \"done\" is printed by"),
            "{found:?}"
        );
        assert_eq!(
            end_quiz_repeats(&root, &page, &at_end("fresh")),
            Vec::<String>::new()
        );
        assert_eq!(
            end_quiz_repeats(&root, &page, &inline),
            Vec::<String>::new()
        );
        std::fs::remove_dir_all(&root).ok();
    }

    // A cheat sheet quotes a measured line by its start; a start that
    // matches no line, or several, fails and names the output.
    #[test]
    fn measured_quotes_one_line_of_an_output() {
        let dir = std::env::temp_dir().join(format!("sdr-measured-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("output.txt"),
            "$ cargo run -p demo\n  p99: 12 ms\n  p50: 3 ms\n",
        )
        .unwrap();
        let line =
            "- tail: {{#measured output.txt \"p99\"}} (median {{#measured output.txt \"p50:\"}})";
        assert_eq!(
            expand_measured(line, &dir).unwrap(),
            "- tail: `p99: 12 ms` (median `p50: 3 ms`)"
        );
        let none = expand_measured("{{#measured output.txt \"p95\"}}", &dir).unwrap_err();
        assert!(
            none.contains("no line of") && none.contains("\"p95\""),
            "{none}"
        );
        let two = expand_measured("{{#measured output.txt \"p\"}}", &dir).unwrap_err();
        assert!(two.contains("2 lines of"), "{two}");
        // The command line is not an output line.
        assert!(expand_measured("{{#measured output.txt \"$ cargo\"}}", &dir).is_err());
        assert!(
            expand_measured("{{#measured output.txt p99}}", &dir)
                .unwrap_err()
                .contains("write `")
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    // Prose under a hidden output that quotes a number it prints gives the
    // answer away; inside the reveal, after a callout, or a number shown
    // before the output (in digits or words), it does not.
    #[test]
    fn numbers_from_a_hidden_output_must_not_be_in_sight() {
        assert_eq!(
            numbers("took 1,250 ms, 66.7% hit, v2 and 7 and 42x"),
            vec!["1250", "66.7"]
        );
        let dir = std::env::temp_dir().join(format!("sight-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("output.txt"),
            "$ cargo run -p x\nstopped at 300 ms after 12 jobs\n",
        )
        .unwrap();
        let page = dir.join("page.md");
        let prompt = "> [!TIP]\n> **Predict first.** Twelve jobs: when does it stop?\n\n```console,reveal\n{{#include output.txt}}\n```\n\n";
        let leak = format!("{prompt}It stops at 300 ms.\n");
        assert_eq!(
            answers_in_sight(&page, &leak),
            vec![
                "line 8: `300`, printed by the output the prompt on line 2 hides, is in plain sight below it"
            ]
        );
        for fine in [
            format!("{prompt}All 12 jobs ran.\n"),
            format!("{prompt}> [!NOTE]\n> **In production.** about 300 ms.\n"),
            format!("{prompt}## Next\n\nIt stops at 300 ms.\n"),
            prompt.replace("```console,reveal", "<div class=\"reveal\">\n\n```console")
                + "It stops at 300 ms.\n\n</div>\n",
        ] {
            assert!(answers_in_sight(&page, &fine).is_empty(), "{fine}");
        }
        // A ranged include shows only its lines: 300 is on line 2, not shown.
        std::fs::write(
            dir.join("output.txt"),
            "$ cargo run -p x\nstopped at 300 ms\nafter 45 jobs\n",
        )
        .unwrap();
        let ranged = prompt.replace("{{#include output.txt}}", "{{#include output.txt:3:3}}");
        assert!(answers_in_sight(&page, &format!("{ranged}It stops at 300 ms.\n")).is_empty());
        assert_eq!(
            answers_in_sight(&page, &format!("{ranged}All 45 jobs.\n")).len(),
            1
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    // A link to `page.md#anchor` must find a heading of that page with that
    // id, as mdBook makes it; a broken one is named with its line.
    #[test]
    fn anchor_links_need_their_heading() {
        assert_eq!(heading_id("LSM tree"), "lsm-tree");
        assert_eq!(heading_id("R + W > N (quorum)"), "r--w--n-quorum");
        let glossary = "# Glossary\n\n### LSM tree\n\n### `Relaxed` [ordering](x.md)\n## Intro\n## Intro\n```\n# not a heading\n```\n<div id=\"made\"></div>\n";
        assert_eq!(
            page_anchors(glossary),
            vec![
                "glossary",
                "lsm-tree",
                "relaxed-ordering",
                "intro",
                "intro-1",
                "made"
            ]
        );
        let mut pages = |p: &Path| -> Option<Vec<String>> {
            match p.to_str()? {
                "01-x/../glossary.md" => Some(page_anchors(glossary)),
                "01-x/a.md" => Some(vec!["here".into()]),
                _ => None,
            }
        };
        let page = Path::new("01-x/a.md");
        let text = "an [LSM tree](../glossary.md#lsm-tree), [up](#here), [web](https://e.org/#x)\n\
                    a [B-tree](../glossary.md#b-tree)\n\
                    [gone](b.md#any) and [no](#there)\n\
                    ```\n[in code](#nowhere)\n```\n";
        assert_eq!(
            broken_anchor_links(page, text, &mut pages),
            vec![
                "line 2: a link to ../glossary.md#b-tree, but ../glossary.md has no heading with the id `b-tree`",
                "line 3: a link to b.md#any, a page that does not exist",
                "line 3: a link to #there, but this page has no heading with the id `there`",
            ]
        );
        // The reader resolves `..` against src/ and finds the real glossary.
        let mut real = anchors_reader(&root());
        let anchors = real(Path::new("04-data/../glossary.md")).expect("src/glossary.md");
        assert!(anchors.contains(&"sstable".to_string()), "{anchors:?}");
    }

    // An include in a chapter resolves to its crate, file and anchor.
    #[test]
    fn resolves_listing_includes() {
        let dir = root().join("src/04-data");
        let t = resolve(
            &root(),
            &dir,
            "../../listings/04-data/bloom-filter/src/lib.rs:insert",
        )
        .unwrap();
        assert_eq!(t.kind, "listing");
        assert_eq!(t.name, "bloom-filter");
        assert_eq!(t.crate_dir, "listings/04-data/bloom-filter");
        assert_eq!(t.file, "src/lib.rs");
        assert_eq!(t.anchor.as_deref(), Some("insert"));
        let lines = resolve(
            &root(),
            &dir,
            "../../listings/04-data/bloom-filter/src/lib.rs:3:9",
        );
        assert_eq!(lines.unwrap().anchor, None);
        assert!(resolve(&root(), &dir, "../SUMMARY.md").is_none());
    }

    // A listing excerpt is wrapped with its crate and command, and made noplayground.
    #[test]
    fn wraps_listing_excerpts() {
        let dir = root().join("src/05-resilience");
        let md = "Text\n\n```rust,editable\n{{#include ../../listings/05-resilience/circuit-breaker/src/scenario.rs:naive}}\n```\n\n```console,reveal\n{{#include ../../listings/05-resilience/circuit-breaker/output-naive.txt}}\n```\n";
        let out = transform(md, &root(), &dir, None).unwrap();
        assert!(out.contains("<div class=\"listing\""), "{out}");
        assert!(out.contains("data-crate=\"circuit-breaker\""), "{out}");
        assert!(out.contains("data-anchor=\"naive\""), "{out}");
        assert!(out.contains("data-output=\"output-naive.txt\""), "{out}");
        assert!(out.contains("data-editable=\"true\""), "{out}");
        assert!(out.contains("```rust,noplayground,editable\n"), "{out}");
        // The output fence is not a listing excerpt and stays as written.
        assert!(out.contains("```console,reveal\n{{#include"), "{out}");
        assert!(!out.contains("course-runner"));
        let served = RunnerPage {
            url: "http://127.0.0.1:1".into(),
        };
        let out = transform(md, &root(), &dir, Some(&served)).unwrap();
        assert!(out.contains("data-url=\"http://127.0.0.1:1\""), "{out}");
        assert!(!out.contains("secret"), "{out}");
    }

    // A one-file std-only listing carries its whole source for the public
    // playground; a listing with dependencies or more files does not.
    #[test]
    fn single_file_listings_carry_their_source() {
        let root = std::env::temp_dir().join(format!("sdr-preprocess-{}", std::process::id()));
        let krate = root.join("listings/00-start-here/greeter");
        std::fs::create_dir_all(krate.join("src")).unwrap();
        std::fs::write(
            krate.join("Cargo.toml"),
            "[package]\nname = \"greeter\"\n[dependencies]\n",
        )
        .unwrap();
        let main = "fn main() {\n    // ANCHOR: greet\n    println!(\"<hi> & \\\"you\\\"\");\n    // ANCHOR_END: greet\n}\n";
        std::fs::write(krate.join("src/main.rs"), main).unwrap();
        std::fs::write(krate.join("output.txt"), "$ cargo run -p greeter\n<hi>\n").unwrap();
        let dir = root.join("src/00-start-here");
        let md = "```rust,editable\n{{#include ../../listings/00-start-here/greeter/src/main.rs:greet}}\n```\n";
        let out = transform(md, &root, &dir, None).unwrap();
        let expected = "data-source=\"fn main() {&#10;    // ANCHOR: greet&#10;    println!(&quot;&lt;hi&gt; &amp; \\&quot;you\\&quot;&quot;);";
        assert!(out.contains(expected), "{out}");
        std::fs::write(krate.join("src/lib.rs"), "").unwrap();
        let out = transform(md, &root, &dir, None).unwrap();
        assert!(!out.contains("data-source"), "{out}");
        std::fs::remove_dir_all(&root).unwrap();
    }

    // Code that is not from a listing is left exactly as written.
    #[test]
    fn leaves_other_code_alone() {
        let md = "```rust,ignore\nfn main() {}\n```\n\n```mermaid\ngraph TD\n```\n";
        let out = transform(md, &root(), &root().join("src/04-data"), None).unwrap();
        assert_eq!(out, md);
    }

    // A chapter's parts are read from its directives: the Bloom filter
    // chapter shows one listing, its quiz and its exercise.
    #[test]
    fn reads_a_chapters_parts() {
        let parts = chapter_parts(&root(), &root().join("src/04-data/bloom-filters.md")).unwrap();
        assert_eq!(parts.listings, ["listings/04-data/bloom-filter"]);
        assert_eq!(parts.quizzes, ["quizzes/04-data/bloom-filters.toml"]);
        assert_eq!(parts.exercises, ["exercises/04-data/counting-bloom"]);
    }

    // A prompt followed by a visible output is caught; a hidden one passes.
    #[test]
    fn predicted_outputs_must_be_hidden() {
        let shown = "> [!TIP]\n> **Predict first.** What prints?\n\n```console\n{{#include ../../listings/x/y/output.txt}}\n```\n";
        let problems = predictions_not_hidden(shown);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("line 4"), "{problems:?}");
        let hidden = shown.replace("```console", "```console,reveal");
        assert!(predictions_not_hidden(&hidden).is_empty());
        // The rule stops at the next heading: a later output may be shown.
        let later = format!("{hidden}\n## Next\n\n```console\n$ cargo run\n```\n");
        assert!(predictions_not_hidden(&later).is_empty());
        // But the first output after a prompt is its answer, even past a heading.
        let past = "> **Predict first.** x\n\n## Runs\n\n```console\n$ cargo run\n```\n";
        assert_eq!(predictions_not_hidden(past).len(), 1);
        // A prompt answered by an inline quiz needs no hidden block.
        let quiz = "> **Predict first.** x\n\n{{#quiz ../../quizzes/a.toml}}\n";
        assert!(predictions_not_hidden(quiz).is_empty());
        let nothing = "> **Predict first.** x\n\nSome prose.\n";
        assert_eq!(predictions_not_hidden(nothing).len(), 1);
        // An output inside <div class="reveal"> is hidden with its discussion.
        let div = "> **Predict first.** x\n\n<div class=\"reveal\">\n\n```console\n1\n```\n\nWhy.\n\n</div>\n";
        assert!(predictions_not_hidden(div).is_empty());
        // A prompt before an editable excerpt is answered by running the edit.
        let edit = "> **Predict first.** x\n\n```rust,editable\n{{#include a.rs:x}}\n```\n\n```console\n1\n```\n";
        assert!(predictions_not_hidden(edit).is_empty());
    }
}
