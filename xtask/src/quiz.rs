//! Quiz files (`quizzes/**/*.toml`): the checks mdbook-quiz does not do.
//!
//! - every question has a committed `id`, unique across the book;
//! - no two quiz files share a name (the browser keys saved answers by it);
//! - a question with a `check` table is a prediction about a listing, and its
//!   answer must equal that listing's fresh output (see CONTRIBUTING.md);
//! - in each phase, at most [`LONGEST_PERCENT_MAX`]% of the multiple-choice
//!   answers are longer than all their distractors, so that picking the
//!   longest, most careful-sounding option does not pass a quiz.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use toml::Value;

use crate::outputs::{self, Runs};
use crate::report::Report;

/// The most multiple-choice answers of a phase, in percent, that may be
/// longer than all of their distractors. With four options of random
/// lengths a quarter would be; more means the answer gives itself away.
pub const LONGEST_PERCENT_MAX: usize = 35;

/// Phases with fewer multiple-choice questions are not judged.
const LONGEST_MIN_QUESTIONS: usize = 8;

/// True if `longest` of `total` answers being the longest option is within
/// [`LONGEST_PERCENT_MAX`].
pub fn longest_share_ok(total: usize, longest: usize) -> bool {
    longest * 100 <= total * LONGEST_PERCENT_MAX
}

/// A multiple-choice question whose every correct answer is longer (in
/// characters) than every distractor.
pub fn answer_is_longest(question: &Value) -> bool {
    let answers = strings(question.get("answer").and_then(|a| a.get("answer")));
    let distractors = strings(question.get("prompt").and_then(|p| p.get("distractors")));
    let length = |s: &String| s.chars().count();
    match (
        answers.iter().map(length).min(),
        distractors.iter().map(length).max(),
    ) {
        (Some(answer), Some(distractor)) => answer > distractor,
        _ => false,
    }
}

/// Every quiz file under `quizzes/`.
pub fn find(root: &Path) -> Vec<PathBuf> {
    crate::files_under(&root.join("quizzes"), |name| name.ends_with(".toml"))
}

/// The quiz files' contents now, to notice a build that rewrote one.
pub fn snapshot(root: &Path) -> HashMap<PathBuf, String> {
    find(root)
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t)))
        .collect()
}

/// The files of `before` whose contents changed since.
pub fn changed_since(before: &HashMap<PathBuf, String>) -> Vec<PathBuf> {
    let mut changed: Vec<PathBuf> = before
        .iter()
        .filter(|(p, text)| std::fs::read_to_string(p).ok().as_ref() != Some(text))
        .map(|(p, _)| p.clone())
        .collect();
    changed.sort();
    changed
}

pub fn check_all(root: &Path, runs: &mut Runs, report: &mut Report) {
    check(root, None, runs, report);
}

