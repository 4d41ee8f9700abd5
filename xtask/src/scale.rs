//! How the checks grow with the book: `cargo xtask test --step scale`.
//!
//! The step builds a book of 100 chapters in the shape of the real ones
//! (every real chapter, then copies of them under generated names, each
//! copy with its own quizzes, listed in a generated SUMMARY.md), runs the
//! page-level browser suite (`e2e/tests/pages.spec.mjs`) over it and times
//! it against its budget. Then it projects a warm full run to 100 chapters
//! from the step times of the last warm full run (`target/xtask/`), and
//! prints how: steps whose work grows with the chapters scale by
//! 100 / (chapters today), the book build and the page-level suite are
//! measured on the generated book, and the steps that do a fixed amount of
//! work stay as measured.
//!
//! The outputs and exercises steps also print, on every run, what one
//! listing or exercise costs and what that makes at 100 chapters
//! ([`project_line`]).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::report::Report;

/// The size the projection is for.
pub const CHAPTERS: usize = 100;
/// The page-level browser suite over the generated book.
pub const GENERATED_SUITE_BUDGET: Duration = Duration::from_secs(90);
/// A warm full run at 100 chapters, projected.
pub const PROJECTED_BUDGET: Duration = Duration::from_secs(180);

/// Where runs keep their step times for this step: `target/xtask/`.
pub fn timings_dir(root: &Path) -> PathBuf {
    root.join("target/xtask")
}

#[derive(serde::Serialize, serde::Deserialize)]
pub struct Timings {
    pub warm: bool,
    /// Unix seconds when the run ended.
    pub at: u64,
    pub chapters: usize,
    pub steps: Vec<(String, f64)>,
}

impl Timings {
    fn step(&self, name: &str) -> Option<f64> {
        self.steps.iter().find(|(n, _)| n == name).map(|(_, t)| *t)
    }
}

/// Keeps a run's step times (`scope` is `full` or `chapter`).
pub fn save_timings(root: &Path, scope: &str, warm: bool, steps: &[(&str, f64)]) {
    let timings = Timings {
        warm,
        at: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        chapters: crate::chapter::book_chapters(root).len(),
        steps: steps.iter().map(|(n, t)| (n.to_string(), *t)).collect(),
    };
    let dir = timings_dir(root);
    let _ = std::fs::create_dir_all(&dir);
    if let Ok(text) = serde_json::to_string_pretty(&timings) {
        let _ = std::fs::write(dir.join(format!("timings-{scope}.json")), text);
    }
}