/// The quiz checks. Names and ids are unique across every quiz file; the
/// answers checked against a listing are those of `only` (all when None),
/// whose listings run first, together, after one build.
pub fn check(root: &Path, only: Option<&[PathBuf]>, runs: &mut Runs, report: &mut Report) {
    let files = find(root);
    // Per phase folder: multiple-choice questions, and those whose answer
    // is the longest option.
    let mut phases: std::collections::BTreeMap<String, (usize, Vec<String>)> = Default::default();
    let selected = |path: &PathBuf| only.is_none_or(|o| o.contains(path));
    warm_listings(root, files.iter().filter(|p| selected(p)), runs);
    let mut stems: HashMap<String, PathBuf> = HashMap::new();
    let mut ids: HashMap<String, String> = HashMap::new();
    for path in &files {
        let name = crate::relative(root, path);
        let stem = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if let Some(other) = stems.insert(stem.clone(), path.clone()) {
            report.record(
                false,
                &format!(
                    "{name} and {} share the name `{stem}`",
                    crate::relative(root, &other)
                ),
                "rename one: the browser stores a reader's answers under the file name",
            );
        }
        let quiz = match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| t.parse::<toml::Table>().map_err(|e| e.to_string()))
        {
            Ok(q) => q,
            Err(e) => {
                report.record(
                    false,
                    &format!("{name} is not valid TOML: {e}"),
                    "fix the TOML syntax at the place named",
                );
                continue;
            }
        };
        let Some(questions) = quiz.get("questions").and_then(Value::as_array) else {
            report.record(
                false,
                &format!("{name} has no [[questions]]"),
                "add questions (see CONTRIBUTING.md)",
            );
            continue;
        };
        let phase = path
            .strip_prefix(root.join("quizzes"))
            .ok()
            .and_then(|p| p.components().next())
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .unwrap_or_default();
        for (i, question) in questions.iter().enumerate() {
            let label = format!("{name} question {}", i + 1);
            if question.get("type").and_then(Value::as_str) == Some("MultipleChoice") {
                let tally = phases.entry(phase.clone()).or_default();
                tally.0 += 1;
                if answer_is_longest(question) {
                    tally.1.push(label.clone());
                }
            }
            match question.get("id").and_then(Value::as_str) {
                Some(id) if !id.trim().is_empty() => {
                    if let Some(other) = ids.insert(id.to_string(), label.clone()) {
                        report.record(false, &format!("{label} reuses the id of {other}"), "give it a fresh id: python3 -c 'import uuid; print(uuid.uuid4())'");
                    }
                }
                _ => report.record(false, &format!("{label} has no `id`"), "add `id = \"<uuid>\"` (python3 -c 'import uuid; print(uuid.uuid4())') and commit it"),
            }
            if question.get("check").is_some() && selected(path) {
                let outcome = check_question(root, question, runs);
                let fix =
                    "make the answer match the listing's output (or fix the listing and bless it)";
                match outcome {
                    Ok(()) => {
                        report.record(true, &format!("{label}: answer matches the listing"), "")
                    }
                    Err(e) => report.record(false, &format!("{label}: {e}"), fix),
                }
            }
        }
    }
    if only.is_none() {
        for (phase, (total, longest)) in &phases {
            if *total < LONGEST_MIN_QUESTIONS {
                continue;
            }
            report.record(
                longest_share_ok(*total, longest.len()),
                &format!(
                    "quizzes/{phase}: {} of {total} multiple-choice answers are longer than every distractor (at most {LONGEST_PERCENT_MAX}%)",
                    longest.len()
                ),
                &format!(
                    "a reader who always picks the longest option should not pass: make distractors as specific as the answer (real misconceptions, same care and length) in some of: {}",
                    longest.join("; ")
                ),
            );
        }
    }
    report.record(
        !files.is_empty(),
        &format!("{} quiz files found", files.len()),
        "quizzes live in quizzes/<phase>/<slug>.toml",
    );
}

/// Runs, in one batch, the listings that the `check` questions of `files`
/// compare with (those not run already).
fn warm_listings<'a>(root: &Path, files: impl Iterator<Item = &'a PathBuf>, runs: &mut Runs) {
    let mut wanted: Vec<outputs::Recorded> = Vec::new();
    for path in files {
        let Some(quiz) = std::fs::read_to_string(path)
            .ok()
            .and_then(|t| t.parse::<toml::Table>().ok())
        else {
            continue;
        };
        for question in quiz
            .get("questions")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(output) = question
                .get("check")
                .and_then(|c| c.get("output"))
                .and_then(Value::as_str)
            else {
                continue;
            };
            if let Ok(recorded) = outputs::read(root, &root.join(output))
                && !runs.has(&recorded)
                && !wanted.contains(&recorded)
            {
                wanted.push(recorded);
            }
        }
    }
    if !wanted.is_empty() {
        runs.run_all(root, &wanted, 1);
    }
}

/// Strips a code fence or inline backticks from an answer, so that
/// "`state: Open`" and a fenced block both compare by their text.
pub fn plain(answer: &str) -> String {
    let text = answer.trim();
    if let Some(start) = text.find("```") {
        let after = &text[start + 3..];
        let body = after.split_once('\n').map_or("", |(_, b)| b);
        let body = body.rfind("```").map_or(body, |end| &body[..end]);
        return body.trim_end().to_string();
    }
    text.trim_matches('`').trim().to_string()
}

pub fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect(),
        _ => Vec::new(),
    }
}

/// What a checked answer is compared with: one text, or a set of lines.
#[derive(Debug, PartialEq)]
pub enum Expected {
    One(String),
    Set(BTreeSet<String>),
}

/// Decides whether `answers` (and no distractor) match `stdout`.
pub fn compare(
    answers: &[String],
    distractors: &[String],
    stdout: &str,
    line: Option<usize>,
) -> Result<(), String> {
    let expected = if answers.len() > 1 {
        Expected::Set(
            stdout
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
        )
    } else {
        match line {
            Some(n) => Expected::One(
                stdout
                    .lines()
                    .nth(n.checked_sub(1).ok_or("`check.line` counts from 1")?)
                    .ok_or(format!("the output has no line {n}"))?
                    .trim()
                    .to_string(),
            ),
            None => Expected::One(stdout.trim_end().to_string()),
        }
    };
    let given: Vec<String> = answers.iter().map(|a| plain(a)).collect();
    match &expected {
        Expected::One(text) => {
            let answer = given.first().ok_or("the question has no answer")?;
            if answer != text {
                return Err(format!(
                    "the answer is {answer:?} but the listing prints {text:?}"
                ));
            }
        }
        Expected::Set(lines) => {
            let answer: BTreeSet<String> = given.iter().cloned().collect();
            if &answer != lines {
                return Err(format!(
                    "the answers are {answer:?} but the listing prints the lines {lines:?}"
                ));
            }
        }
    }
    for d in distractors.iter().map(|d| plain(d)) {
        let hit = match &expected {
            Expected::One(text) => &d == text,
            Expected::Set(lines) => lines.contains(&d),
        };
        if hit {
            return Err(format!(
                "the distractor {d:?} is also what the listing prints"
            ));
        }
    }
    Ok(())
}

/// The text between `ANCHOR: name` and `ANCHOR_END: name`, without other anchor lines.
pub fn anchor_region(source: &str, anchor: Option<&str>) -> Option<String> {
    let is_marker = |l: &str| l.contains("ANCHOR:") || l.contains("ANCHOR_END:");
    let lines: Vec<&str> = source.lines().collect();
    let (start, end) = match anchor {
        None => (0, lines.len()),
        Some(name) => {
            let start = lines
                .iter()
                .position(|l| l.split("ANCHOR:").nth(1).is_some_and(|n| n.trim() == name))?;
            let end = start
                + lines[start..].iter().position(|l| {
                    l.split("ANCHOR_END:")
                        .nth(1)
                        .is_some_and(|n| n.trim() == name)
                })?;
            (start + 1, end)
        }
    };
    let kept: Vec<&str> = lines[start..end]
        .iter()
        .copied()
        .filter(|l| !is_marker(l))
        .collect();
    Some(dedent(&kept))
}

fn dedent(lines: &[&str]) -> String {
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or("").trim_end())
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// The first ```rust block of a Markdown prompt.
pub fn first_rust_block(markdown: &str) -> Option<String> {
    let mut lines = markdown.lines();
    lines
        .by_ref()
        .find(|l| l.trim_start().starts_with("```rust"))?;
    let body: Vec<&str> = lines
        .take_while(|l| !l.trim_start().starts_with("```"))
        .collect();
    Some(dedent(&body))
}