fn load_timings(root: &Path, scope: &str) -> Option<Timings> {
    let path = timings_dir(root).join(format!("timings-{scope}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

/// Prints what one unit (a listing output, an exercise) cost in a step and
/// what the book's units would cost at 100 chapters, scaled by the units a
/// chapter has today (`book_units` over the book's chapters).
pub fn project_line(root: &Path, what: &str, measured: usize, took: f64, book_units: usize) {
    let chapters = crate::chapter::book_chapters(root).len();
    if measured == 0 || chapters == 0 {
        return;
    }
    let per_unit = took / measured as f64;
    let per_chapter = book_units as f64 / chapters as f64;
    let units = per_chapter * CHAPTERS as f64;
    println!(
        "    at {CHAPTERS} chapters: {book_units} {what} over {chapters} chapters is {per_chapter:.2} a chapter, so {units:.0} {what} at {per_unit:.2} s each: {:.0} s",
        units * per_unit
    );
}

/// A copy of a chapter: `name` is its new file stem.
struct Copy {
    source: String,
    page: String,
    title: String,
}

/// Writes the generated book into `dest`: the real book's sources, then
/// copies of its chapters (in turn) until there are `CHAPTERS` chapters.
/// Each copy's quizzes are copied under the copy's name, so that no two
/// pages share a quiz (the browser keeps answers by quiz name).
fn generate(root: &Path, dest: &Path) -> anyhow::Result<usize> {
    crate::serve::copy_book_sources(root, dest)?;
    let pages = crate::chapter::summary_pages(root);
    let chapters: Vec<(String, String)> = pages
        .iter()
        .filter_map(|(page, part)| part.as_ref().map(|p| (page.clone(), p.clone())))
        .collect();
    anyhow::ensure!(
        !chapters.is_empty(),
        "src/SUMMARY.md lists no chapter under a phase"
    );
    let summary = std::fs::read_to_string(root.join("src/SUMMARY.md"))?;
    let title_of = |page: &str| {
        summary
            .lines()
            .find(|l| l.contains(&format!("]({page})")))
            .and_then(|l| l.split_once('[').and_then(|(_, r)| r.split_once(']')))
            .map_or(page.to_string(), |(t, _)| t.to_string())
    };
    let mut copies: Vec<(String, Copy)> = Vec::new();
    for i in 0..CHAPTERS.saturating_sub(chapters.len()) {
        let (source, part) = &chapters[i % chapters.len()];
        let round = i / chapters.len() + 1;
        let page = source.replace(".md", &format!("-copy-{round}.md"));
        copies.push((
            part.clone(),
            Copy {
                source: source.clone(),
                page,
                title: format!("{} (copy {round})", title_of(source)),
            },
        ));
    }
    for (_, copy) in &copies {
        let text = std::fs::read_to_string(root.join("src").join(&copy.source))?;
        let suffix = copy
            .page
            .rsplit_once("-copy-")
            .map_or(String::new(), |(_, r)| {
                format!("-copy-{}", r.trim_end_matches(".md"))
            });
        let mut out = String::new();
        for line in text.split_inclusive('\n') {
            let quiz = line
                .trim()
                .strip_prefix("{{#quiz ")
                .and_then(|r| r.strip_suffix("}}"))
                .map(str::trim);
            let Some(quiz) = quiz else {
                out.push_str(line);
                continue;
            };
            // The quiz path is relative to the chapter's folder.
            let chapter_dir = dest.join("src").join(&copy.source);
            let chapter_dir = chapter_dir.parent().unwrap_or(dest);
            let renamed = quiz.replace(".toml", &format!("{suffix}.toml"));
            // Question ids are unique across the book too.
            let questions = std::fs::read_to_string(chapter_dir.join(quiz))?;
            let questions: String = questions
                .split_inclusive('\n')
                .map(|l| match l.strip_prefix("id = \"") {
                    Some(rest) => format!(
                        "id = \"{}{suffix}\"{}",
                        rest.trim_end().trim_end_matches('"'),
                        &l[l.trim_end().len()..]
                    ),
                    None => l.to_string(),
                })
                .collect();
            std::fs::write(chapter_dir.join(&renamed), questions)?;
            out.push_str(&line.replace(quiz, &renamed));
        }
        std::fs::write(dest.join("src").join(&copy.page), out)?;
    }
    // SUMMARY.md: each phase's copies after its own chapters.
    let mut lines: Vec<String> = Vec::new();
    let mut part: Option<String> = None;
    let flush = |part: &Option<String>, lines: &mut Vec<String>| {
        for (p, copy) in &copies {
            if Some(p) == part.as_ref() {
                lines.push(format!("- [{}]({})", copy.title, copy.page));
            }
        }
    };
    for line in summary.lines() {
        let separator = line.trim_start().starts_with("---");
        if separator {
            while lines.last().is_some_and(|l| l.trim().is_empty()) {
                lines.pop();
            }
            flush(&part, &mut lines);
            lines.push(String::new());
            part = None;
        }
        if let Some(title) = line.strip_prefix("# ")
            && title.trim() != "Summary"
        {
            while lines.last().is_some_and(|l| l.trim().is_empty()) {
                lines.pop();
            }
            flush(&part, &mut lines);
            lines.push(String::new());
            part = Some(title.trim().to_string());
        }
        lines.push(line.to_string());
    }
    flush(&part, &mut lines);
    lines.push(String::new());
    std::fs::write(dest.join("src/SUMMARY.md"), lines.join("\n"))?;
    Ok(chapters.len() + copies.len())
}

/// The `scale` step.
pub fn check(root: &Path, tools: &crate::tools::Tools, report: &mut Report) {
    let dest = std::env::temp_dir().join(format!("sdr-scale-{}", std::process::id()));
    let measured = measure(root, tools, &dest, report);
    // SDR_SCALE_KEEP=1 keeps the generated book (and its test report) to look at.
    if std::env::var_os("SDR_SCALE_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&dest);
    }
    let Some(generated) = measured else { return };
    project(root, &generated, report);
}

/// What the step measured on the generated book.
struct Generated {
    chapters: usize,
    build: f64,
    suite: crate::browser::Costs,
}

fn measure(
    root: &Path,
    tools: &crate::tools::Tools,
    dest: &Path,
    report: &mut Report,
) -> Option<Generated> {
    let fix = "read the error; the step is xtask/src/scale.rs";
    let chapters = match generate(root, dest) {
        Ok(n) => n,
        Err(e) => {
            report.record(
                false,
                &format!("generate the {CHAPTERS}-chapter book: {e:#}"),
                fix,
            );
            return None;
        }
    };
    println!(
        "    generated a book of {chapters} chapters in {} (the real ones and copies under new names)",
        dest.display()
    );
    let started = Instant::now();
    let built = crate::serve::cached_mdbook(root, tools).and_then(|mut cmd| {
        let out = cmd.current_dir(dest).arg("build").output()?;
        anyhow::ensure!(
            out.status.success(),
            "mdbook build of the generated book failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        Ok(())
    });
    let build = started.elapsed().as_secs_f64();
    if let Err(e) = built {
        report.record(false, &format!("{e:#}"), fix);
        return None;
    }
    println!("    $ mdbook build (generated book): {build:.1} s");
    let suite = match crate::browser::run_pages_only(
        root,
        &dest.join("book/html"),
        &dest.join("src"),
        dest,
    ) {
        Ok(costs) => costs,
        Err(e) => {
            report.record(
                false,
                &format!("page-level suite over the generated book: {e:#}"),
                "read the failing test above",
            );
            return None;
        }
    };
    println!("{}", suite.describe());
    report.record(
        suite.wall_s <= GENERATED_SUITE_BUDGET.as_secs_f64(),
        &format!(
            "page-level browser suite over the generated {chapters}-chapter book ({} pages): {:.1} s (budget {} s), {:.2} s of a worker's time a page",
            suite.pages,
            suite.wall_s,
            GENERATED_SUITE_BUDGET.as_secs(),
            suite.per_page_s()
        ),
        "make a page cheaper in e2e/tests/pages.spec.mjs (one load a page, shared tab), or find the slow page in the list above",
    );
    Some(Generated {
        chapters,
        build,
        suite,
    })
}

/// Projects the last warm full run to `CHAPTERS` chapters and prints how.
fn project(root: &Path, generated: &Generated, report: &mut Report) {
    let fix = "run the full `cargo xtask test` once (warm: nothing to compile), then `cargo xtask test --step scale`";
    let Some(full) = load_timings(root, "full") else {
        return report.record(
            false,
            "projection: no step times of a full run in target/xtask/",
            fix,
        );
    };
    let Some(browser) = crate::browser::Costs::load(root) else {
        return report.record(
            false,
            "projection: no browser suite times in target/xtask/",
            fix,
        );
    };
    let k = CHAPTERS as f64 / full.chapters.max(1) as f64;
    let mut total = 0.0;
    let mut lines = vec![format!(
        "    projection of a warm full run at {CHAPTERS} chapters, from the step times of the last full run ({}, {} chapters, so k = {CHAPTERS}/{} = {k:.2}):",
        if full.warm { "warm" } else { "not warm" },
        full.chapters,
        full.chapters
    )];
    let today_book = full.step("book").unwrap_or(0.0);
    for (name, took) in &full.steps {
        let (projected, how) = match name.as_str() {
            "lint" | "unit" | "outputs" | "answers" | "exercises" => (
                took * k,
                format!(
                    "{took:.1} s x k: its work grows with the crates, listings, quizzes and exercises a chapter brings"
                ),
            ),
            "book" => (
                generated.build,
                format!(
                    "mdbook build of the generated {}-chapter book, measured now",
                    generated.chapters
                ),
            ),
            "refresh" => {
                let ratio = if today_book > 0.0 {
                    generated.build / today_book
                } else {
                    k
                };
                (
                    took * ratio,
                    format!(
                        "{took:.1} s x {ratio:.2}: it builds the whole book twice, so it grows as the book build did ({today_book:.1} s to {:.1} s)",
                        generated.build
                    ),
                )
            }
            "browser" => {
                let workers = browser.workers.max(1) as f64;
                let accounted = (browser.pages_s
                    + browser.run_chapters_s
                    + browser.search_s
                    + browser.figures_s
                    + browser.other_s)
                    / workers;
                // Run is clicked on every excerpt of one chapter a phase
                // (runner.spec's sample): at a hundred chapters, every
                // phase has one, and a chapter costs what one costs today.
                let per_run_chapter = browser.run_chapters_s / browser.run_chapters.max(1) as f64;
                let mut parts: Vec<String> = crate::chapter::summary_pages(root)
                    .into_iter()
                    .filter_map(|(_, part)| part)
                    .collect();
                parts.dedup();
                let sampled = parts.len().max(browser.run_chapters);
                let rest = (per_run_chapter * sampled as f64
                    + (browser.search_s + browser.figures_s) * k
                    + browser.other_s)
                    / workers;
                let setup = (took - browser.wall_s).max(0.0);
                (
                    generated.suite.wall_s + rest + setup * k,
                    format!(
                        "{:.1} s page-level suite over the generated book (measured now) + ({per_run_chapter:.2} s Run on the excerpts of a chapter x {sampled} chapters, one a phase + ({:.1} s search + {:.1} s figures) x k + {:.1} s other tests) / {} workers + {setup:.1} s served-book build x k  [at today's size the same model gives {:.1} s of suite for a measured {:.1} s]",
                        generated.suite.wall_s,
                        browser.search_s,
                        browser.figures_s,
                        browser.other_s,
                        browser.workers,
                        accounted,
                        browser.wall_s
                    ),
                )
            }
            _ => (
                *took,
                format!("{took:.1} s: a fixed amount of work, whatever the number of chapters"),
            ),
        };
        total += projected;
        lines.push(format!("      {name:<10} {projected:>6.1} s  = {how}"));
    }
    lines.push(format!("      {:<10} {total:>6.1} s", "total"));
    println!("{}", lines.join("\n"));
    if !full.warm {
        // As the full run's own budget: a run that compiled is not judged.
        println!(
            "    the last full run compiled crates (its step times include compiling), so the {} s budget does not apply; {fix}",
            PROJECTED_BUDGET.as_secs()
        );
        return;
    }
    report.record(
        total <= PROJECTED_BUDGET.as_secs_f64(),
        &format!(
            "a warm full run at {CHAPTERS} chapters is projected at {total:.0} s (budget {} s)",
            PROJECTED_BUDGET.as_secs()
        ),
        "make the step with the largest projected time cheaper per chapter",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    // The generated book has CHAPTERS chapters, each copy with its own quiz,
    // listed under its phase.
    #[test]
    fn generates_a_book_of_100_chapters() {
        let root = crate::project_root();
        let dest = std::env::temp_dir().join(format!("sdr-scale-test-{}", std::process::id()));
        let n = generate(&root, &dest).unwrap();
        assert_eq!(n, CHAPTERS);
        let generated = crate::chapter::book_chapters(&dest);
        assert_eq!(generated.len(), CHAPTERS);
        // The copies start from the first chapter of the first phase, so
        // an early Fundamentals chapter always has one, whatever the book
        // grows to.
        let copy = generated
            .iter()
            .find(|p| p.contains("threads-copy-1"))
            .unwrap();
        let text = std::fs::read_to_string(dest.join("src").join(copy)).unwrap();
        assert!(
            text.contains("{{#quiz ../../quizzes/01-fundamentals/threads-copy-1.toml}}"),
            "{text}"
        );
        assert!(
            dest.join("quizzes/01-fundamentals/threads-copy-1.toml")
                .is_file()
        );
        std::fs::remove_dir_all(&dest).unwrap();
    }
}