fn check_question(root: &Path, q: &Value, runs: &mut Runs) -> Result<(), String> {
    let check = q
        .get("check")
        .and_then(Value::as_table)
        .ok_or("`check` must be a table")?;
    if q.get("type").and_then(Value::as_str) == Some("Tracing") {
        return Err("a Tracing question is checked by mdbook-quiz itself; remove `check`".into());
    }
    let output = check
        .get("output")
        .and_then(Value::as_str)
        .ok_or("`check.output` must name a recorded output file")?;
    let line = match check.get("line") {
        None => None,
        Some(v) => Some(
            v.as_integer()
                .and_then(|n| usize::try_from(n).ok())
                .ok_or("`check.line` must be a positive integer")?,
        ),
    };
    let recorded = outputs::read(root, &root.join(output))?;
    let stdout = runs.stdout(root, &recorded)?;
    let answers = strings(q.get("answer").and_then(|a| a.get("answer")));
    let distractors = strings(q.get("prompt").and_then(|p| p.get("distractors")));
    compare(&answers, &distractors, &stdout, line)?;
    if let Some(source) = check.get("source").and_then(Value::as_str) {
        let text = std::fs::read_to_string(root.join(source))
            .map_err(|e| format!("cannot read {source}: {e}"))?;
        let anchor = check.get("anchor").and_then(Value::as_str);
        let region =
            anchor_region(&text, anchor).ok_or(format!("{source} has no anchor {anchor:?}"))?;
        let prompt = q
            .get("prompt")
            .and_then(|p| p.get("prompt"))
            .and_then(Value::as_str)
            .unwrap_or("");
        let shown = first_rust_block(prompt)
            .ok_or("`check.source` is set but the prompt has no ```rust block")?;
        if shown != region {
            return Err(format!(
                "the prompt's code differs from {source}{}",
                anchor.map(|a| format!(" anchor `{a}`")).unwrap_or_default()
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_longer_than_every_distractor_is_flagged() {
        let q = |answer: &str| -> Value {
            format!(
                "type = \"MultipleChoice\"\nprompt.distractors = [\"short\", \"a bit longer\"]\nanswer.answer = \"{answer}\""
            )
            .parse::<toml::Table>()
            .map(Value::Table)
            .unwrap()
        };
        assert!(answer_is_longest(&q("the longest option of all")));
        assert!(
            !answer_is_longest(&q("a bit longer")),
            "a tie is not flagged"
        );
        assert!(!answer_is_longest(&q("tiny")));
        assert!(longest_share_ok(20, 7));
        assert!(
            !longest_share_ok(20, 8),
            "40% of a phase gives the answers away"
        );
    }

    fn s(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    // Backticks and code fences are not part of the compared text.
    #[test]
    fn plain_strips_markup() {
        assert_eq!(plain("`state: Open`"), "state: Open");
        assert_eq!(plain("```text\na\nb\n```"), "a\nb");
        assert_eq!(plain("  42 "), "42");
    }

    // A single answer must equal the whole output, or the named line.
    #[test]
    fn single_answers() {
        let out = "start\nstate: Open\n";
        assert!(compare(&s(&["`start\nstate: Open`"]), &[], out, None).is_ok());
        assert!(
            compare(
                &s(&["`state: Open`"]),
                &s(&["`state: Closed`"]),
                out,
                Some(2)
            )
            .is_ok()
        );
        assert!(compare(&s(&["`state: Closed`"]), &[], out, Some(2)).is_err());
        assert!(compare(&s(&["x"]), &[], out, Some(9)).is_err());
        assert!(compare(&s(&["x"]), &[], out, Some(0)).is_err());
    }

    // A list of answers must equal the set of output lines; one byte off fails.
    #[test]
    fn set_answers() {
        let out = "1\n2\n";
        assert!(compare(&s(&["`1`", "`2`"]), &s(&["`0`"]), out, None).is_ok());
        assert!(compare(&s(&["`1`", "`3`"]), &[], out, None).is_err());
        assert!(compare(&s(&["`2`", "`1`", "`0`"]), &[], out, None).is_err());
    }

    // A distractor that is in fact correct is an error in the quiz.
    #[test]
    fn distractor_equal_to_output_fails() {
        assert!(compare(&s(&["a"]), &s(&["`b`"]), "b\n", Some(1)).is_err());
        assert!(compare(&s(&["`1`", "`2`"]), &s(&["`2`"]), "1\n2\n", None).is_err());
    }

    // Anchor regions drop marker lines and common indentation.
    #[test]
    fn anchors() {
        let src = "fn a() {}\n    // ANCHOR: x\n    let y = 1;\n    // ANCHOR: inner\n    y\n    // ANCHOR_END: inner\n    // ANCHOR_END: x\n";
        assert_eq!(anchor_region(src, Some("x")).unwrap(), "let y = 1;\ny");
        assert_eq!(anchor_region(src, Some("missing")), None);
        assert!(anchor_region(src, None).unwrap().starts_with("fn a() {}"));
    }

    // The prompt's first Rust block is what gets compared with the source.
    #[test]
    fn rust_block() {
        let md = "What prints?\n```rust\nfn main() {\n    go();\n}\n```\n```rust\nother\n```";
        assert_eq!(first_rust_block(md).unwrap(), "fn main() {\n    go();\n}");
        assert_eq!(first_rust_block("no code"), None);
    }
}
